import type { CodeRun, Participant } from '@signal-room/domain';
import { PAD_LANGUAGE_LABELS, RUN_STATUS_LABELS, formatOffset } from '@signal-room/domain';
import styles from './room-workspace.module.css';

/** Runs kept in view; the timeline holds every one. */
const SHOWN_RUNS = 5;

interface RunLogProps {
  runs: readonly CodeRun[];
  participants: Record<string, Participant>;
}

/** The room's runs, latest first: who ran what and how it ended, for everyone in the room. */
export function RunLog({ runs, participants }: RunLogProps) {
  if (runs.length === 0) return null;
  const latest = runs.slice(-SHOWN_RUNS).reverse();
  return (
    <section className={styles.runs} aria-label="Runs in this room">
      <h3 className={styles.runsHeading}>
        Runs{runs.length > SHOWN_RUNS ? ` (latest ${SHOWN_RUNS} of ${runs.length})` : ''}
      </h3>
      <ol className={styles.runList}>
        {latest.map((run) => (
          <li key={run.id}>
            <details>
              <summary>
                {formatOffset(run.offsetMs)} · {participants[run.userId]?.displayName ?? 'Someone'}{' '}
                ran {PAD_LANGUAGE_LABELS[run.language]}: {RUN_STATUS_LABELS[run.status]} after{' '}
                {(run.durationMs / 1000).toFixed(1)} s
              </summary>
              <pre className={styles.runOutput}>{run.output || 'Nothing was printed.'}</pre>
            </details>
          </li>
        ))}
      </ol>
    </section>
  );
}
