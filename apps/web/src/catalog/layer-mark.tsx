import type { SignalLayer } from '@signal-room/domain';
import styles from './layer-mark.module.css';

export const LAYER_LABELS: Record<SignalLayer, string> = {
  primary: 'Primary',
  secondary: 'Secondary',
  floor: 'Floor',
  unsampled: 'Not sampled',
};

interface LayerMarkProps {
  layer: SignalLayer;
  /** Shorten the word to its initial on narrow screens; screen readers still hear the word. */
  condensed?: boolean;
}

/** A layer as shape plus word, so it never depends on colour alone. */
export function LayerMark({ layer, condensed = false }: LayerMarkProps) {
  if (layer === 'unsampled') {
    return (
      <span className={styles.unsampled}>
        <span aria-hidden="true">–</span>
        <span className="visually-hidden">{LAYER_LABELS.unsampled}</span>
      </span>
    );
  }
  const label = LAYER_LABELS[layer];
  return (
    <span className={`${styles.mark} ${condensed ? styles.condensed : ''}`}>
      <span className={`${styles.shape} ${styles[layer]}`} aria-hidden="true" />
      <span className={styles.word}>{label}</span>
      {condensed && (
        <span className={styles.initial} aria-hidden="true">
          {label.charAt(0)}
        </span>
      )}
    </span>
  );
}
