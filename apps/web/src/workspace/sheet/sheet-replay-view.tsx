import type { SheetTemplate } from '@signal-room/domain';
import { useMemo } from 'react';
import type { ReplayUpdate } from '../replay/pad-replay';
import { ReplayedDocument } from '../replay/pad-replay';
import styles from './sheet.module.css';

export interface SheetReplayViewProps {
  /** The sheet's stored updates, in the order they were stored. */
  updates: readonly ReplayUpdate[];
  /** How many of them are in at the moment shown. */
  count: number;
  template: SheetTemplate;
}

/** The sheet as it stood at one moment of the session, every section read only. */
export function SheetReplayView({ updates, count, template }: SheetReplayViewProps) {
  const replay = useMemo(() => new ReplayedDocument(updates), [updates]);
  const { doc } = replay.after(count);
  return (
    <dl className={styles.replay} aria-label={`${template.title} at this moment`}>
      {template.sections.map((section) => {
        const text = doc.getText(section.id).toString();
        return (
          <div key={section.id} className={styles.field}>
            <dt className={styles.label}>{section.label}</dt>
            <dd className={styles.replayText}>
              {text.trim() ? text : <span className="muted">Not written yet</span>}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
