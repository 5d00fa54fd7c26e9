import type { SignalLayer } from '@signal-room/domain';
import styles from './layer-mark.module.css';

export const LAYER_LABELS: Record<SignalLayer, string> = {
  primary: 'Primary',
  secondary: 'Secondary',
  floor: 'Floor',
  unsampled: 'Not sampled',
};

/**
 * A layer as shape plus word, so it never depends on colour alone. The word stays whole on a
 * phone too: an initial ("P", "F") asks the reader to know the key.
 */
export function LayerMark({ layer }: { layer: SignalLayer }) {
  if (layer === 'unsampled') {
    return (
      <span className={styles.unsampled}>
        <span aria-hidden="true">–</span>
        <span className="visually-hidden">{LAYER_LABELS.unsampled}</span>
      </span>
    );
  }
  return (
    <span className={styles.mark}>
      <span className={`${styles.shape} ${styles[layer]}`} aria-hidden="true" />
      {LAYER_LABELS[layer]}
    </span>
  );
}
