import type { Scorecard } from '../scorecard';
import { emptyScorecard } from '../scorecard';
import { elapsedAt, extendTimer, pauseTimer, startTimer } from '../timer';
import type { RoomEvent } from './events';
import type { Recording } from './recordings';
import { ended, settled } from './recordings';
import type { RoomState } from './state';

/** Folds one committed event into the room state. Total: it never throws, whatever it is given. */
export function reduce(state: RoomState, event: RoomEvent): RoomState {
  const next = apply(state, event);
  return { ...next, seq: Math.max(state.seq, event.seq) };
}

export const reduceAll = (state: RoomState, events: readonly RoomEvent[]): RoomState =>
  events.reduce(reduce, state);

/** Offsets count from the first start; before it, everything sits at zero. */
export const offsetAt = (state: RoomState, now: number): number => elapsedAt(state.timer, now);

function updateScorecard(
  state: RoomState,
  scorerId: string,
  change: (card: Scorecard) => Scorecard,
): RoomState {
  const card = state.scorecards[scorerId] ?? emptyScorecard(scorerId);
  return { ...state, scorecards: { ...state.scorecards, [scorerId]: change(card) } };
}

/** The recordings `which` picks, changed; the room as it was when it picks none. */
function updateRecordings(
  state: RoomState,
  which: (recording: Recording) => boolean,
  change: (recording: Recording) => Recording,
): RoomState {
  if (!state.recordings.some(which)) return state;
  return {
    ...state,
    recordings: state.recordings.map((recording) =>
      which(recording) ? change(recording) : recording,
    ),
  };
}

const byId = (recordingId: string) => (recording: Recording) => recording.id === recordingId;
const open = (recording: Recording) => recording.status !== 'ended';

