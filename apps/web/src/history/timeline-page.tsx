import type { RoomState } from '@signal-room/domain';
import {
  elapsedAt,
  emptyScorecard,
  formatOffset,
  isRunning,
  moveById,
  failureModeById,
  roundTypeById,
  SIGNAL_IDS,
  signalById,
  ROLE_LABELS,
} from '@signal-room/domain';
import type { SessionSummary, TimelineResponse } from '@signal-room/protocol';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { getSession, getTimeline } from '../api/client';
import { OffsetTime } from '../feedback/offset-time';
import { ErrorNotice } from '../ui/error-notice';
import type { Attendance, TimelineStep } from './timeline-steps';
import { describeAttendance, readTimeline } from './timeline-steps';
import { useLoad } from './use-load';
import styles from './timeline-page.module.css';

interface TimelineData {
  timeline: TimelineResponse;
  session: SessionSummary;
}

async function loadTimeline(id: string, signal: AbortSignal): Promise<TimelineData> {
  const [timeline, session] = await Promise.all([getTimeline(id, signal), getSession(id, signal)]);
  return { timeline, session };
}

export default function TimelinePage() {
  const { id = '' } = useParams<{ id: string }>();
  const { loaded, retry } = useLoad(id, (signal) => loadTimeline(id, signal));
  if (loaded.status === 'loading') {
    return (
      <p className="muted" role="status">
        Loading the timeline…
      </p>
    );
  }
  if (loaded.status === 'failed') {
    return (
      <div className={styles.page}>
        <h1 className={styles.title}>Timeline</h1>
        <ErrorNotice error={loaded.error} onRetry={retry} />
        <Link to="/history">Back to history</Link>
      </div>
    );
  }
  return <Timeline data={loaded.data} />;
}

// Keys that step, as in most readers: arrows, or j and k as in a pager.
const NEXT_KEYS = new Set(['ArrowRight', 'j']);
const PREVIOUS_KEYS = new Set(['ArrowLeft', 'k']);

/** Typing in a field must never step the timeline. */
const isTyping = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

function Timeline({ data }: { data: TimelineData }) {
  const { timeline, session } = data;
  const { steps, attendance } = useMemo(
    () => readTimeline(timeline.initial, timeline.events),
    [timeline],
  );
  const [index, setIndex] = useState(0);
  const last = steps.length - 1;
  const current = steps[Math.min(index, last)];
  const currentRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      if (isTyping(event.target)) return;
      const move = NEXT_KEYS.has(event.key)
        ? (at: number) => at + 1
        : PREVIOUS_KEYS.has(event.key)
          ? (at: number) => at - 1
          : event.key === 'Home'
            ? () => 0
            : event.key === 'End'
              ? () => last
              : null;
      if (move === null) return;
      event.preventDefault();
      setIndex((at) => Math.max(0, Math.min(last, move(at))));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [last]);

  useEffect(() => {
    // jsdom and some older engines have no scrollIntoView.
    currentRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [index]);

  const title = session.promptTitle ?? steps.at(-1)?.state.prompt?.title ?? 'Untitled prompt';
  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <p className={styles.eyebrow}>Timeline · {roundTypeById(session.roundType).name}</p>
        <h1 className={styles.title}>{title}</h1>
        <nav aria-label="This session" className={`${styles.links} no-print`}>
          <Link to={`/sessions/${session.id}/feedback`}>Feedback for this session</Link>
          <Link to="/history">All past sessions</Link>
        </nav>
        <AttendanceList attendance={attendance} />
      </header>

      {current === undefined ? (
        <p className="muted">There are no events in this session that you can see.</p>
      ) : (
        <>
          <div className={`${styles.controls} no-print`}>
            <div className={styles.buttons}>
              <button
                type="button"
                className="button"
                disabled={index === 0}
                onClick={() => setIndex((at) => Math.max(0, at - 1))}
              >
                <span aria-hidden="true">←</span> Previous
              </button>
              <button
                type="button"
                className="button button--primary"
                disabled={index >= last}
                onClick={() => setIndex((at) => Math.min(last, at + 1))}
              >
                Next <span aria-hidden="true">→</span>
              </button>
            </div>
            <p className={styles.position} aria-live="polite" aria-atomic="true">
              Step {index + 1} of {steps.length} at {formatOffset(current.offsetMs)}:{' '}
              {current.description}
            </p>
            <p className={styles.keys}>
              Keys: <kbd>←</kbd> <kbd>→</kbd> or <kbd>k</kbd> <kbd>j</kbd> to step, <kbd>Home</kbd>{' '}
              <kbd>End</kbd> to jump.
            </p>
          </div>

          <div className={styles.columns}>
            <section className={styles.events} aria-labelledby="events-heading">
              <h2 id="events-heading" className={styles.sectionTitle}>
                Events
              </h2>
              <ol className={styles.stepList} aria-labelledby="events-heading">
                {steps.map((step, at) => (
                  <li key={step.event.seq}>
                    <button
                      type="button"
                      ref={at === index ? currentRef : undefined}
                      className={`${styles.step} ${at === index ? styles.current : ''} ${at < index ? styles.past : ''}`}
                      aria-current={at === index ? 'step' : undefined}
                      onClick={() => setIndex(at)}
                    >
                      <OffsetTime ms={step.offsetMs} className={styles.offset} />
                      <span className={styles.description}>
                        {step.description}
                        {step.actor !== null && (
                          <span className={styles.actor}> — {step.actor}</span>
                        )}
                      </span>
                      {at === index && <span className={styles.here}>Current</span>}
                    </button>
                  </li>
                ))}
              </ol>
            </section>
            <StatePanel step={current} />
          </div>
        </>
      )}
    </div>
  );
}

