import type { Role, RoomState } from '@signal-room/domain';
import { activeRecording } from '@signal-room/domain';
import type { RoomActions } from '../room/room-actions';
import { RecordingBanner } from './recording-banner';
import { useRecorder } from './use-recorder';

interface RecordingBarProps {
  sessionId: string;
  state: RoomState;
  role: Role;
  viewerId: string;
  actions: RoomActions;
  /** The call's microphone once the room has a call; until then the recorder asks for one. */
  microphone?: MediaStream | null;
}

/** The room's recording: its banner, and this person's microphone recorded while they agree. */
export function RecordingBar({ microphone = null, ...props }: RecordingBarProps) {
  const { sessionId, state, viewerId, actions } = props;
  const recorder = useRecorder({
    sessionId,
    recording: activeRecording(state.recordings),
    viewerId,
    serverNow: () => actions.serverNow(),
    microphone,
  });
  return <RecordingBanner {...props} recorder={recorder} />;
}
