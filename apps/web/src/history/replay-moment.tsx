import type { EvidenceAnchor } from '@signal-room/domain';
import { describeAnchor, formatOffset } from '@signal-room/domain';
import { Link } from 'react-router';
import { OffsetTime } from '../feedback/offset-time';
import { replayLink } from './replay-link';

/** A note's, move's or flag's time that opens the session's replay at that moment. */
export function ReplayMoment({
  sessionId,
  ms,
  anchor,
  className,
}: {
  sessionId: string;
  ms: number;
  anchor?: EvidenceAnchor;
  className?: string;
}) {
  const where = anchor ? `, on ${describeAnchor(anchor)}` : '';
  return (
    <Link
      to={replayLink(sessionId, ms, anchor)}
      className={className}
      aria-label={`Replay at ${formatOffset(ms)}${where}`}
      title="Open the replay at this moment"
    >
      <OffsetTime ms={ms} />
    </Link>
  );
}
