import type { SignalLayer } from '@signal-room/domain';
import { LAYER_LABELS, LayerMark } from './layer-mark';
import styles from './layer-legend.module.css';

const MEANINGS: readonly [SignalLayer, string][] = [
  ['primary', 'What the round exists to measure.'],
  ['secondary', 'Adjacent evidence worth recording when it shows up.'],
  ['floor', 'Minimum behaviours expected in every round, whatever its focus.'],
  ['unsampled', 'The round is not designed to show this signal.'],
];

export function LayerLegend({ floorBehaviours }: { floorBehaviours: readonly string[] }) {
  return (
    <div className={styles.legend}>
      <h3 className={styles.heading}>Legend</h3>
      <dl className={styles.layers}>
        {MEANINGS.map(([layer, meaning]) => (
          <div key={layer} className={styles.layer}>
            <dt>
              {layer === 'unsampled' ? (
                <>
                  <span className={styles.dash} aria-hidden="true">
                    –
                  </span>
                  {LAYER_LABELS.unsampled}
                </>
              ) : (
                <LayerMark layer={layer} />
              )}
            </dt>
            <dd>{meaning}</dd>
          </div>
        ))}
      </dl>
      <div className={styles.floor}>
        <p>
          Communication is a floor in every round; where a round also measures it as primary, the
          map shows primary. The floor asks for:
        </p>
        <ul>
          {floorBehaviours.map((behaviour) => (
            <li key={behaviour}>{behaviour}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}
