import type { RoomCommandType, Role } from '@signal-room/domain';
import { COMMAND_ROLES } from '@signal-room/domain';
import type { CommandPayload } from '@signal-room/protocol';

/**
 * What a room component may do with the live room: queue a command and read server time.
 * RoomStore satisfies it; a component test passes a small fake instead of opening a socket.
 */
export interface RoomActions {
  send<T extends RoomCommandType>(type: T, payload: CommandPayload<T>): string;
  serverNow(): number;
}

/** Whether this role may send the command at all, by the same table the server checks. */
export const mayRun = (role: Role, type: RoomCommandType): boolean =>
  COMMAND_ROLES[type].includes(role);

/** Each command as the person would name what they tried to do. */
export const COMMAND_LABELS: Record<RoomCommandType, string> = {
  'prompt.set': 'Change the prompt',
  'prompt.reveal': 'Reveal the prompt',
  'hint.reveal': 'Reveal a hint',
  'timer.start': 'Start the timer',
  'timer.pause': 'Pause the timer',
  'timer.resume': 'Resume the timer',
  'timer.extend': 'Add time',
  'phase.change': 'Mark a phase',
  'evidence.add': 'Save evidence',
  'evidence.edit': 'Edit evidence',
  'evidence.remove': 'Remove evidence',
  'score.set': 'Set a score',
  'score.clear': 'Clear a score',
  'move.mark': 'Mark a communication move',
  'move.unmark': 'Undo a communication move',
  'flag.mark': 'Flag a failure mode',
  'flag.unmark': 'Undo a failure-mode flag',
  'watch.tick': 'Tick a watch-for item',
  'watch.untick': 'Untick a watch-for item',
  'self-assessment.submit': 'Send the self-assessment',
  'summary.write': 'Save the summary',
  'session.end': 'End the session',
  'feedback.release': 'Release feedback',
  'roles.swap': 'Swap roles',
  'participant.remove': 'Remove someone from the session',
  'code.run': 'Record a run of the code',
  'workspace.set': 'Change the workspace settings',
  'meeting.set': 'Change the meeting link',
  'recording.request': 'Ask to record',
  'recording.consent': 'Agree to be recorded',
  'recording.decline': 'Decline the recording',
  'recording.stop': 'Stop the recording',
};
