import { formatOffset, offsetSeconds } from '@signal-room/domain';

/** An offset into the round, shown as m:ss and given to machines as an ISO 8601 duration. */
export function OffsetTime({ ms, className }: { ms: number; className?: string }) {
  return (
    <time className={className} dateTime={`PT${offsetSeconds(ms)}S`}>
      {formatOffset(ms)}
    </time>
  );
}
