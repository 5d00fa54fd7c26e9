import type { SignalId } from '@signal-room/domain';
import type { SignalNames } from './signal-names';
import styles from './signal-tags.module.css';

interface SignalTagsProps {
  ids: readonly SignalId[];
  names: SignalNames;
  /** Read before the list by screen readers, e.g. "Reveals". */
  label: string;
}

export function SignalTags({ ids, names, label }: SignalTagsProps) {
  return (
    <ul className={styles.tags} aria-label={label}>
      {ids.map((id) => (
        <li key={id} className={styles.tag}>
          {names[id]}
        </li>
      ))}
    </ul>
  );
}
