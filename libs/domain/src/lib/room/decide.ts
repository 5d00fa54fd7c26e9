import { roundTypeById } from '../catalog';
import type { Decision } from '../errors';
import { accept, refuse } from '../errors';
import type { Evidence } from '../scorecard';
import { elapsedAt, isExpired, isRunning } from '../timer';
import type { RoomCommand, RoomCommandType } from './commands';
import type { RoomEventBody } from './events';
import type { Recording } from './recordings';
import { MAX_RECORDINGS, activeRecording } from './recordings';
import { MAX_RUN_OUTPUT, MAX_RUNS } from './runs';
import { eventBody } from './events';
import type { EndReason, Role, RoomState, WorkspaceSettings } from './state';

/** Who may send each command. The server checks this before anything else about a command. */
export const COMMAND_ROLES: Record<RoomCommandType, readonly Role[]> = {
  'prompt.set': ['interviewer'],
  'prompt.reveal': ['interviewer'],
  'hint.reveal': ['interviewer'],
  'timer.start': ['interviewer'],
  'timer.pause': ['interviewer'],
  'timer.resume': ['interviewer'],
  'timer.extend': ['interviewer'],
  'phase.change': ['interviewer'],
  'evidence.add': ['interviewer', 'observer'],
  'evidence.edit': ['interviewer', 'observer'],
  'evidence.remove': ['interviewer', 'observer'],
  'score.set': ['interviewer', 'observer'],
  'score.clear': ['interviewer', 'observer'],
  'move.mark': ['interviewer'],
  'move.unmark': ['interviewer'],
  'flag.mark': ['interviewer'],
  'flag.unmark': ['interviewer'],
  // The candidate's audit entries are theirs and the interviewer's: an observer scores blind.
  'watch.tick': ['interviewer'],
  'watch.untick': ['interviewer'],
  'self-assessment.submit': ['candidate'],
  'summary.write': ['interviewer'],
  'session.end': ['interviewer'],
  'feedback.release': ['interviewer'],
  'roles.swap': ['interviewer', 'candidate'],
  'participant.remove': ['interviewer'],
  // Those who may type in the pad may run it; observers follow.
  'code.run': ['interviewer', 'candidate'],
  'workspace.set': ['interviewer'],
  'meeting.set': ['interviewer'],
  'recording.request': ['interviewer'],
  // Consent is each person's own, whatever their role.
  'recording.consent': ['interviewer', 'candidate', 'observer'],
  'recording.decline': ['interviewer', 'candidate', 'observer'],
  'recording.stop': ['interviewer', 'candidate', 'observer'],
};

/** Commands that change a scorecard or its marks; they close once feedback is released. */
export const SCORECARD_COMMANDS: ReadonlySet<RoomCommandType> = new Set<RoomCommandType>([
  'evidence.add',
  'evidence.edit',
  'evidence.remove',
  'score.set',
  'score.clear',
  'move.mark',
  'move.unmark',
  'flag.mark',
  'flag.unmark',
  'watch.tick',
  'watch.untick',
]);

/** No round runs longer than this, extensions included. */
export const MAX_DURATION_MS = 4 * 60 * 60 * 1000;

export interface Actor {
  userId: string;
  role: Role;
}

type Events = Decision<RoomEventBody[]>;

const ok = (...events: RoomEventBody[]): Events => accept(events);

/** An offset the client proposes is kept within what has actually elapsed. */
const clampOffset = (state: RoomState, now: number, proposed: number | undefined): number => {
  const elapsed = elapsedAt(state.timer, now);
  return proposed === undefined ? elapsed : Math.min(elapsed, Math.max(0, proposed));
};

/** Ending a coaching round releases its feedback at once: the candidate saw the scores live. */
export const endEvents = (state: RoomState, reason: EndReason): RoomEventBody[] =>
  state.visibility === 'coaching'
    ? [eventBody('session.ended', { reason }), eventBody('feedback.released', {})]
    : [eventBody('session.ended', { reason })];

/**
 * The events that end a round whose running timer ran out at least `graceMs` ago, or none.
 * Idempotent by construction: an ended room yields nothing.
 */
export function timeUpEvents(state: RoomState, now: number, graceMs: number): RoomEventBody[] {
  const { timer } = state;
  if (state.status !== 'live' || timer.runningSince === null) return [];
  const expiredAt = timer.runningSince + (timer.durationMs - timer.elapsedMs);
  return now >= expiredAt + graceMs ? endEvents(state, 'time-up') : [];
}

