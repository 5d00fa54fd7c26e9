import type { Evidence, RoomStatus, RoundType, SignalLayer, TimerState } from '@signal-room/domain';
import { expectedSignals, layerOf, remainingAt, signalById } from '@signal-room/domain';
import { useId } from 'react';
import { LayerMark } from '../catalog/layer-mark';
import { formatRemaining } from './time-format';
import { useNow } from './use-room';
import styles from './coverage-meter.module.css';

const LAYER_ORDER: Record<SignalLayer, number> = {
  primary: 0,
  floor: 1,
  secondary: 2,
  unsampled: 3,
};

interface CoverageMeterProps {
  roundType: RoundType;
  /** The viewer's own evidence, unsent notes included. */
  evidence: readonly Evidence[];
  status: RoomStatus;
  timer: TimerState;
  serverNow: () => number;
}

function TimeLeft({ timer, serverNow }: Pick<CoverageMeterProps, 'timer' | 'serverNow'>) {
  useNow(1000);
  return <>{formatRemaining(remainingAt(timer, serverNow()))} left</>;
}

function RoundTime({
  status,
  ...clock
}: Pick<CoverageMeterProps, 'status' | 'timer' | 'serverNow'>) {
  return status === 'ended' ? <>the round has ended</> : <TimeLeft {...clock} />;
}

/**
 * Which signals the round expects still have no evidence, against the time left: a signal with
 * no written evidence is a hidden signal in the feedback, so this is the interviewer's nudge to
 * steer toward it while there is still time. Primary signals with none stand out.
 */
export function CoverageMeter({
  roundType,
  evidence,
  status,
  timer,
  serverNow,
}: CoverageMeterProps) {
  const id = useId();
  const expected = [...expectedSignals(roundType)].sort(
    (a, b) => LAYER_ORDER[layerOf(roundType, a)] - LAYER_ORDER[layerOf(roundType, b)],
  );
  const countFor = (signal: string) => evidence.filter((item) => item.signal === signal).length;
  const covered = expected.filter((signal) => countFor(signal) > 0);
  const missingPrimary = expected.filter(
    (signal) => layerOf(roundType, signal) === 'primary' && countFor(signal) === 0,
  );

  return (
    <section className={styles.meter} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className={styles.heading}>
        Coverage
      </h2>
      <p className={styles.summary}>
        <strong>
          {covered.length} of {expected.length}
        </strong>{' '}
        expected signals have evidence ·{' '}
        <RoundTime status={status} timer={timer} serverNow={serverNow} />
      </p>
      <div className={styles.bar} aria-hidden="true">
        <span style={{ width: `${(covered.length / Math.max(1, expected.length)) * 100}%` }} />
      </div>
      {missingPrimary.length > 0 && (
        <p className={styles.warning}>
          No evidence yet for primary {missingPrimary.length === 1 ? 'signal' : 'signals'}:{' '}
          {missingPrimary.map((signal) => signalById(signal).name).join(', ')}.
        </p>
      )}
      <ul className={styles.list}>
        {expected.map((signal) => {
          const count = countFor(signal);
          const layer = layerOf(roundType, signal);
          const gap = count === 0;
          return (
            <li
              key={signal}
              className={`${styles.item} ${gap ? styles.gap : ''} ${gap && layer === 'primary' ? styles.primaryGap : ''}`}
            >
              <span className={styles.mark} aria-hidden="true">
                {gap ? '○' : '●'}
              </span>
              <span className={styles.name}>{signalById(signal).name}</span>
              <LayerMark layer={layer} />
              <span className={styles.count}>
                {gap ? 'no evidence yet' : count === 1 ? '1 note' : `${count} notes`}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
