import type { RoundTypeId } from '@signal-room/domain';
import { layerOf } from '@signal-room/domain';
import type { CatalogResponse } from '@signal-room/protocol';
import { TableScroll } from '../ui/table-scroll';
import { LayerMark } from './layer-mark';
import styles from './round-table.module.css';

interface RoundTableProps {
  roundTypes: CatalogResponse['roundTypes'];
  signals: CatalogResponse['signals'];
  selected: RoundTypeId;
  onSelect: (id: RoundTypeId) => void;
  /** The id of the panel the row buttons control. */
  detailId: string;
}

export function RoundTable({ roundTypes, signals, selected, onSelect, detailId }: RoundTableProps) {
  return (
    <TableScroll labelledBy="round-table-caption" className={styles.scroller}>
      <table className={styles.table}>
        <caption id="round-table-caption" className={styles.caption}>
          Signals sampled by each round type, with its default length in minutes
        </caption>
        <thead>
          <tr>
            <th scope="col" className={styles.roundColumn}>
              Round
            </th>
            {signals.map((signal) => (
              <th key={signal.id} scope="col">
                {signal.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {roundTypes.map((roundType) => {
            const isSelected = roundType.id === selected;
            return (
              <tr key={roundType.id} className={isSelected ? styles.selected : undefined}>
                <th scope="row">
                  <button
                    type="button"
                    className={styles.roundButton}
                    aria-pressed={isSelected}
                    aria-controls={detailId}
                    onClick={() => onSelect(roundType.id)}
                  >
                    <span className={styles.roundName}>{roundType.name}</span>
                    <span className={styles.roundLength}>{roundType.defaultMinutes} min</span>
                  </button>
                </th>
                {signals.map((signal) => {
                  const layer = layerOf(roundType, signal.id);
                  return (
                    <td key={signal.id} className={styles[layer]}>
                      <LayerMark layer={layer} />
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
