import { isStaff } from '@signal-room/domain';
import type { SessionSummary } from '@signal-room/protocol';

/**
 * Whether the viewer may read a session's feedback now, by the server's rule: staff once the
 * round has ended, the candidate once it is released (at the end itself in coaching mode).
 */
export const feedbackOpen = (session: SessionSummary): boolean =>
  session.status === 'ended' &&
  (isStaff(session.myRole) || session.feedbackReleased || session.visibility === 'coaching');

/** Calibration is the staff's alone: a candidate asking for it is refused. */
export const calibrationOpen = (session: SessionSummary): boolean =>
  session.status === 'ended' && isStaff(session.myRole);
