import type { DrillResultInput } from '@signal-room/domain';
import {
  checkRestraint,
  checkSignalMap,
  checkStory,
  drillById,
  promptById,
  roundTypeById,
  signalById,
} from '@signal-room/domain';
import { Link, useParams } from 'react-router';
import { getDrillResult } from '../api/client';
import { useLoad } from '../history/use-load';
import { ErrorNotice } from '../ui/error-notice';
import styles from './drills.module.css';

function MapResult({
  payload,
}: {
  payload: Extract<DrillResultInput, { drill: 'round-to-signal-map' }>['payload'];
}) {
  const check = checkSignalMap(payload);
  return (
    <>
      <p className={styles.verdict}>
        {payload.company}: {check.placed} of {check.listed} signals placed as the catalogue has
        them.
      </p>
      {check.rounds.map((round, index) => (
        <section
          key={`${index}-${round.roundType}`}
          className={`card ${styles.round}`}
          aria-labelledby={`round-${index}`}
        >
          <h2 id={`round-${index}`} className={styles.sectionTitle}>
            Round {index + 1}: {roundTypeById(round.roundType).name}
          </h2>
          <ul className={styles.findings}>
            {round.findings.map((finding, at) => (
              <li key={at} className={finding.agrees ? styles.agrees : styles.differs}>
                <strong>{finding.agrees ? 'As the catalogue' : 'Different'}:</strong>{' '}
                {finding.explanation}
              </li>
            ))}
          </ul>
        </section>
      ))}
      {check.singleRound.length > 0 && (
        <p>
          Only one round of your map carries evidence for{' '}
          {check.singleRound.map((id) => signalById(id).name).join(', ')}: make it count there.
        </p>
      )}
      {check.absent.length > 0 && (
        <p>Your map never names {check.absent.map((id) => signalById(id).name).join(', ')}.</p>
      )}
    </>
  );
}

function StoryResult({
  payload,
}: {
  payload: Extract<DrillResultInput, { drill: 'signal-balanced-story' }>['payload'];
}) {
  const check = checkStory(payload);
  const made = check.sentences.filter((sentence) => sentence.madeIt);
  const dropped = check.sentences.filter((sentence) => !sentence.madeIt);
  return (
    <>
      <p className={styles.verdict}>
        {payload.project}: {made.length} of {check.sentences.length} sentences made it into your
        answer.
      </p>
      <p className="muted">
        {payload.answer.mode === 'typed'
          ? 'A sentence counts as made it when at least half of its key words (without endings such as -s, -ed or -ing, and leaving out words like "the" or "with") are in your answer.'
          : 'You told the story aloud and ticked the sentences you said.'}
      </p>
      <section className={styles.form} aria-labelledby="dropped-heading">
        <h2 id="dropped-heading" className={styles.sectionTitle}>
          Did not make it
        </h2>
        {dropped.length === 0 ? (
          <p>Every sentence made it.</p>
        ) : (
          <ul className={styles.findings}>
            {dropped.map((sentence) => (
              <li key={sentence.signal} className={styles.differs}>
                <strong>{signalById(sentence.signal).name}:</strong> {sentence.sentence}{' '}
                <span className="muted">{sentence.explanation}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className={styles.form} aria-labelledby="made-heading">
        <h2 id="made-heading" className={styles.sectionTitle}>
          Made it
        </h2>
        <ul className={styles.findings}>
          {made.map((sentence) => (
            <li key={sentence.signal} className={styles.agrees}>
              <strong>{signalById(sentence.signal).name}:</strong> {sentence.sentence}
            </li>
          ))}
        </ul>
      </section>
      {payload.answer.mode === 'typed' && (
        <section className={styles.form} aria-labelledby="answer-heading">
          <h2 id="answer-heading" className={styles.sectionTitle}>
            Your answer
          </h2>
          <p className={styles.answer}>{payload.answer.text}</p>
        </section>
      )}
    </>
  );
}

function RestraintResult({
  payload,
}: {
  payload: Extract<DrillResultInput, { drill: 'primary-signal-restraint' }>['payload'];
}) {
  return (
    <>
      {checkRestraint(payload).map((check, index) => (
        <section
          key={check.promptId}
          className={`card ${styles.round}`}
          aria-labelledby={`answer-${index}`}
        >
          <h2 id={`answer-${index}`} className={styles.sectionTitle}>
            {promptById(check.promptId)?.title} ({roundTypeById(check.roundType).name})
          </h2>
          <ul className={styles.findings}>
            {check.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
          <h3 className={styles.subTitle}>What you kept</h3>
          <p className={styles.answer}>
            {check.kept.map((sentence) => sentence.text).join(' ') || 'Nothing.'}
          </p>
          {check.cut.length > 0 && (
            <>
              <h3 className={styles.subTitle}>What you cut</h3>
              <ul className={styles.findings}>
                {check.cut.map((sentence, at) => (
                  <li key={at}>
                    <s>{sentence.text}</s>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      ))}
    </>
  );
}

function ResultBody({ result }: { result: DrillResultInput }) {
  switch (result.drill) {
    case 'round-to-signal-map':
      return <MapResult payload={result.payload} />;
    case 'signal-balanced-story':
      return <StoryResult payload={result.payload} />;
    case 'primary-signal-restraint':
      return <RestraintResult payload={result.payload} />;
  }
}

export default function DrillResultPage() {
  const { id = '' } = useParams();
  const result = useLoad(id, (signal) => getDrillResult(id, signal));
  const loaded = result.loaded;
  return (
    <div className={styles.page}>
      {loaded.status === 'loading' && (
        <p className="muted" role="status">
          Loading your result…
        </p>
      )}
      {loaded.status === 'failed' && (
        <>
          <h1 className={styles.title}>Drill result</h1>
          <ErrorNotice error={loaded.error} onRetry={result.retry} />
        </>
      )}
      {loaded.status === 'done' && (
        <>
          <header className={styles.header}>
            <p className={styles.crumb}>
              <Link to="/drills">Drills</Link>
            </p>
            <h1 className={styles.title}>{drillById(loaded.data.drill).name}: your result</h1>
            <p className={styles.lede}>
              Saved {new Date(loaded.data.createdAt).toLocaleString()}.{' '}
              <Link to={`/drills/${loaded.data.drill}`}>Do it again</Link>
            </p>
          </header>
          <ResultBody result={loaded.data} />
        </>
      )}
    </div>
  );
}
