import { formatOffset } from '@signal-room/domain';

/** An offset into the round, shown as m:ss and given to machines as an ISO 8601 duration. */
export function OffsetTime({ ms, className }: { ms: number; className?: string }) {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  return (
    <time className={className} dateTime={`PT${seconds}S`}>
      {formatOffset(ms)}
    </time>
  );
}
