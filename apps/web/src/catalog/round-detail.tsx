import type { CatalogResponse } from '@signal-room/protocol';
import type { SignalNames } from './signal-names';
import { SignalTags } from './signal-tags';
import styles from './round-detail.module.css';

interface RoundDetailProps {
  id: string;
  roundType: CatalogResponse['roundTypes'][number];
  prompts: CatalogResponse['prompts'];
  names: SignalNames;
}

export function RoundDetail({ id, roundType, prompts, names }: RoundDetailProps) {
  const headingId = `${id}-heading`;
  return (
    <section id={id} className={styles.detail} aria-labelledby={headingId}>
      <div className={styles.header}>
        <h3 id={headingId} className={styles.name}>
          {roundType.name}
        </h3>
        <p className={styles.minutes}>{roundType.defaultMinutes} minutes by default</p>
        <p className={styles.summary}>{roundType.summary}</p>
      </div>

      <dl className={styles.layers}>
        <dt>Primary</dt>
        <dd>
          <SignalTags ids={roundType.primary} names={names} label="Primary signals" />
        </dd>
        <dt>Secondary</dt>
        <dd>
          <SignalTags ids={roundType.secondary} names={names} label="Secondary signals" />
        </dd>
        <dt>Floor</dt>
        <dd>
          <SignalTags ids={roundType.floor} names={names} label="Floor signals" />
        </dd>
      </dl>

      <div className={styles.phases}>
        <h4 className={styles.subheading}>Phases of a strong answer</h4>
        <ol>
          {roundType.phases.map((phase) => (
            <li key={phase.id}>
              <span className={styles.phaseName}>{phase.name}</span>
              <SignalTags ids={phase.signals} names={names} label="Reveals" />
            </li>
          ))}
        </ol>
      </div>

      <div className={styles.prompts}>
        <h4 className={styles.subheading}>Prompts in the bank</h4>
        {prompts.length > 0 ? (
          <ul>
            {prompts.map((prompt) => (
              <li key={prompt.id}>{prompt.title}</li>
            ))}
          </ul>
        ) : (
          <p className={styles.empty}>No prompts for this round yet.</p>
        )}
      </div>
    </section>
  );
}