function findEvidence(state: RoomState, actor: Actor, evidenceId: string): Decision<Evidence> {
  const own = state.scorecards[actor.userId]?.evidence.find((item) => item.id === evidenceId);
  if (own) return accept(own);
  const anyone = Object.values(state.scorecards).some((card) =>
    card.evidence.some((item) => item.id === evidenceId),
  );
  return anyone
    ? refuse('NOT_AUTHOR', 'Only the author of a piece of evidence may change it.')
    : refuse('NOT_FOUND', `No evidence with id ${evidenceId} in this session.`);
}

/** The recording a consent, decline or stop names, while it is asked for or live. */
function openRecording(state: RoomState, recordingId: string): Decision<Recording> {
  const recording = state.recordings.find((item) => item.id === recordingId);
  if (!recording) return refuse('NOT_FOUND', `No recording with id ${recordingId} in this room.`);
  if (recording.status === 'ended') return refuse('INVALID_STATE', 'That recording has ended.');
  return accept(recording);
}

/** Asking, agreeing, declining and stopping: nobody's microphone is recorded without them. */
function decideRecording(
  state: RoomState,
  command: Extract<RoomCommand, { type: `recording.${string}` }>,
  actor: Actor,
): Events {
  if (command.type === 'recording.request') {
    if (state.status === 'ended') {
      return refuse('INVALID_STATE', 'The round has ended: there is nothing left to record.');
    }
    if (activeRecording(state.recordings)) {
      return refuse('INVALID_STATE', 'A recording is already asked for or under way.');
    }
    if (state.recordings.length >= MAX_RECORDINGS) {
      return refuse('INVALID_STATE', `This room has made its ${MAX_RECORDINGS} recordings.`);
    }
    const present = Object.values(state.participants)
      .filter((participant) => participant.online && participant.userId !== actor.userId)
      .map((participant) => participant.userId);
    return ok(
      eventBody('recording.requested', {
        recordingId: command.clientEventId,
        awaiting: [actor.userId, ...present],
      }),
    );
  }
  const found = openRecording(state, command.payload.recordingId);
  if (!found.ok) return found;
  const recordingId = found.value.id;
  const agreed = actor.userId in found.value.consentedAt;
  switch (command.type) {
    case 'recording.consent':
      if (agreed) return refuse('INVALID_STATE', 'You have already agreed to this recording.');
      return ok(eventBody('recording.consented', { recordingId }));
    case 'recording.decline':
      if (agreed) {
        return refuse('INVALID_STATE', 'You agreed to this recording: stop it instead.');
      }
      return ok(eventBody('recording.declined', { recordingId }));
    case 'recording.stop':
      if (!agreed) {
        return refuse('INVALID_STATE', 'You are not being recorded: decline it instead.');
      }
      return ok(eventBody('recording.stopped', { recordingId }));
  }
}

/**
 * Turns a command into the events it causes, or says why it may not happen. Pure: the caller
 * passes the server's clock, and has already checked the payload against its schema.
 */
