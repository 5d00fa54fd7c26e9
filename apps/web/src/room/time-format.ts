const pad = (value: number): string => String(value).padStart(2, '0');

/**
 * Time left on a countdown as mm:ss (minutes may pass 59). Seconds round up, so the clock reads
 * 00:00 only once the time is really up; it never shows a negative value.
 */
export function formatRemaining(ms: number): string {
  const seconds = Math.ceil(Math.max(0, ms) / 1000);
  return `${pad(Math.floor(seconds / 60))}:${pad(seconds % 60)}`;
}

/** Whole minutes left, said in words, for announcements that change at most once a minute. */
export function minutesInWords(ms: number): string {
  if (ms <= 0) return 'no time';
  const minutes = Math.floor(ms / 60_000);
  if (minutes === 0) return 'less than a minute';
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
