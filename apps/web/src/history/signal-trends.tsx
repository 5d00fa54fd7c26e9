import type { Score, SignalId } from '@signal-room/domain';
import { roundTypeById, signalById } from '@signal-room/domain';
import type { SharedProgressResponse } from '@signal-room/protocol';
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

/** A released score; the candidate's own self-score with it, except on a shared page. */
type TrendPoint = SharedProgressResponse['signals'][number]['points'][number] & {
  selfScore?: Score | null;
};

interface Trends {
  signals: readonly { signal: SignalId; points: readonly TrendPoint[] }[];
}

/** Each small chart is drawn at a fixed size and scales down with CSS; it prints as drawn. */
const CHART_WIDTH = 320;
const CHART_HEIGHT = 170;
const SCALE = [1, 2, 3, 4, 5];

const shortDay = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const shortTime = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });

/**
 * Each round's day, with its time where another round ended the same day: two rounds on one day
 * must not read as one.
 */
export function whenLabels(
  points: readonly { endedAt: string }[],
  day: Intl.DateTimeFormat,
): string[] {
  const days = points.map((point) => day.format(new Date(point.endedAt)));
  return points.map((point, index) => {
    const label = days[index] ?? '';
    const shared = days.filter((other) => other === label).length > 1;
    return shared ? `${label}, ${shortTime.format(new Date(point.endedAt))}` : label;
  });
}

interface ChartRow {
  key: string;
  interviewer: number;
  self: number | null;
}

const interviewerDot = ({ cx, cy, value }: DotItemDotProps) =>
  cx === undefined || cy === undefined || value === null || value === undefined ? null : (
    <circle cx={cx} cy={cy} r={3.5} fill={INTERVIEWER_COLOUR} />
  );

/**
 * The self-assessment's square. Where it equals the interviewer's score it would cover their
 * circle, so it is drawn hollow and wider around it instead: one marker that shows both.
 */
const selfDot = ({ cx, cy, value, payload }: DotItemDotProps) => {
  if (cx === undefined || cy === undefined || value === null || value === undefined) return null;
  const both = (payload as ChartRow).interviewer === value;
  const half = both ? 6.5 : 3.5;
  return (
    <rect
      x={cx - half}
      y={cy - half}
      width={half * 2}
      height={half * 2}
      fill={both ? 'none' : '#ffffff'}
      stroke={SELF_COLOUR}
      strokeWidth={2}
    />
  );
};

/** One sentence a reader can take in without the chart: how many rounds, where it started and stands. */
function summarise(points: readonly TrendPoint[]): string {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return '';
  const rounds = `${points.length} ${points.length === 1 ? 'round' : 'rounds'}`;
  const movement =
    points.length === 1 ? `scored ${last.score}` : `latest ${last.score}, first ${first.score}`;
  const self =
    last.selfScore === null || last.selfScore === undefined
      ? ''
      : `; your latest self-score ${last.selfScore}`;
  return `${rounds}: ${movement}${self}.`;
}

/**
 * A small-multiples grid: one chart per signal on the same 1–5 scale, so they compare at a glance.
 * A shared page shows the interviewer's scores alone: the self-assessment stays with its owner.
 */
export function SignalTrends({ trends, shared = false }: { trends: Trends; shared?: boolean }) {
  const anyPoints = trends.signals.some((entry) => entry.points.length > 0);
  return (
    <>
      {anyPoints ? (
        shared ? (
          <SeriesLegend withSelf={false} />
        ) : (
          <SeriesLegend note="A round marker inside a square: you gave the score the interviewer did." />
        )
      ) : (
        <p className="muted">
          {shared
            ? 'No released round has been scored yet.'
            : 'No trends yet: they start once the feedback of a round where you were the candidate is released.'}
        </p>
      )}
      <div className={styles.trendGrid}>
        {trends.signals.map((entry) => (
          <TrendCard
            key={entry.signal}
            signal={entry.signal}
            points={entry.points}
            withSelf={!shared}
          />
        ))}
      </div>
    </>
  );
}

function TrendCard({
  signal,
  points,
  withSelf,
}: {
  signal: SignalId;
  points: readonly TrendPoint[];
  withSelf: boolean;
}) {
  const name = signalById(signal).name;
  const headingId = `trend-${signal}`;
  const shortLabels = whenLabels(points, shortDay);
  const tickOf = new Map(points.map((point, index) => [point.sessionId, shortLabels[index]]));
  const dates = whenLabels(points, dayFormat);
  const data: ChartRow[] = points.map((point) => ({
    key: point.sessionId,
    interviewer: point.score,
    self: point.selfScore ?? null,
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
              {/* One category per round, so rounds whose labels agree still get a point each. */}
              <XAxis
                dataKey="key"
                tickFormatter={(key: string) => tickOf.get(key) ?? ''}
                tick={{ fill: MUTED_INK, fontSize: 11 }}
                stroke={GRID}
              />
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
              {withSelf && (
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
              )}
            </LineChart>
          </div>
          {/* Hidden in a box: a table ignores the 1px width it is given. */}
          <div className="visually-hidden">
            <table>
              <caption>{name}: scores round by round, oldest first</caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Round</th>
                  <th scope="col">Interviewer</th>
                  {withSelf && <th scope="col">You</th>}
                </tr>
              </thead>
              <tbody>
                {points.map((point, index) => (
                  <tr key={point.sessionId}>
                    <th scope="row">{dates[index]}</th>
                    <td>{roundTypeById(point.roundType).name}</td>
                    <td>{point.score}</td>
                    {withSelf && <td>{point.selfScore ?? 'Not given'}</td>}
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
