import type { RunReport } from './runs';
// Builders shared by the room specs: a three-person room, commands, and the server's stamping of
// event bodies (seq, actor, time) so a spec can drive decide and reduce the way the server does.
import type { RoomCommand, RoomCommandPayloads, RoomCommandType } from './commands';
import type { Actor } from './decide';
import { decide } from './decide';
import type { RoomEvent, RoomEventBody, RoomEventPayloads, RoomEventType } from './events';
import { eventBody } from './events';
import { reduce } from './reduce';
import type { RoomPrompt, RoomState, SessionConfig, WatchItem } from './state';
import { initialRoomState, SYSTEM_ACTOR_ID } from './state';

export const INTERVIEWER: Actor = { userId: 'interviewer-1', role: 'interviewer' };
export const CANDIDATE: Actor = { userId: 'candidate-1', role: 'candidate' };
export const OBSERVER: Actor = { userId: 'observer-1', role: 'observer' };

export const T0 = 1_700_000_000_000;
export const MINUTE = 60_000;
export const DURATION_MS = 45 * MINUTE;

/** A prompt whose every private string carries a marker a spec can search a view for. */
export const testPrompt = (tag = 'A'): RoomPrompt => ({
  promptId: null,
  title: `Prompt ${tag}`,
  body: `Design a durable job queue (${tag}).`,
  hints: [`HINT-${tag}-0`, `HINT-${tag}-1`, `HINT-${tag}-2`],
  followUps: [`FOLLOWUP-${tag}-0`, `FOLLOWUP-${tag}-1`],
  signals: ['architecture', 'production'],
  guide: {
    strongAnswer: [
      { point: `GUIDE-POINT-${tag}-0`, signal: 'architecture' },
      { point: `GUIDE-POINT-${tag}-1`, signal: 'production' },
    ],
    levels: { weak: `GUIDE-WEAK-${tag}`, mid: `GUIDE-MID-${tag}`, senior: `GUIDE-SENIOR-${tag}` },
  },
});

export const newRoom = (config: Partial<SessionConfig> = {}): RoomState =>
  initialRoomState({
    sessionId: 'session-1',
    // Every command must be possible in the default room, roles.swap included.
    peerMode: true,
    roundType: 'system-design',
    visibility: 'private',
    interviewerId: INTERVIEWER.userId,
    durationMs: DURATION_MS,
    prompt: testPrompt(),
    ...config,
  });

export const command = <T extends RoomCommandType>(
  type: T,
  payload: RoomCommandPayloads[T],
  clientEventId = `cmd-${type}`,
): RoomCommand => ({ type, payload, clientEventId }) as RoomCommand;

/** A committed event, as the server would stamp it. */
export const stamped = <T extends RoomEventType>(
  type: T,
  payload: RoomEventPayloads[T],
  stamp: { actorId?: string; at?: number; seq?: number } = {},
): RoomEvent => ({
  ...eventBody(type, payload),
  seq: stamp.seq ?? 1,
  actorId: stamp.actorId ?? INTERVIEWER.userId,
  at: stamp.at ?? T0,
});

/** Numbers event bodies after the state's last event and folds them in. */
export const commit = (
  state: RoomState,
  bodies: readonly RoomEventBody[],
  actorId: string,
  at: number,
): RoomState =>
  bodies.reduce<RoomState>(
    (current, body) => reduce(current, { ...body, seq: current.seq + 1, actorId, at }),
    state,
  );

/** Decides a command that must be accepted and commits its events. */
export function run(state: RoomState, cmd: RoomCommand, actor: Actor, now: number): RoomState {
  const decision = decide(state, cmd, actor, now);
  if (!decision.ok) {
    throw new Error(`${cmd.type} was refused: ${decision.error.code} ${decision.error.message}`);
  }
  return commit(state, decision.value, actor.userId, now);
}

/** All three participants joined, the prompt (if any) revealed and the timer started at T0. */
export function liveRoom(config: Partial<SessionConfig> = {}): RoomState {
  const joined = [INTERVIEWER, CANDIDATE, OBSERVER].reduce(
    (state, actor) =>
      commit(
        state,
        [eventBody('participant.joined', { ...actor, displayName: actor.userId })],
        actor.userId,
        T0,
      ),
    newRoom(config),
  );
  const revealed = joined.prompt
    ? run(joined, command('prompt.reveal', {}), INTERVIEWER, T0)
    : joined;
  return run(revealed, command('timer.start', {}), INTERVIEWER, T0);
}

/** A live room ended by the interviewer after `afterMs`. */
export const endedRoom = (config: Partial<SessionConfig> = {}, afterMs = 10 * MINUTE): RoomState =>
  run(liveRoom(config), command('session.end', {}), INTERVIEWER, T0 + afterMs);

/** What a candidate's audit of an earlier round put on the watch list, before any tick. */
/** A finished run as a browser reports it; `output` says which one, when runs are told apart. */
export const testRun = (output = 'true\n'): RunReport => ({
  language: 'javascript',
  status: 'ok',
  output,
  durationMs: 31,
  codeVersion: 'f'.repeat(64),
});

export const WATCH_ITEM: Omit<WatchItem, 'seenAtMs'> = {
  id: 'w1',
  signal: 'production',
  intent: 'WATCH-INTENT: say the retry budget before picking a queue.',
  fromSessionId: 'session-0',
};

/** The room with WATCH_ITEM listed by the server, and ticked at `seenAtMs` when given. */
export function withWatch(state: RoomState, seenAtMs: number | null = null): RoomState {
  const listed = commit(
    state,
    [eventBody('watch.listed', { items: [WATCH_ITEM] })],
    SYSTEM_ACTOR_ID,
    state.startedAt ?? T0,
  );
  if (seenAtMs === null) return listed;
  return commit(
    listed,
    [eventBody('watch.ticked', { itemId: WATCH_ITEM.id, offsetMs: seenAtMs })],
    INTERVIEWER.userId,
    T0 + seenAtMs,
  );
}

/** The events a command that must be accepted commits, numbered and stamped as the server would. */
export function acceptedEvents(
  state: RoomState,
  cmd: RoomCommand,
  actor: Actor,
  now: number,
): RoomEvent[] {
  const decision = decide(state, cmd, actor, now);
  if (!decision.ok) {
    throw new Error(`${cmd.type} was refused: ${decision.error.code} ${decision.error.message}`);
  }
  return decision.value.map((body, index) => ({
    ...body,
    seq: state.seq + index + 1,
    actorId: actor.userId,
    at: now,
  }));
}

/** The strings of a prompt a candidate may never read, given how many hints are out. */
export const privatePromptText = (prompt: RoomPrompt | null, hintsRevealed: number): string[] =>
  prompt === null
    ? []
    : [
        ...prompt.hints.slice(hintsRevealed),
        ...prompt.followUps,
        ...(prompt.guide
          ? [
              ...prompt.guide.strongAnswer.map((point) => point.point),
              prompt.guide.levels.weak,
              prompt.guide.levels.mid,
              prompt.guide.levels.senior,
            ]
          : []),
      ];
