import { formatOffset } from '@signal-room/domain';
import type { Playback, Span } from './playback';
import { REPLAY_SPEEDS } from './playback';
import type { ReplayClock } from './replay-clock';
import styles from './replay-section.module.css';

const SLIDER_STEP_MS = 100;

interface ReplayPlayerProps {
  playback: Playback;
  span: Span;
  clock: ReplayClock;
  /** The viewer moved the playhead by hand. */
  onScrub: (position: number) => void;
}

/** Play, speed and the moment: one playhead for everything the session's replay shows. */
export function ReplayPlayer({ playback, span, clock, onScrub }: ReplayPlayerProps) {
  const { position, playing, speed, skipIdle } = playback;
  const clockNow = formatOffset(clock.clockAt(position));
  // The slider moves in tenths of a second from the start; its end is rounded up to one, or the
  // last tenth's changes could never be reached.
  const end = span.start + Math.ceil((span.end - span.start) / SLIDER_STEP_MS) * SLIDER_STEP_MS;
  return (
    <div className={`${styles.player} no-print`}>
      <button
        type="button"
        className="button button--primary"
        onClick={playback.toggle}
        aria-pressed={playing}
      >
        {playing ? 'Pause' : 'Play'}
      </button>
      <label className={styles.field}>
        Speed
        <select
          value={speed}
          onChange={(event) => {
            const chosen = REPLAY_SPEEDS.find((value) => String(value) === event.target.value);
            if (chosen) playback.setSpeed(chosen);
          }}
        >
          {REPLAY_SPEEDS.map((value) => (
            <option key={value} value={value}>
              {value}×
            </option>
          ))}
        </select>
      </label>
      <label className={styles.field}>
        <input
          type="checkbox"
          checked={skipIdle}
          onChange={(event) => playback.setSkipIdle(event.target.checked)}
        />
        Skip idle stretches
      </label>
      <label className={styles.scrubber}>
        <span className={styles.scrubberLabel}>Moment</span>
        <input
          type="range"
          min={span.start}
          max={end}
          step={SLIDER_STEP_MS}
          value={position}
          aria-valuetext={`${clockNow} on the round's clock`}
          onChange={(event) => onScrub(Number(event.target.value))}
        />
      </label>
      <p className={styles.clock}>
        <span className={styles.now}>{clockNow}</span> of {formatOffset(clock.clockAt(span.end))}
      </p>
    </div>
  );
}
