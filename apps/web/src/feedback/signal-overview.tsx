import type { FeedbackDocument, SignalFeedback } from '@signal-room/domain';
import { MISJUDGED_GAP } from '@signal-room/domain';
import type { DotItemDotProps } from 'recharts';
import { PolarAngleAxis, PolarGrid, PolarRadiusAxis, Radar, RadarChart } from 'recharts';
import { LayerMark } from '../catalog/layer-mark';
import { GRID, INK, INTERVIEWER_COLOUR, MUTED_INK, SELF_COLOUR, SELF_DASH } from './chart-palette';
import { describeDifference, SHORT_SIGNAL_NAMES } from './feedback-labels';
import { TableScroll } from '../ui/table-scroll';
import { SeriesLegend } from './series-legend';
import styles from './feedback-page.module.css';

/** The score ticks run between the first two spokes, clear of both lines. */
const TICK_ANGLE = 90 - 360 / 14;

const interviewerDot = ({ cx, cy, value }: DotItemDotProps) =>
  cx === undefined || cy === undefined || !value ? null : (
    <circle cx={cx} cy={cy} r={4} fill={INTERVIEWER_COLOUR} />
  );

const selfDot = ({ cx, cy, value }: DotItemDotProps) =>
  cx === undefined || cy === undefined || !value ? null : (
    <rect
      x={cx - 4}
      y={cy - 4}
      width={8}
      height={8}
      fill="#ffffff"
      stroke={SELF_COLOUR}
      strokeWidth={2}
    />
  );

function differenceCell(signal: SignalFeedback): string {
  if (signal.score === null || signal.selfScore === null) return '—';
  const difference = signal.selfScore - signal.score;
  const words = describeDifference(difference);
  return Math.abs(difference) >= MISJUDGED_GAP ? `Misjudged: ${words}` : words;
}

/**
 * The seven signals at a glance: a radar of the interviewer's scores against the candidate's
 * own, and beside it the same numbers as a table, which is what assistive technology reads.
 */
export function SignalOverview({ doc }: { doc: FeedbackDocument }) {
  const withSelf = doc.selfAssessment.submitted;
  const data = doc.signals.map((signal) => ({
    label: SHORT_SIGNAL_NAMES[signal.signal],
    interviewer: signal.score ?? 0,
    self: signal.selfScore ?? 0,
  }));
  return (
    <section className={styles.section} aria-labelledby="overview-heading">
      <h2 id="overview-heading" className={styles.sectionTitle}>
        The seven signals at a glance
      </h2>
      <p className={styles.intro}>
        {withSelf
          ? 'The interviewer’s scores beside your own self-assessment. Where the two shapes part by two points or more, you read your own answer differently from the person scoring it.'
          : 'The interviewer’s scores. You did not submit a self-assessment, so there is nothing to set beside them.'}
      </p>
      <div className={styles.overview}>
        <div className={styles.chartBox} aria-hidden="true">
          {/* Drawn at the width its box has (see .chart), so on a phone the spokes shorten and
              the labels keep their size and stay inside. */}
          <RadarChart
            responsive
            data={data}
            outerRadius="70%"
            accessibilityLayer={false}
            className={styles.chart}
          >
            <PolarGrid stroke={GRID} />
            <PolarAngleAxis dataKey="label" tick={{ fill: INK, fontSize: 12 }} />
            <PolarRadiusAxis
              domain={[0, 5]}
              tickCount={6}
              angle={TICK_ANGLE}
              axisLine={false}
              tick={{ fill: MUTED_INK, fontSize: 11 }}
            />
            <Radar
              name="Interviewer"
              dataKey="interviewer"
              stroke={INTERVIEWER_COLOUR}
              strokeWidth={2}
              fill={INTERVIEWER_COLOUR}
              fillOpacity={0.18}
              dot={interviewerDot}
              isAnimationActive={false}
            />
            {withSelf && (
              <Radar
                name="Your self-assessment"
                dataKey="self"
                stroke={SELF_COLOUR}
                strokeWidth={2}
                strokeDasharray={SELF_DASH}
                fill="none"
                dot={selfDot}
                isAnimationActive={false}
              />
            )}
          </RadarChart>
          <SeriesLegend
            withSelf={withSelf}
            note="The centre means not scored; the outer ring is 5."
          />
        </div>

        <TableScroll labelledBy="overview-table-caption" className={styles.tableBox}>
          <table className={styles.table}>
            <caption id="overview-table-caption" className={styles.caption}>
              Scores by signal, interviewer and self-assessment (1 weak, 3 competent, 5
              senior-ready)
            </caption>
            <thead>
              <tr>
                <th scope="col">Signal</th>
                <th scope="col">Layer</th>
                <th scope="col">Interviewer</th>
                <th scope="col">You</th>
                <th scope="col">Difference</th>
              </tr>
            </thead>
            <tbody>
              {doc.signals.map((signal) => (
                <tr key={signal.signal}>
                  <th scope="row">{signal.name}</th>
                  <td>
                    <LayerMark layer={signal.layer} />
                  </td>
                  <td>{signal.score === null ? 'Not scored' : signal.score}</td>
                  <td>{signal.selfScore === null ? '—' : signal.selfScore}</td>
                  <td>{differenceCell(signal)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </div>
    </section>
  );
}
