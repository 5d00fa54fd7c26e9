import { INTERVIEWER_COLOUR, SELF_COLOUR, SELF_DASH } from './chart-palette';
import styles from './series-legend.module.css';

/** Draws each series' line and marker next to its name, so the legend matches the chart. */
export function SeriesLegend({ withSelf = true, note }: { withSelf?: boolean; note?: string }) {
  return (
    <ul className={styles.legend}>
      <li>
        <svg width="36" height="12" className={styles.sample} aria-hidden="true">
          <line x1="2" y1="6" x2="26" y2="6" stroke={INTERVIEWER_COLOUR} strokeWidth="2" />
          <circle cx="30" cy="6" r="4" fill={INTERVIEWER_COLOUR} />
        </svg>
        Interviewer (solid line, round markers)
      </li>
      {withSelf && (
        <li>
          <svg width="36" height="12" className={styles.sample} aria-hidden="true">
            <line
              x1="2"
              y1="6"
              x2="24"
              y2="6"
              stroke={SELF_COLOUR}
              strokeWidth="2"
              strokeDasharray={SELF_DASH}
            />
            <rect
              x="26"
              y="2"
              width="8"
              height="8"
              fill="#ffffff"
              stroke={SELF_COLOUR}
              strokeWidth="2"
            />
          </svg>
          Your self-assessment (dashed line, square markers)
        </li>
      )}
      {note && <li className={styles.note}>{note}</li>}
    </ul>
  );
}
