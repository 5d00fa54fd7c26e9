import type { Role, RoomStatus } from './state';
import { isStaff } from './state';

/**
 * A recording of the room's voices, made only with consent: the interviewer asks, and each
 * person's own microphone is recorded (by their own browser) only once they have agreed.
 */
export const RECORDING_STATUSES = ['requested', 'live', 'ended'] as const;
export type RecordingStatus = (typeof RECORDING_STATUSES)[number];

/** Why a recording ended: someone would not be recorded, someone stopped it, or the round ended. */
export const RECORDING_END_REASONS = ['declined', 'stopped', 'round-ended'] as const;
export type RecordingEndReason = (typeof RECORDING_END_REASONS)[number];

export interface Recording {
  /** The client event id of the request that asked for it. */
  id: string;
  requestedBy: string;
  requestedAt: number;
  /**
   * Who was in the room when it was asked for: it goes live once each of them has agreed. Anyone
   * who comes later is recorded only once they agree too, and may decline, which ends it.
   */
  awaiting: string[];
  /** Server epoch ms at which each person agreed, by user id: only their microphones record. */
  consentedAt: Record<string, number>;
  status: RecordingStatus;
  /** Server epoch ms it went live; null while it waits, and for one that never did. */
  startedAt: number | null;
  endedAt: number | null;
  endedBy: string | null;
  endReason: RecordingEndReason | null;
}

/** Recordings a room keeps; a room that needs more is recording something else. */
export const MAX_RECORDINGS = 20;

/** The recording asked for or under way, if any: a room has at most one at a time. */
export const activeRecording = (recordings: readonly Recording[]): Recording | null =>
  recordings.find((recording) => recording.status !== 'ended') ?? null;

/**
 * How far a browser's reading of the server's clock may be off: it estimates the offset over
 * the network, so a chunk it says began a moment before the recording went live is still its.
 */
export const RECORDING_CLOCK_SLACK_MS = 5_000;

/**
 * Whether what `userId`'s microphone picked up from `at` (server ms) was recorded with their
 * consent: the recording was live, they had agreed, and it had not ended yet.
 */
export function recordedWithConsent(recording: Recording, userId: string, at: number): boolean {
  const agreed = recording.consentedAt[userId];
  if (recording.startedAt === null || agreed === undefined) return false;
  const from = Math.max(recording.startedAt, agreed) - RECORDING_CLOCK_SLACK_MS;
  return at >= from && (recording.endedAt === null || at <= recording.endedAt);
}

/** A waiting recording goes live, at `at`, once everyone it waits for has agreed. */
export function settled(recording: Recording, at: number): Recording {
  if (recording.status !== 'requested') return recording;
  const everyone = recording.awaiting.every((userId) => userId in recording.consentedAt);
  return everyone ? { ...recording, status: 'live', startedAt: at } : recording;
}

export function ended(
  recording: Recording,
  at: number,
  by: string,
  reason: RecordingEndReason,
): Recording {
  if (recording.status === 'ended') return recording;
  return { ...recording, status: 'ended', endedAt: at, endedBy: by, endReason: reason };
}

/**
 * Who may hear a round's recordings, as the feedback allows: the staff once the round has ended,
 * the candidate once feedback is released.
 */
export const recordingsOpenTo = (
  role: Role,
  room: { status: RoomStatus; feedbackReleased: boolean },
): boolean => (isStaff(role) ? room.status === 'ended' : room.feedbackReleased);
