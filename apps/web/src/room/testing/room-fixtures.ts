// Plain room states for component specs: the shape the server sends, built from the domain's own
// initial state so a spec only states what it is about.
import type { Actor, Participant, RoomState, Scorecard } from '@signal-room/domain';
import { emptyScores, initialRoomState } from '@signal-room/domain';
import type { OptimisticView, QueuedCommand } from '@signal-room/room-client';
import { optimisticView } from '@signal-room/room-client';

export const INTERVIEWER_ID = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
export const CANDIDATE_ID = 'c0ffee00-1234-4abc-9def-0123456789ab';
export const OBSERVER_ID = '0b5e7e70-1234-4abc-9def-0123456789ab';

/** A fixed server clock. */
export const NOW = 1_795_308_600_000;
export const MINUTE = 60_000;

const person = (userId: string, displayName: string, role: Participant['role']): Participant => ({
  userId,
  displayName,
  role,
  online: true,
});

/** The room as a person sees it with their queued commands laid over it, as the page shows it. */
export const shownTo = (
  state: RoomState,
  actor: Actor,
  pending: readonly QueuedCommand[] = [],
): OptimisticView => optimisticView(state, pending, actor, NOW);

export function roomState(overrides: Partial<RoomState> = {}): RoomState {
  return {
    ...initialRoomState({
      sessionId: '5b8e2f1a-9c3d-4e7f-8a6b-1c2d3e4f5a6b',
      roundType: 'system-design',
      visibility: 'private',
      interviewerId: INTERVIEWER_ID,
      durationMs: 45 * MINUTE,
      prompt: {
        promptId: null,
        title: 'Usage metering',
        body: 'Design a service that meters API usage for billing.',
        hints: ['Start from one customer and one day of events.', 'What if an event arrives late?'],
        followUps: ['How would you replay a day of events?'],
        signals: ['framing', 'architecture', 'production'],
        guide: {
          strongAnswer: [{ point: 'Asks how late events may arrive.', signal: 'framing' }],
          levels: {
            weak: 'Draws boxes at once.',
            mid: 'Designs one path.',
            senior: 'Plans for failure.',
          },
        },
      },
    }),
    participants: {
      [INTERVIEWER_ID]: person(INTERVIEWER_ID, 'Ivy', 'interviewer'),
      [CANDIDATE_ID]: person(CANDIDATE_ID, 'Cal', 'candidate'),
    },
    ...overrides,
  };
}

/** A round live for two minutes at NOW, its timer running. */
export const liveRoom = (overrides: Partial<RoomState> = {}): RoomState =>
  roomState({
    status: 'live',
    startedAt: NOW - 2 * MINUTE,
    timer: { durationMs: 45 * MINUTE, elapsedMs: 0, runningSince: NOW - 2 * MINUTE },
    ...overrides,
  });

/** A scorecard with one score and one note, the kind a candidate must not see in private mode. */
export const interviewerCard = (note: string): Scorecard => ({
  scorerId: INTERVIEWER_ID,
  scores: { ...emptyScores(), framing: 2, architecture: 5 },
  evidence: [
    {
      id: 'e0e0e0e0-0000-4000-8000-000000000001',
      signal: 'framing',
      polarity: 'weak',
      note,
      offsetMs: 95_000,
      authorId: INTERVIEWER_ID,
    },
  ],
});
