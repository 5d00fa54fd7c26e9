import { Inject, Injectable } from '@nestjs/common';
import type { Recording, RoomState } from '@signal-room/domain';
import {
  RECORDING_CLOCK_SLACK_MS,
  isStaff,
  recordedWithConsent,
  recordingsOpenTo,
} from '@signal-room/domain';
import type {
  ChunkQuery,
  ChunkStored,
  MyTrack,
  RecordingsResponse,
  StoredChunk,
  TrackDeleted,
} from '@signal-room/protocol';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG } from '../app.tokens';
import { AppException } from '../common/app-exception';
import type { AppConfig } from '../config';
import { RoomsService } from '../rooms/rooms.service';
import { SessionsService } from '../sessions/sessions.service';
import { RecordingChunkEntity } from './recording-chunk.entity';

/** Chunks a track's stream reads from the database at a time, so a long track is never held whole. */
const STREAM_BATCH = 32;

const MIB = 1024 * 1024;
const mib = (bytes: number): string => `${Math.round((bytes / MIB) * 10) / 10} MiB`;

/** One chunk as its uploader sent it. */
export interface IncomingChunk extends ChunkQuery {
  sessionId: string;
  recordingId: string;
  userId: string;
  index: number;
  bytes: Buffer;
}

/** A track's chunks as a stream reads them: its length first, then its bytes in order. */
export interface TrackStream {
  bytes: number;
  chunks: AsyncIterable<Uint8Array>;
}

const chunkOf = (row: {
  index: number;
  startedAt: string | number;
  durationMs: number;
  size: number;
}): StoredChunk => ({
  index: row.index,
  startedAt: Number(row.startedAt),
  durationMs: row.durationMs,
  bytes: row.size,
});

interface TrackKey {
  sessionId: string;
  recordingId: string;
  userId: string;
}

/** How many chunks and bytes of one person's track are stored. */
async function sizeOf(
  manager: EntityManager,
  { sessionId, recordingId, userId }: TrackKey,
): Promise<{ chunks: number; bytes: number }> {
  const [totals] = await manager.query<{ chunks: number; bytes: string | null }[]>(
    `SELECT count(*)::int AS chunks, SUM(size)::bigint AS bytes FROM recording_chunks
     WHERE session_id = $1 AND recording_id = $2 AND user_id = $3`,
    [sessionId, recordingId, userId],
  );
  return { chunks: totals?.chunks ?? 0, bytes: Number(totals?.bytes ?? 0) };
}

/**
 * Consented recordings: each browser uploads its own microphone chunk by chunk, and the server
 * stores a chunk only if the room shows that person's consent covering the moment it began, and
 * only within the per-chunk, per-session and per-person limits. People hear the recordings as
 * the feedback allows: staff once the round has ended, the candidate once feedback is released.
 */