/** Who was in the room and when, folded away: the steps are what happened in the round. */
function AttendanceList({ attendance }: { attendance: readonly Attendance[] }) {
  if (attendance.length === 0) return null;
  return (
    <details className={styles.attendance}>
      <summary>
        Who was here · {attendance.length} {attendance.length === 1 ? 'person' : 'people'}
      </summary>
      <ul className={styles.attendanceList}>
        {attendance.map((person) => (
          <li key={person.userId}>{describeAttendance(person)}</li>
        ))}
      </ul>
    </details>
  );
}

function statusOf(state: RoomState): string {
  switch (state.status) {
    case 'waiting':
      return 'Waiting to start';
    case 'live':
      return isRunning(state.timer) ? 'Live, clock running' : 'Live, clock paused';
    case 'ended':
      return 'Ended';
  }
}

function evidenceCount(strong: number, weak: number): string {
  const parts = [
    ...(strong > 0 ? [`${strong} strong`] : []),
    ...(weak > 0 ? [`${weak} weak`] : []),
  ];
  return parts.length === 0 ? '—' : parts.join(', ');
}

/** The room as it stood after the current step: everything folded so far, nothing after. */
function StatePanel({ step }: { step: TimelineStep }) {
  const { state, event } = step;
  const card = state.scorecards[state.interviewerId] ?? emptyScorecard(state.interviewerId);
  const lastPhase = state.phases[state.phases.length - 1];
  const phaseName = lastPhase
    ? (roundTypeById(state.roundType).phases.find((phase) => phase.id === lastPhase.phaseId)
        ?.name ?? lastPhase.phaseId)
    : null;
  const present = Object.values(state.participants).filter((participant) => participant.online);
  return (
    <aside className={`card ${styles.panel}`} aria-labelledby="state-heading">
      <h2 id="state-heading" className={styles.sectionTitle}>
        The room at this step
      </h2>
      <dl className={styles.facts}>
        <div>
          <dt>Status</dt>
          <dd>{statusOf(state)}</dd>
        </div>
        <div>
          <dt>Clock</dt>
          <dd>
            {formatOffset(elapsedAt(state.timer, event.at))} of{' '}
            {formatOffset(state.timer.durationMs)}
          </dd>
        </div>
        <div>
          <dt>Phase</dt>
          <dd>{phaseName ?? 'None marked yet'}</dd>
        </div>
        <div>
          <dt>Prompt</dt>
          <dd>{state.promptRevealed ? 'Revealed' : 'Not revealed yet'}</dd>
        </div>
        <div>
          <dt>Hints revealed</dt>
          <dd>{state.hintsRevealed}</dd>
        </div>
        <div>
          <dt>In the room</dt>
          <dd>
            {present.length === 0
              ? 'Nobody yet'
              : present
                  .map(
                    (person) => `${person.displayName} (${ROLE_LABELS[person.role].toLowerCase()})`,
                  )
                  .join(', ')}
          </dd>
        </div>
        <div>
          <dt>Self-assessment</dt>
          <dd>{state.selfAssessment ? 'Submitted' : 'Not yet'}</dd>
        </div>
        <div>
          <dt>Feedback</dt>
          <dd>{state.feedbackReleased ? 'Released' : 'Not released'}</dd>
        </div>
      </dl>

      <table className={styles.table}>
        <caption className={styles.caption}>Interviewer’s scores so far</caption>
        <thead>
          <tr>
            <th scope="col">Signal</th>
            <th scope="col">Score</th>
            <th scope="col">Evidence</th>
          </tr>
        </thead>
        <tbody>
          {SIGNAL_IDS.map((signal) => {
            const items = card.evidence.filter((item) => item.signal === signal);
            const strong = items.filter((item) => item.polarity === 'strong').length;
            return (
              <tr key={signal}>
                <th scope="row">{signalById(signal).name}</th>
                <td>{card.scores[signal] ?? '—'}</td>
                <td>{evidenceCount(strong, items.length - strong)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <h3 className={styles.groupTitle}>Moves heard</h3>
      {state.moves.length === 0 ? (
        <p className="muted">None yet.</p>
      ) : (
        <ul className={styles.marks}>
          {state.moves.map((mark) => (
            <li key={mark.id}>
              <OffsetTime ms={mark.offsetMs} className={styles.offset} /> {moveById(mark.move).name}
            </li>
          ))}
        </ul>
      )}
      <h3 className={styles.groupTitle}>Patterns flagged</h3>
      {state.flags.length === 0 ? (
        <p className="muted">None yet.</p>
      ) : (
        <ul className={styles.marks}>
          {state.flags.map((mark) => (
            <li key={mark.id}>
              <OffsetTime ms={mark.offsetMs} className={styles.offset} />{' '}
              {failureModeById(mark.flag).name}
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
