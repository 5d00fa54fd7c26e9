import type { SignalId, SignalLayer } from '@signal-room/domain';
import { signalById } from '@signal-room/domain';
import { LayerMark } from '../catalog/layer-mark';
import styles from './signal-badge.module.css';

interface SignalBadgeProps {
  signal: SignalId;
  /** The signal's layer in this round; left out where the round does not matter. */
  layer?: SignalLayer;
}

/** A signal by name, with its layer for the round as shape plus word (never colour alone). */
export function SignalBadge({ signal, layer }: SignalBadgeProps) {
  return (
    <span className={styles.badge}>
      <span className={styles.name}>{signalById(signal).name}</span>
      {layer && (
        <span className={`${styles.layer} ${layer === 'unsampled' ? '' : styles[layer]}`}>
          <LayerMark layer={layer} />
        </span>
      )}
    </span>
  );
}
