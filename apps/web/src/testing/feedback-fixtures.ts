// Fixtures for the feedback and history specs: one small finished round, folded with the
// domain's own reducer and read with its own feedback builder, and a fetch that answers by path.
import type {
  FeedbackDocument,
  RoomEvent,
  RoomEventPayloads,
  RoomEventType,
  RoomPrompt,
  RoomState,
} from '@signal-room/domain';
import {
  buildFeedback,
  emptyScores,
  eventBody,
  initialRoomState,
  reduceAll,
} from '@signal-room/domain';
import type { ErrorCode, SessionSummary } from '@signal-room/protocol';

/** A valid (version 4) UUID numbered n, since the protocol checks every id. */
export const uuid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const SESSION_ID = uuid(1);
export const INTERVIEWER_ID = uuid(2);
export const CANDIDATE_ID = uuid(3);
export const OBSERVER_ID = uuid(4);

/** When the clock first started: 10 March 2025, 14:00 UTC. */
export const STARTED_AT = Date.UTC(2025, 2, 10, 14, 0, 0);
const SECOND = 1000;
const MINUTE = 60 * SECOND;

export const PROMPT: RoomPrompt = {
  promptId: null,
  title: 'Design a durable job queue',
  body: 'Jobs must run at least once, even when workers crash.',
  hints: ['Think about a worker that dies halfway through a job.', 'What makes a retry safe?'],
  followUps: [],
  signals: ['architecture', 'production'],
  guide: null,
};

let seq = 0;
const event = <T extends RoomEventType>(
  type: T,
  payload: RoomEventPayloads[T],
  at: number,
  actorId = INTERVIEWER_ID,
): RoomEvent => ({ ...eventBody(type, payload), seq: ++seq, actorId, at });

/** A system-design round: framing seen and strong, architecture seen and weak, the rest hidden. */
export const ROUND_EVENTS: readonly RoomEvent[] = [
  event(
    'participant.joined',
    { userId: INTERVIEWER_ID, displayName: 'Ivy', role: 'interviewer' },
    STARTED_AT - MINUTE,
  ),
  event(
    'participant.joined',
    { userId: CANDIDATE_ID, displayName: 'Cam', role: 'candidate' },
    STARTED_AT - 30 * SECOND,
    CANDIDATE_ID,
  ),
  event('prompt.revealed', {}, STARTED_AT - 10 * SECOND),
  event('timer.started', {}, STARTED_AT),
  event(
    'phase.changed',
    { phaseId: 'clarify-scope', offsetMs: 5 * SECOND },
    STARTED_AT + 5 * SECOND,
  ),
  // Typing began at 1:29.6 and the note reached the server at 1:30.2: it is a note of 1:29.
  event(
    'evidence.added',
    {
      evidence: {
        id: uuid(101),
        signal: 'framing',
        polarity: 'strong',
        note: 'Asked for the peak job rate before drawing anything',
        offsetMs: 89_600,
        authorId: INTERVIEWER_ID,
      },
    },
    STARTED_AT + 90_200,
  ),
  event(
    'move.marked',
    { markId: uuid(201), move: 'clarify-constraints', offsetMs: 95 * SECOND },
    STARTED_AT + 95 * SECOND,
  ),
  event('hint.revealed', { index: 0 }, STARTED_AT + 2 * MINUTE),
  event('timer.paused', {}, STARTED_AT + 150 * SECOND),
  event('timer.resumed', {}, STARTED_AT + 210 * SECOND),
  event(
    'evidence.added',
    {
      evidence: {
        id: uuid(102),
        signal: 'architecture',
        polarity: 'weak',
        note: 'Chose one shared queue without weighing a log-based design',
        offsetMs: 5 * MINUTE,
        authorId: INTERVIEWER_ID,
      },
    },
    STARTED_AT + 6 * MINUTE,
  ),
  event(
    'flag.marked',
    { markId: uuid(301), flag: 'ignored-hint', offsetMs: 7 * MINUTE },
    STARTED_AT + 8 * MINUTE,
  ),
  event('score.set', { signal: 'framing', score: 4 }, STARTED_AT + 15 * MINUTE),
  event('score.set', { signal: 'architecture', score: 2 }, STARTED_AT + 16 * MINUTE),
  event('score.set', { signal: 'communication', score: 3 }, STARTED_AT + 17 * MINUTE),
  event('session.ended', { reason: 'interviewer' }, STARTED_AT + 20 * MINUTE),
  event(
    'self-assessment.submitted',
    {
      scores: { ...emptyScores(), framing: 4, architecture: 4, communication: 3 },
      note: 'I think the design held up.',
    },
    STARTED_AT + 21 * MINUTE,
    CANDIDATE_ID,
  ),
  event('feedback.released', {}, STARTED_AT + 25 * MINUTE),
];

export const startingRoom = (): RoomState =>
  initialRoomState({
    sessionId: SESSION_ID,
    roundType: 'system-design',
    visibility: 'private',
    interviewerId: INTERVIEWER_ID,
    durationMs: 45 * MINUTE,
    prompt: PROMPT,
  });

export const finishedRoom = (): RoomState => reduceAll(startingRoom(), ROUND_EVENTS);

export const feedbackFixture = (): FeedbackDocument =>
  buildFeedback(finishedRoom(), STARTED_AT + 25 * MINUTE);

export const sessionSummary = (overrides: Partial<SessionSummary> = {}): SessionSummary => ({
  id: SESSION_ID,
  roundType: 'system-design',
  promptTitle: PROMPT.title,
  promptNote: null,
  visibility: 'private',
  peerMode: false,
  durationMinutes: 45,
  status: 'ended',
  myRole: 'candidate',
  participants: [
    { userId: INTERVIEWER_ID, displayName: 'Ivy', role: 'interviewer' },
    { userId: CANDIDATE_ID, displayName: 'Cam', role: 'candidate' },
  ],
  createdAt: new Date(STARTED_AT - 5 * MINUTE).toISOString(),
  endedAt: new Date(STARTED_AT + 20 * MINUTE).toISOString(),
  feedbackReleased: true,
  scores: null,
  previousSessionId: null,
  nextSessionId: null,
  ...overrides,
});

/** What a route answers: a JSON body with a status (200 unless said). */
export interface Reply {
  status?: number;
  body: unknown;
}

export const errorReply = (code: ErrorCode, status: number, message = 'Refused.'): Reply => ({
  status,
  body: { error: { code, message, retryable: false } },
});

/**
 * A fetch for the network edge that answers from a table of paths (the query string included
 * when a key has one); any other path is a 404 in the protocol's error shape.
 */
export function fakeFetch(routes: Record<string, Reply>) {
  return async (input: RequestInfo | URL): Promise<Response> => {
    const url = new URL(String(input), 'http://localhost');
    const reply =
      routes[url.pathname + url.search] ??
      routes[url.pathname] ??
      errorReply('NOT_FOUND', 404, `No route for ${url.pathname}`);
    const status = reply.status ?? 200;
    const text = JSON.stringify(reply.body);
    return {
      ok: status >= 200 && status < 300,
      status,
      json: async () => JSON.parse(text) as unknown,
      blob: async () => new Blob([text]),
    } as Response;
  };
}