function apply(state: RoomState, event: RoomEvent): RoomState {
  const { at, actorId } = event;
  switch (event.type) {
    case 'participant.joined': {
      const { userId, displayName, role } = event.payload;
      const participants = {
        ...state.participants,
        [userId]: { userId, displayName, role, online: true },
      };
      return { ...state, participants };
    }
    case 'participant.left': {
      const present = state.participants[event.payload.userId];
      if (!present) return state;
      const participants = {
        ...state.participants,
        [present.userId]: { ...present, online: false },
      };
      return { ...state, participants };
    }
    case 'prompt.set':
      return { ...state, prompt: event.payload.prompt, hintsRevealed: 0 };
    case 'prompt.revealed':
      return { ...state, promptRevealed: true };
    case 'hint.revealed': {
      const hintCount = state.prompt?.hints.length ?? 0;
      const revealed = Math.max(state.hintsRevealed, event.payload.index + 1);
      return Number.isInteger(revealed)
        ? { ...state, hintsRevealed: Math.min(hintCount, revealed) }
        : state;
    }
    case 'timer.started':
      // An ended round stays over: its timer must not run again.
      if (state.status === 'ended') return state;
      return {
        ...state,
        status: 'live',
        startedAt: state.startedAt ?? at,
        timer: startTimer(state.timer, at),
      };
    case 'timer.resumed':
      if (state.status === 'ended') return state;
      return { ...state, timer: startTimer(state.timer, at) };
    case 'timer.paused':
      return { ...state, timer: pauseTimer(state.timer, at) };
    case 'timer.extended':
      return { ...state, timer: extendTimer(state.timer, event.payload.byMs, at) };
    case 'phase.changed':
      return { ...state, phases: [...state.phases, { ...event.payload }] };
    case 'evidence.added':
      return updateScorecard(state, actorId, (card) => ({
        ...card,
        evidence: [...card.evidence, event.payload.evidence],
      }));
    case 'evidence.edited': {
      const { evidenceId, ...changes } = event.payload;
      return updateScorecard(state, actorId, (card) => ({
        ...card,
        evidence: card.evidence.map((item) =>
          item.id === evidenceId ? { ...item, ...changes } : item,
        ),
      }));
    }
    case 'evidence.removed':
      return updateScorecard(state, actorId, (card) => ({
        ...card,
        evidence: card.evidence.filter((item) => item.id !== event.payload.evidenceId),
      }));
    case 'score.set':
      return updateScorecard(state, actorId, (card) => ({
        ...card,
        scores: { ...card.scores, [event.payload.signal]: event.payload.score },
      }));
    case 'score.cleared':
      return updateScorecard(state, actorId, (card) => ({
        ...card,
        scores: { ...card.scores, [event.payload.signal]: null },
      }));
    case 'move.marked': {
      const { markId, move, offsetMs } = event.payload;
      return {
        ...state,
        moves: [...state.moves, { id: markId, move, offsetMs, authorId: actorId }],
      };
    }
    case 'move.unmarked':
      return { ...state, moves: state.moves.filter((mark) => mark.id !== event.payload.markId) };
    case 'flag.marked': {
      const { markId, flag, offsetMs } = event.payload;
      return {
        ...state,
        flags: [...state.flags, { id: markId, flag, offsetMs, authorId: actorId }],
      };
    }
    case 'flag.unmarked':
      return { ...state, flags: state.flags.filter((mark) => mark.id !== event.payload.markId) };
    case 'watch.listed': {
      const listed = new Set(state.watchFor.map((item) => item.id));
      const added = event.payload.items
        .filter((item) => !listed.has(item.id))
        .map((item) => ({ ...item, seenAtMs: null }));
      return added.length === 0 ? state : { ...state, watchFor: [...state.watchFor, ...added] };
    }
    case 'watch.withdrawn':
      return {
        ...state,
        watchFor: state.watchFor.filter((item) => item.id !== event.payload.itemId),
      };
    case 'watch.ticked':
    case 'watch.unticked': {
      const { itemId } = event.payload;
      const seenAtMs = event.type === 'watch.ticked' ? event.payload.offsetMs : null;
      return {
        ...state,
        watchFor: state.watchFor.map((item) => (item.id === itemId ? { ...item, seenAtMs } : item)),
      };
    }
    case 'self-assessment.submitted':
      return { ...state, selfAssessment: { ...event.payload } };
    case 'summary.written':
      return { ...state, summary: { ...event.payload } };
    case 'code.ran': {
      const { runId, ...run } = event.payload;
      return { ...state, runs: [...state.runs, { ...run, id: runId, userId: event.actorId, at }] };
    }
    case 'recording.requested': {
      if (state.recordings.some((recording) => recording.id === event.payload.recordingId)) {
        return state;
      }
      const recording: Recording = {
        id: event.payload.recordingId,
        requestedBy: actorId,
        requestedAt: at,
        awaiting: [...event.payload.awaiting],
        // Asking is not agreeing: the interviewer agrees for their own microphone like anyone.
        consentedAt: {},
        status: 'requested',
        startedAt: null,
        endedAt: null,
        endedBy: null,
        endReason: null,
      };
      return { ...state, recordings: [...state.recordings, recording] };
    }
    case 'recording.consented':
      return updateRecordings(state, byId(event.payload.recordingId), (recording) =>
        recording.status === 'ended' || actorId in recording.consentedAt
          ? recording
          : settled({ ...recording, consentedAt: { ...recording.consentedAt, [actorId]: at } }, at),
      );
    case 'recording.declined':
      return updateRecordings(state, byId(event.payload.recordingId), (recording) =>
        ended(recording, at, actorId, 'declined'),
      );
    case 'recording.stopped':
      return updateRecordings(state, byId(event.payload.recordingId), (recording) =>
        ended(recording, at, actorId, 'stopped'),
      );
    case 'session.ended':
      return {
        ...updateRecordings(state, open, (recording) =>
          ended(recording, at, actorId, 'round-ended'),
        ),
        status: 'ended',
        endedAt: state.endedAt ?? at,
        endReason: state.endReason ?? event.payload.reason,
        timer: pauseTimer(state.timer, at),
      };
    case 'feedback.released':
      return { ...state, feedbackReleased: true };
    case 'workspace.changed':
      return { ...state, workspace: { ...state.workspace, ...event.payload } };
    case 'meeting.linked':
      return { ...state, meetingLink: event.payload.url };
    case 'roles.swapped':
      return { ...state, nextSessionId: event.payload.nextSessionId };
    case 'participant.removed': {
      const { userId } = event.payload;
      const { [userId]: _removed, ...participants } = state.participants;
      // Someone no longer in the room cannot agree: the recording stops waiting for them.
      const waiting = updateRecordings(state, open, (recording) =>
        settled({ ...recording, awaiting: recording.awaiting.filter((id) => id !== userId) }, at),
      );
      return { ...waiting, participants };
    }
  }
}
