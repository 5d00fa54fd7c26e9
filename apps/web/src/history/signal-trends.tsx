import type { SignalId } from '@signal-room/domain';
import { roundTypeById, signalById } from '@signal-room/domain';
import type { TrendsResponse } from '@signal-room/protocol';
import type { DotItemDotProps } from 'recharts';
import { CartesianGrid, Line, LineChart, XAxis, YAxis } from 'recharts';
import {
  GRID,
  INTERVIEWER_COLOUR,
  MUTED_INK,
  SELF_COLOUR,
  SELF_DASH,
} from '../feedback/chart-palette';
import { SeriesLegend } from '../feedback/series-legend';
import { dayFormat } from './labels';
import styles from './history-page.module.css';

type TrendPoint = TrendsResponse['signals'][number]['points'][number];

/** Each small chart is drawn at a fixed size and scales down with CSS; it prints as drawn. */
const CHART_WIDTH = 320;
const CHART_HEIGHT = 170;
const SCALE = [1, 2, 3, 4, 5];

const shortDay = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });

const interviewerDot = ({ cx, cy, value }: DotItemDotProps) =>
  cx === undefined || cy === undefined || value === null || value === undefined ? null : (
    <circle cx={cx} cy={cy} r={3.5} fill={INTERVIEWER_COLOUR} />
  );

const selfDot = ({ cx, cy, value }: DotItemDotProps) =>
  cx === undefined || cy === undefined || value === null || value === undefined ? null : (
    <rect
      x={cx - 3.5}
      y={cy - 3.5}
      width={7}
      height={7}
      fill="#ffffff"
      stroke={SELF_COLOUR}
      strokeWidth={2}
    />
  );

/** One sentence a reader can take in without the chart: how many rounds, where it started and stands. */
function summarise(points: readonly TrendPoint[]): string {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return '';
  const rounds = `${points.length} ${points.length === 1 ? 'round' : 'rounds'}`;
  const movement =
    points.length === 1 ? `scored ${last.score}` : `latest ${last.score}, first ${first.score}`;
  const self = last.selfScore === null ? '' : `; your latest self-score ${last.selfScore}`;
  return `${rounds}: ${movement}${self}.`;
}

/** A small-multiples grid: one chart per signal on the same 1–5 scale, so they compare at a glance. */
export function SignalTrends({ trends }: { trends: TrendsResponse }) {
  const anyPoints = trends.signals.some((entry) => entry.points.length > 0);
  return (
    <>
      {anyPoints ? (
        <SeriesLegend />
      ) : (
        <p className="muted">
          No trends yet: they start once the feedback of a round where you were the candidate is
          released.
        </p>
      )}
      <div className={styles.trendGrid}>
        {trends.signals.map((entry) => (
          <TrendCard key={entry.signal} signal={entry.signal} points={entry.points} />
        ))}
      </div>
    </>
  );
}

function TrendCard({ signal, points }: { signal: SignalId; points: readonly TrendPoint[] }) {
  const name = signalById(signal).name;
  const headingId = `trend-${signal}`;
  const data = points.map((point) => ({
    key: point.sessionId,
    day: shortDay.format(new Date(point.endedAt)),
    interviewer: point.score,
    self: point.selfScore,
  }));
  return (
    <article className={`card ${styles.trend}`} aria-labelledby={headingId}>
      <h3 id={headingId} className={styles.trendTitle}>
        {name}
      </h3>
      {points.length === 0 ? (
        <p className={`muted ${styles.trendEmpty}`}>No released round has scored this yet.</p>
      ) : (
        <>
          <p className={styles.trendSummary}>{summarise(points)}</p>
          <div className={styles.chartBox} aria-hidden="true">
            <LineChart
              width={CHART_WIDTH}
              height={CHART_HEIGHT}
              data={data}
              margin={{ top: 8, right: 12, bottom: 0, left: 0 }}
              accessibilityLayer={false}
              className={styles.chart}
            >
              <CartesianGrid stroke={GRID} vertical={false} />
              <XAxis dataKey="day" tick={{ fill: MUTED_INK, fontSize: 11 }} stroke={GRID} />
              <YAxis
                domain={[1, 5]}
                ticks={SCALE}
                allowDecimals={false}
                width={24}
                tick={{ fill: MUTED_INK, fontSize: 11 }}
                stroke={GRID}
              />
              <Line
                dataKey="interviewer"
                name="Interviewer"
                stroke={INTERVIEWER_COLOUR}
                strokeWidth={2}
                dot={interviewerDot}
                isAnimationActive={false}
              />
              <Line
                dataKey="self"
                name="Your self-assessment"
                stroke={SELF_COLOUR}
                strokeWidth={2}
                strokeDasharray={SELF_DASH}
                dot={selfDot}
                connectNulls
                isAnimationActive={false}
              />
            </LineChart>
          </div>
          {/* Hidden in a box: a table ignores the 1px width it is given. */}
          <div className="visually-hidden">
            <table>
              <caption>{name}: your scores round by round, oldest first</caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Round</th>
                  <th scope="col">Interviewer</th>
                  <th scope="col">You</th>
                </tr>
              </thead>
              <tbody>
                {points.map((point) => (
                  <tr key={point.sessionId}>
                    <th scope="row">{dayFormat.format(new Date(point.endedAt))}</th>
                    <td>{roundTypeById(point.roundType).name}</td>
                    <td>{point.score}</td>
                    <td>{point.selfScore ?? 'Not given'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </article>
  );
}