@Injectable()
export class RecordingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rooms: RoomsService,
    private readonly sessions: SessionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Strangers learn nothing of a session, as everywhere else over HTTP: SESSION_NOT_FOUND. */
  async store(chunk: IncomingChunk, now = Date.now()): Promise<ChunkStored> {
    const { sessionId, recordingId, userId, index, startedAt, durationMs, bytes } = chunk;
    if (bytes.length === 0) throw new AppException('INVALID_PAYLOAD', 'The chunk is empty.');
    if (bytes.length > this.config.recordingChunkBytes) {
      throw new AppException(
        'PAYLOAD_TOO_LARGE',
        `A chunk carries at most ${this.config.recordingChunkBytes} bytes.`,
      );
    }
    await this.sessions.membership(sessionId, userId);
    // Folded up to the log's last event: a stop another node committed counts at once.
    const recording = this.recordingIn(await this.rooms.current(sessionId), recordingId);
    if (startedAt > now + RECORDING_CLOCK_SLACK_MS) {
      throw new AppException('INVALID_PAYLOAD', 'The chunk says it began in the future.');
    }
    if (!recordedWithConsent(recording, userId, startedAt)) {
      throw new AppException(
        'CONSENT_REQUIRED',
        'Your consent to this recording is not in the room for the moment this chunk began.',
      );
    }
    return this.dataSource.transaction(async (manager) => {
      // Uploads to one session queue on its row, and one person's on a lock of their own, so
      // two chunks arriving together cannot both fit under a limit that holds only one.
      await manager.query('SELECT 1 FROM sessions WHERE id = $1 FOR UPDATE', [sessionId]);
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [userId]);
      const stored = await manager.findOneBy(RecordingChunkEntity, {
        sessionId,
        recordingId,
        userId,
        index,
      });
      // A resend after a lost answer: the first copy stands, and is answered again.
      if (stored) return { ...chunkOf(stored), duplicate: true };
      await this.withinLimits(manager, sessionId, userId, bytes.length);
      await manager.insert(RecordingChunkEntity, {
        sessionId,
        recordingId,
        userId,
        index,
        startedAt: String(startedAt),
        durationMs,
        size: bytes.length,
        bytes,
      });
      return { index, startedAt, durationMs, bytes: bytes.length, duplicate: false };
    });
  }

  private async withinLimits(
    manager: EntityManager,
    sessionId: string,
    userId: string,
    adding: number,
  ): Promise<void> {
    const [totals] = await manager.query<{ session: string; user: string }[]>(
      `SELECT
         COALESCE(SUM(size) FILTER (WHERE session_id = $1), 0)::bigint AS session,
         COALESCE(SUM(size) FILTER (WHERE user_id = $2), 0)::bigint AS user
       FROM recording_chunks WHERE session_id = $1 OR user_id = $2`,
      [sessionId, userId],
    );
    const { recordingBytesPerSession, recordingBytesPerUser } = this.config;
    if (Number(totals?.session ?? 0) + adding > recordingBytesPerSession) {
      throw new AppException(
        'RECORDING_LIMIT_REACHED',
        `This session's recordings have reached their ${mib(recordingBytesPerSession)}.`,
      );
    }
    if (Number(totals?.user ?? 0) + adding > recordingBytesPerUser) {
      throw new AppException(
        'RECORDING_LIMIT_REACHED',
        `Your recordings have reached their ${mib(recordingBytesPerUser)}: delete some to record more.`,
      );
    }
  }

  /** Which chunks of my track are stored, for a client to resend only the rest. */
  async mine(sessionId: string, recordingId: string, userId: string): Promise<MyTrack> {
    await this.sessions.membership(sessionId, userId);
    const rows = await this.dataSource.manager.find(RecordingChunkEntity, {
      select: { index: true, startedAt: true, durationMs: true, size: true },
      where: { sessionId, recordingId, userId },
      order: { index: 'ASC' },
    });
    return { recordingId, userId, chunks: rows.map(chunkOf) };
  }

  /** Every recording of the round and its stored tracks, as the feedback allows. */
  async list(sessionId: string, userId: string): Promise<RecordingsResponse> {
    const state = await this.audible(sessionId, userId);
    const rows = await this.dataSource.query<
      {
        recording_id: string;
        user_id: string;
        chunks: number;
        bytes: string;
        started_at: string;
        ended_at: string;
      }[]
    >(
      `SELECT recording_id, user_id, count(*)::int AS chunks, SUM(size)::bigint AS bytes,
              MIN(started_at) AS started_at, MAX(started_at + duration_ms) AS ended_at
       FROM recording_chunks WHERE session_id = $1
       GROUP BY recording_id, user_id ORDER BY MIN(started_at)`,
      [sessionId],
    );
    const nameOf = (id: string) =>
      state.participants[id]?.displayName ?? 'Someone no longer in the session';
    return {
      sessionId,
      roundStartedAt: state.startedAt,
      recordings: state.recordings
        .filter((recording) => recording.startedAt !== null)
        .map((recording) => ({
          id: recording.id,
          status: recording.status,
          startedAt: recording.startedAt,
          endedAt: recording.endedAt,
          endReason: recording.endReason,
          tracks: rows
            .filter((row) => row.recording_id === recording.id)
            .map((row) => ({
              userId: row.user_id,
              displayName: nameOf(row.user_id),
              startedAt: Number(row.started_at),
              durationMs: Number(row.ended_at) - Number(row.started_at),
              bytes: Number(row.bytes),
              chunks: row.chunks,
            })),
        })),
    };
  }

  /** One person's track, its chunks joined in order into one WebM file. */
  async track(
    sessionId: string,
    recordingId: string,
    trackUserId: string,
    userId: string,
  ): Promise<TrackStream> {
    this.recordingIn(await this.audible(sessionId, userId), recordingId);
    const where = { sessionId, recordingId, userId: trackUserId };
    const totals = await sizeOf(this.dataSource.manager, where);
    if (totals.chunks === 0) {
      throw new AppException('NOT_FOUND', 'Nothing of that person is stored in this recording.');
    }
    const manager = this.dataSource.manager;
    async function* chunks(): AsyncIterable<Uint8Array> {
      for (let from = 0; ;) {
        const batch = await manager
          .createQueryBuilder(RecordingChunkEntity, 'chunk')
          .select(['chunk.index', 'chunk.bytes'])
          .where(where)
          .andWhere('chunk.index >= :from', { from })
          .orderBy('chunk.index', 'ASC')
          .limit(STREAM_BATCH)
          .getMany();
        for (const row of batch) yield row.bytes;
        const last = batch.at(-1);
        if (!last || batch.length < STREAM_BATCH) return;
        from = last.index + 1;
      }
    }
    return { bytes: totals.bytes, chunks: chunks() };
  }

  /** Removes my own track from a recording: anyone recorded may, once it is no longer live. */
  async deleteMine(sessionId: string, recordingId: string, userId: string): Promise<TrackDeleted> {
    await this.sessions.membership(sessionId, userId);
    const recording = this.recordingIn(await this.rooms.current(sessionId), recordingId);
    if (recording.status !== 'ended' && userId in recording.consentedAt) {
      throw new AppException(
        'INVALID_STATE',
        'Your microphone is still being recorded: stop the recording, then delete your track.',
      );
    }
    const where = { sessionId, recordingId, userId };
    return this.dataSource.transaction(async (manager) => {
      const removed = await sizeOf(manager, where);
      await manager.delete(RecordingChunkEntity, where);
      return { recordingId, ...removed };
    });
  }

  /** The room, once the caller may hear its recordings: the feedback's own rule. */
  private async audible(sessionId: string, userId: string): Promise<RoomState> {
    const { role } = await this.sessions.membership(sessionId, userId);
    const state = await this.rooms.current(sessionId);
    if (!recordingsOpenTo(role, state)) {
      throw new AppException(
        'FEEDBACK_NOT_READY',
        isStaff(role)
          ? 'Recordings open when the round ends.'
          : 'Recordings open when the interviewer releases the feedback.',
      );
    }
    return state;
  }

  private recordingIn(state: RoomState, recordingId: string): Recording {
    const recording = state.recordings.find((item) => item.id === recordingId);
    if (!recording) {
      throw new AppException('NOT_FOUND', `No recording with id ${recordingId} in this session.`);
    }
    return recording;
  }
}
