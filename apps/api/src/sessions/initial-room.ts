import type { RoomState } from '@signal-room/domain';
import { initialRoomState } from '@signal-room/domain';
import type { SessionEntity } from './session.entity';

/** A session's room before its first event: where every fold of its log starts. */
export const initialRoomOf = (session: SessionEntity): RoomState =>
  initialRoomState({
    sessionId: session.id,
    roundType: session.roundType,
    visibility: session.visibility,
    peerMode: session.peerMode,
    // The session's creator is its interviewer (peer rounds are created for the new one).
    interviewerId: session.interviewerId,
    durationMs: session.durationMinutes * 60_000,
    prompt: session.prompt,
  });
