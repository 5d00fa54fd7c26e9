import type { InterviewerProfile, Lean } from '@signal-room/domain';
import { LEAN_GAP, MIN_LEAN_COMPARISONS, signalById } from '@signal-room/domain';
import { getInterviewerProfile } from '../api/client';
import { useLoad } from '../history/use-load';
import { ErrorNotice } from '../ui/error-notice';
import { TableScroll } from '../ui/table-scroll';
import styles from './interviewer-profile-page.module.css';

const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });
const points = new Intl.NumberFormat(undefined, {
  maximumFractionDigits: 1,
  signDisplay: 'exceptZero',
});

function leanCell(lean: Lean): string {
  if (lean.meanDifference === null) return '—';
  const gap = `${points.format(lean.meanDifference)} on average, ${lean.compared} compared`;
  switch (lean.reading) {
    case null:
      return `Too few to read (${gap})`;
    case 'lenient':
      return `Lenient (${gap})`;
    case 'strict':
      return `Strict (${gap})`;
    case 'even':
      return `Even (${gap})`;
  }
}

export default function InterviewerProfilePage() {
  const { loaded, retry } = useLoad('interviewer-profile', getInterviewerProfile);
  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <h1 className={styles.title}>You as an interviewer</h1>
        <p className={styles.lede}>
          Read from every round you ran that has ended: how often candidates found a score not
          backed by the evidence you showed, how closely observers scored with you, and where you
          score above or below others.
        </p>
      </header>
      {loaded.status === 'loading' && (
        <p className="muted" role="status">
          Loading your profile…
        </p>
      )}
      {loaded.status === 'failed' && <ErrorNotice error={loaded.error} onRetry={retry} />}
      {loaded.status === 'done' && <Profile profile={loaded.data} />}
    </div>
  );
}

function Profile({ profile }: { profile: InterviewerProfile }) {
  if (profile.rounds === 0) {
    return (
      <p className="muted">
        No round you ran has ended yet. Your profile starts with the first one.
      </p>
    );
  }
  const { backing, calibration } = profile;
  return (
    <>
      <dl className={styles.figures}>
        <div className="card">
          <dt>Rounds run</dt>
          <dd>{profile.rounds}</dd>
        </div>
        <div className="card">
          <dt>Scores judged unbacked</dt>
          <dd>
            {backing.unbackedShare === null
              ? 'No verdicts yet'
              : `${percent.format(backing.unbackedShare)} (${backing.unbacked} of ${backing.judged})`}
          </dd>
        </div>
        <div className="card">
          <dt>Agreement with observers</dt>
          <dd>
            {calibration.agreement === null
              ? 'No observer scored with you yet'
              : `${percent.format(calibration.agreement)} within one point (${calibration.pairs} observer ${calibration.pairs === 1 ? 'scorecard' : 'scorecards'})`}
          </dd>
        </div>
      </dl>

      <section className={styles.section} aria-labelledby="lean-heading">
        <h2 id="lean-heading" className={styles.sectionTitle}>
          Signal by signal
        </h2>
        <p className={styles.intro}>
          A difference is your score minus the other’s. You read as lenient on a signal where you
          score {LEAN_GAP} point or more above them on average, strict where {LEAN_GAP} or more
          below, and even in between; under {MIN_LEAN_COMPARISONS} comparisons there is too little
          to read. Candidates tend to rate themselves high, so a strict reading against
          self-assessments alone says less than one against observers.
        </p>
        <TableScroll labelledBy="lean-caption">
          <table className={styles.table}>
            <caption id="lean-caption" className="visually-hidden">
              Your scoring, signal by signal
            </caption>
            <thead>
              <tr>
                <th scope="col">Signal</th>
                <th scope="col">Judged unbacked</th>
                <th scope="col">Against observers</th>
                <th scope="col">Against self-assessments</th>
              </tr>
            </thead>
            <tbody>
              {profile.signals.map((entry) => (
                <tr key={entry.signal}>
                  <th scope="row">{signalById(entry.signal).name}</th>
                  <td>{entry.judged === 0 ? '—' : `${entry.unbacked} of ${entry.judged}`}</td>
                  <td>{leanCell(entry.vsObservers)}</td>
                  <td>{leanCell(entry.vsSelf)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>
    </>
  );
}