export function decide(state: RoomState, command: RoomCommand, actor: Actor, now: number): Events {
  if (!COMMAND_ROLES[command.type].includes(actor.role)) {
    return refuse('FORBIDDEN_ROLE', `The ${actor.role} may not send ${command.type}.`);
  }
  if (SCORECARD_COMMANDS.has(command.type) && state.feedbackReleased) {
    return refuse('INVALID_STATE', 'Feedback is released: the scorecards are closed.');
  }
  const ended = state.status === 'ended';
  const { timer } = state;

  switch (command.type) {
    case 'prompt.set':
      if (state.promptRevealed || ended) {
        return refuse('INVALID_STATE', 'The prompt can only change before it is revealed.');
      }
      return ok(eventBody('prompt.set', { prompt: command.payload.prompt }));
    case 'prompt.reveal':
      if (!state.prompt) return refuse('INVALID_STATE', 'This session has no prompt to reveal.');
      if (state.promptRevealed) return refuse('INVALID_STATE', 'The prompt is already revealed.');
      return ok(eventBody('prompt.revealed', {}));
    case 'hint.reveal':
      if (!state.promptRevealed) return refuse('INVALID_STATE', 'Reveal the prompt first.');
      if (state.hintsRevealed >= (state.prompt?.hints.length ?? 0)) {
        return refuse('INVALID_STATE', 'Every hint is already revealed.');
      }
      return ok(eventBody('hint.revealed', { index: state.hintsRevealed }));
    case 'timer.start':
      if (state.status !== 'waiting')
        return refuse('INVALID_STATE', 'The timer has already started.');
      return ok(eventBody('timer.started', {}));
    case 'timer.pause':
      if (ended || !isRunning(timer)) return refuse('INVALID_STATE', 'The timer is not running.');
      return ok(eventBody('timer.paused', {}));
    case 'timer.resume':
      if (ended || state.startedAt === null || isRunning(timer)) {
        return refuse('INVALID_STATE', 'Only a paused timer can be resumed.');
      }
      if (isExpired(timer, now)) {
        return refuse('INVALID_STATE', 'The time is up: extend the timer to go on.');
      }
      return ok(eventBody('timer.resumed', {}));
    case 'timer.extend': {
      const { byMs } = command.payload;
      if (ended) return refuse('INVALID_STATE', 'The session has ended.');
      if (!Number.isInteger(byMs) || byMs <= 0 || timer.durationMs + byMs > MAX_DURATION_MS) {
        return refuse('INVALID_PAYLOAD', 'A round lasts four hours at most, extensions included.');
      }
      return ok(eventBody('timer.extended', { byMs }));
    }
    case 'phase.change': {
      const { phaseId } = command.payload;
      if (ended) return refuse('INVALID_STATE', 'The session has ended.');
      if (!roundTypeById(state.roundType).phases.some((phase) => phase.id === phaseId)) {
        return refuse('INVALID_PAYLOAD', `This round type has no phase ${phaseId}.`);
      }
      return ok(eventBody('phase.changed', { phaseId, offsetMs: elapsedAt(timer, now) }));
    }
    case 'evidence.add': {
      const { signal, polarity, note, offsetMs, anchor } = command.payload;
      if (anchor?.documentId === 'pad' && anchor.fromLine > anchor.toLine) {
        return refuse('INVALID_PAYLOAD', 'A note points at lines from the first to the last.');
      }
      const evidence: Evidence = {
        id: command.clientEventId,
        signal,
        polarity,
        note,
        offsetMs: clampOffset(state, now, offsetMs),
        authorId: actor.userId,
        ...(anchor ? { anchor } : {}),
      };
      return ok(eventBody('evidence.added', { evidence }));
    }
    case 'evidence.edit': {
      const found = findEvidence(state, actor, command.payload.evidenceId);
      if (!found.ok) return found;
      const { offsetMs, ...changes } = command.payload;
      const edited =
        offsetMs === undefined
          ? changes
          : { ...changes, offsetMs: clampOffset(state, now, offsetMs) };
      return ok(eventBody('evidence.edited', edited));
    }
    case 'evidence.remove': {
      const found = findEvidence(state, actor, command.payload.evidenceId);
      if (!found.ok) return found;
      return ok(eventBody('evidence.removed', { evidenceId: found.value.id }));
    }
    case 'score.set':
      return ok(eventBody('score.set', { ...command.payload }));
    case 'score.clear':
      return ok(eventBody('score.cleared', { ...command.payload }));
    case 'move.mark':
      return ok(
        eventBody('move.marked', {
          markId: command.clientEventId,
          move: command.payload.move,
          offsetMs: clampOffset(state, now, command.payload.offsetMs),
        }),
      );
    case 'move.unmark':
      if (!state.moves.some((mark) => mark.id === command.payload.markId)) {
        return refuse('NOT_FOUND', 'No such communication move was marked.');
      }
      return ok(eventBody('move.unmarked', { ...command.payload }));
    case 'flag.mark':
      return ok(
        eventBody('flag.marked', {
          markId: command.clientEventId,
          flag: command.payload.flag,
          offsetMs: clampOffset(state, now, command.payload.offsetMs),
        }),
      );
    case 'flag.unmark':
      if (!state.flags.some((mark) => mark.id === command.payload.markId)) {
        return refuse('NOT_FOUND', 'No such failure mode was flagged.');
      }
      return ok(eventBody('flag.unmarked', { ...command.payload }));
    case 'watch.tick': {
      const item = state.watchFor.find((entry) => entry.id === command.payload.itemId);
      if (!item) return refuse('NOT_FOUND', 'Nothing with that id is on the watch list.');
      if (state.status === 'waiting') {
        return refuse('INVALID_STATE', 'Ticking opens once the round has started.');
      }
      if (item.seenAtMs !== null) return refuse('INVALID_STATE', 'That item is already ticked.');
      return ok(
        eventBody('watch.ticked', {
          itemId: item.id,
          offsetMs: clampOffset(state, now, command.payload.offsetMs),
        }),
      );
    }
    case 'watch.untick': {
      const item = state.watchFor.find((entry) => entry.id === command.payload.itemId);
      if (!item) return refuse('NOT_FOUND', 'Nothing with that id is on the watch list.');
      if (item.seenAtMs === null) return refuse('INVALID_STATE', 'That item is not ticked.');
      return ok(eventBody('watch.unticked', { itemId: item.id }));
    }
    case 'self-assessment.submit':
      if (!ended) return refuse('INVALID_STATE', 'Self-assessment opens when the round ends.');
      if (state.selfAssessment)
        return refuse('INVALID_STATE', 'The self-assessment is already in.');
      if (state.visibility === 'private' && state.feedbackReleased) {
        return refuse(
          'INVALID_STATE',
          'Feedback is already released; a self-assessment now would not be blind.',
        );
      }
      return ok(eventBody('self-assessment.submitted', { ...command.payload }));
    case 'summary.write':
      if (state.status === 'waiting') {
        return refuse('INVALID_STATE', 'The summary opens once the round has started.');
      }
      // The candidate may already be reading it: what they were given stays as it was.
      if (state.feedbackReleased) {
        return refuse('INVALID_STATE', 'Feedback is released: the summary is closed.');
      }
      return ok(eventBody('summary.written', { ...command.payload }));
    case 'session.end':
      if (ended) return refuse('INVALID_STATE', 'The session has already ended.');
      return accept(endEvents(state, 'interviewer'));
    case 'feedback.release':
      if (!ended) return refuse('INVALID_STATE', 'End the session before releasing feedback.');
      if (state.feedbackReleased) return refuse('INVALID_STATE', 'Feedback is already released.');
      return ok(eventBody('feedback.released', {}));
    case 'roles.swap':
      // In a formal round the candidate must not be able to make themselves the interviewer.
      if (!state.peerMode) {
        return refuse('INVALID_STATE', 'Roles can only be swapped in a peer-mode session.');
      }
      if (!ended) return refuse('INVALID_STATE', 'Roles can be swapped once the round has ended.');
      if (state.nextSessionId)
        return refuse('INVALID_STATE', 'The peers have already swapped roles.');
      return ok(eventBody('roles.swapped', { ...command.payload }));
    case 'participant.remove':
      // Whether the person is a participant at all is the server's to check (membership lives
      // beside the room); the room only guards what must stay whole.
      if (command.payload.userId === state.interviewerId) {
        return refuse('INVALID_STATE', 'The interviewer cannot be removed from their session.');
      }
      if (ended) {
        return refuse('INVALID_STATE', 'The round has ended: everyone in it keeps its record.');
      }
      return ok(eventBody('participant.removed', { ...command.payload }));
    case 'workspace.set': {
      if (ended)
        return refuse('INVALID_STATE', 'The round has ended: its workspace stays as it was.');
      const changed = Object.fromEntries(
        Object.entries(command.payload).filter(
          ([setting, value]) => state.workspace[setting as keyof WorkspaceSettings] !== value,
        ),
      ) as Partial<WorkspaceSettings>;
      if (Object.keys(changed).length === 0) {
        return refuse('INVALID_STATE', 'The workspace is already set that way.');
      }
      return ok(eventBody('workspace.changed', changed));
    }
    case 'meeting.set':
      if (ended) return refuse('INVALID_STATE', 'The round has ended: its call is over.');
      if (state.meetingLink === command.payload.url) {
        return refuse('INVALID_STATE', 'The room already has that meeting link.');
      }
      return ok(eventBody('meeting.linked', { url: command.payload.url }));
    case 'recording.request':
    case 'recording.consent':
    case 'recording.decline':
    case 'recording.stop':
      return decideRecording(state, command, actor);
    case 'code.run':
      if (ended)
        return refuse('INVALID_STATE', 'The round has ended: runs are no longer recorded.');
      if (state.runs.length >= MAX_RUNS) {
        return refuse('INVALID_STATE', `This room has recorded its ${MAX_RUNS} runs.`);
      }
      return ok(
        eventBody('code.ran', {
          ...command.payload,
          output: command.payload.output.slice(0, MAX_RUN_OUTPUT),
          runId: command.clientEventId,
          offsetMs: elapsedAt(state.timer, now),
        }),
      );
  }
}
