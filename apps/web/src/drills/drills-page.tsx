import { EXERCISE_DRILL_IDS, drillById, summariseDrillResult } from '@signal-room/domain';
import { Link } from 'react-router';
import { listDrillResults } from '../api/client';
import { useLoad } from '../history/use-load';
import { ErrorNotice } from '../ui/error-notice';
import styles from './drills.module.css';

export default function DrillsPage() {
  const results = useLoad('drill-results', listDrillResults);
  const audit = drillById('hidden-signal-audit');
  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <h1 className={styles.title}>Drills</h1>
        <p className={styles.lede}>
          Short exercises between rounds, each on a clock, each kept so you can see how you did last
          time. Feedback points you at the ones that train the signals you left hidden.
        </p>
      </header>

      <ul className={styles.drillList}>
        {EXERCISE_DRILL_IDS.map(drillById).map((drill) => (
          <li key={drill.id} className={`card ${styles.drillCard}`}>
            <h2 className={styles.sectionTitle}>{drill.name}</h2>
            <p className={styles.minutes}>About {drill.minutes} minutes</p>
            <p>{drill.description}</p>
            <Link className="button button--primary" to={`/drills/${drill.id}`}>
              Start: {drill.name.toLowerCase()}
            </Link>
          </li>
        ))}
        <li className={`card ${styles.drillCard}`}>
          <h2 className={styles.sectionTitle}>{audit.name}</h2>
          <p className={styles.minutes}>About {audit.minutes} minutes</p>
          <p>{audit.description}</p>
          <Link className="button" to="/history">
            Start an audit from a past session
          </Link>
        </li>
      </ul>

      <section className={styles.form} aria-labelledby="results-heading">
        <h2 id="results-heading" className={styles.sectionTitle}>
          Your past results
        </h2>
        {results.loaded.status === 'loading' && (
          <p className="muted" role="status">
            Loading your results…
          </p>
        )}
        {results.loaded.status === 'failed' && (
          <ErrorNotice error={results.loaded.error} onRetry={results.retry} />
        )}
        {results.loaded.status === 'done' &&
          (results.loaded.data.results.length === 0 ? (
            <p className="muted">None yet: your results appear here once you save a drill.</p>
          ) : (
            <ul className={styles.results}>
              {results.loaded.data.results.map((result) => (
                <li key={result.id} className={styles.result}>
                  <Link to={`/drills/results/${result.id}`}>{drillById(result.drill).name}</Link>
                  <span className="muted">
                    {' '}
                    · {new Date(result.createdAt).toLocaleDateString()}
                  </span>
                  <p>{summariseDrillResult(result)}</p>
                </li>
              ))}
            </ul>
          ))}
      </section>
    </div>
  );
}
