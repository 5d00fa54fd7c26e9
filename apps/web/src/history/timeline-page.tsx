import type { EvidenceAnchor, RoomState, WorkspaceTool } from '@signal-room/domain';
import {
  elapsedAt,
  emptyScorecard,
  formatOffset,
  isRunning,
  moveById,
  recordingsOpenTo,
  failureModeById,
  roundTypeById,
  sheetTemplate,
  SIGNAL_IDS,
  signalById,
  ROLE_LABELS,
  WORKSPACE_TOOLS,
} from '@signal-room/domain';
import type { DocumentReplay, SessionSummary, TimelineResponse } from '@signal-room/protocol';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { getDocumentReplay, getSession, getTimeline } from '../api/client';
import { OffsetTime } from '../feedback/offset-time';
import { ErrorNotice } from '../ui/error-notice';
import { RecordingPlayback } from '../recording/recording-playback';
import { ReplayPlayer } from './replay-player';
import type { Pointed } from './replay-section';
import { ReplaySection } from './replay-section';
import { usePlayback } from './playback';
import { ReplayClock } from './replay-clock';
import { elementsFromParam, linesFromParam } from './replay-link';
import { countAt, decodeReplay } from './replay-updates';
import type { Attendance, TimelineStep } from './timeline-steps';
import { describeAttendance, readTimeline } from './timeline-steps';
import { useLoad } from './use-load';
import styles from './timeline-page.module.css';

interface TimelineData {
  timeline: TimelineResponse;
  session: SessionSummary;
  /** Each tool's replay, or why it could not be had: the events replay without it. */
  replays: Record<WorkspaceTool, LoadedReplay>;
}

type LoadedReplay = { replay: DocumentReplay } | { error: unknown };

const loadReplay = (id: string, tool: WorkspaceTool, signal: AbortSignal): Promise<LoadedReplay> =>
  getDocumentReplay(id, tool, signal).then(
    (replay) => ({ replay }),
    (error: unknown) => ({ error }),
  );

async function loadTimeline(id: string, signal: AbortSignal): Promise<TimelineData> {
  const [timeline, session, pad, board, sheet] = await Promise.all([
    getTimeline(id, signal),
    getSession(id, signal),
    loadReplay(id, 'pad', signal),
    loadReplay(id, 'board', signal),
    loadReplay(id, 'sheet', signal),
  ]);
  return { timeline, session, replays: { pad, board, sheet } };
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

const NOTHING_POINTED: Pointed = { lines: null, elements: null };

/** What a note's anchor points at, for the replays to highlight. */
function pointedBy(anchor: EvidenceAnchor | undefined): Pointed {
  if (!anchor) return NOTHING_POINTED;
  return anchor.documentId === 'pad'
    ? { lines: { from: anchor.fromLine, to: anchor.toLine }, elements: null }
    : { lines: null, elements: anchor.elementIds };
}

/** The last step whose moment has come by `position`; the first while none has. */
function stepAt(moments: readonly number[], position: number): number {
  let found = 0;
  moments.forEach((moment, at) => {
    if (moment <= position) found = at;
  });
  return found;
}

function Timeline({ data }: { data: TimelineData }) {
  const { timeline, session, replays } = data;
  const { steps, attendance } = useMemo(
    () => readTimeline(timeline.initial, timeline.events),
    [timeline],
  );
  const played = useMemo(
    () =>
      WORKSPACE_TOOLS.map((tool) => {
        const loaded = replays[tool];
        const updates = 'replay' in loaded ? decodeReplay(loaded.replay.updates) : [];
        return { tool, loaded, updates, times: updates.map((update) => update.at) };
      }),
    [replays],
  );
  const clock = useMemo(() => new ReplayClock(timeline.initial, steps), [timeline, steps]);
  const moments = useMemo(() => steps.map((step) => clock.momentOf(step)), [steps, clock]);
  const activity = useMemo(
    () => [...played.flatMap(({ times }) => times), ...moments].sort((a, b) => a - b),
    [played, moments],
  );
  const span = useMemo(() => ({ start: activity[0] ?? 0, end: activity.at(-1) ?? 0 }), [activity]);

  // A link from a note or mark opens at its moment (on the round's clock) and on what it points at.
  const [params] = useSearchParams();
  // Read once: later moves of the playhead are the viewer's, not the link's.
  const [opened] = useState(() => {
    const at = Number(params.get('at'));
    const position = params.has('at') && Number.isFinite(at) ? clock.wallAt(at) : null;
    const lines = linesFromParam(params.get('lines'));
    const elements = elementsFromParam(params.get('elements'));
    const pointed: Pointed | null = lines || elements ? { lines, elements } : null;
    return { position, pointed };
  });
  const playback = usePlayback(span, activity, opened.position ?? moments[0] ?? span.start);
  const [index, setIndex] = useState(() =>
    opened.position === null ? 0 : stepAt(moments, opened.position),
  );
  const [pinned, setPinned] = useState<Pointed | null>(opened.pointed);
  const last = steps.length - 1;
  const current = steps[Math.min(index, last)];
  const currentRef = useRef<HTMLButtonElement>(null);

  const { seek, playing, position } = playback;
  const select = useCallback(
    (at: number) => {
      const next = Math.max(0, Math.min(last, at));
      setIndex(next);
      setPinned(null);
      const moment = moments[next];
      if (moment !== undefined) seek(moment);
    },
    [last, moments, seek],
  );
  const scrub = useCallback(
    (to: number) => {
      seek(to);
      setPinned(null);
      setIndex(stepAt(moments, to));
    },
    [moments, seek],
  );
  useEffect(() => {
    if (playing) setIndex(stepAt(moments, position));
  }, [playing, position, moments]);

  const indexRef = useRef(index);
  useEffect(() => {
    indexRef.current = index;
  }, [index]);
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
      select(move(indexRef.current));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [last, select]);

  useEffect(() => {
    // jsdom and some older engines have no scrollIntoView.
    currentRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [index]);

  const names = useMemo(
    () =>
      Object.fromEntries(
        Object.values((steps.at(-1)?.state ?? timeline.initial).participants).map((person) => [
          person.userId,
          person.displayName,
        ]),
      ),
    [steps, timeline],
  );
  const anchor =
    current?.event.type === 'evidence.added' ? current.event.payload.evidence.anchor : undefined;
  const highlight = pinned ?? pointedBy(anchor);

  const title = session.promptTitle ?? steps.at(-1)?.state.prompt?.title ?? 'Untitled prompt';
  const final = steps.at(-1)?.state ?? timeline.initial;
  // Asked for only when something was recorded and the viewer may hear it (the server checks too).
  const recorded =
    final.recordings.some((recording) => recording.startedAt !== null) &&
    recordingsOpenTo(session.myRole, session);
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
                onClick={() => select(index - 1)}
              >
                <span aria-hidden="true">←</span> Previous
              </button>
              <button
                type="button"
                className="button button--primary"
                disabled={index >= last}
                onClick={() => select(index + 1)}
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
            <div className={styles.main}>
              {/* The voices from just before where the replay stands; a note's link plays them. */}
              {recorded && (
                <RecordingPlayback
                  sessionId={session.id}
                  at={position}
                  offsetMs={clock.clockAt(position)}
                  autoPlay={opened.position !== null}
                  follow={{ playing: playback.playing, speed: playback.speed }}
                />
              )}
              {played.some(({ updates }) => updates.length > 0) && (
                <ReplayPlayer playback={playback} span={span} clock={clock} onScrub={scrub} />
              )}
              {played.map(({ tool, loaded, updates, times }) =>
                'error' in loaded ? (
                  <ErrorNotice key={tool} error={loaded.error} />
                ) : updates.length === 0 ? (
                  // An empty board or sheet is no news in most rounds; an empty pad is said.
                  tool === 'pad' && (
                    <p key={tool} className="muted">
                      Nothing was written in the code pad in this session.
                    </p>
                  )
                ) : (
                  <ReplaySection
                    key={tool}
                    tool={tool}
                    updates={updates}
                    count={countAt(times, position)}
                    position={position}
                    names={names}
                    highlight={highlight}
                    sheet={sheetTemplate(session.roundType)}
                  />
                ),
              )}
              <StatePanel step={current} />
            </div>
            <section className={styles.events} aria-labelledby="events-heading">
              <h2 id="events-heading" className={styles.sectionTitle}>
                Events
              </h2>
              <StepList steps={steps} index={index} currentRef={currentRef} onSelect={select} />
            </section>
          </div>
        </>
      )}
    </div>
  );
}

/** The steps, re-rendered only when the current one changes, not on every tick of playback. */
const StepList = memo(function StepList({
  steps,
  index,
  currentRef,
  onSelect,
}: {
  steps: readonly TimelineStep[];
  index: number;
  currentRef: React.RefObject<HTMLButtonElement | null>;
  onSelect: (index: number) => void;
}) {
  return (
    <ol className={styles.stepList} aria-labelledby="events-heading">
      {steps.map((step, at) => (
        <li key={step.event.seq}>
          <button
            type="button"
            ref={at === index ? currentRef : undefined}
            className={`${styles.step} ${at === index ? styles.current : ''} ${at < index ? styles.past : ''}`}
            aria-current={at === index ? 'step' : undefined}
            onClick={() => onSelect(at)}
          >
            <OffsetTime ms={step.offsetMs} className={styles.offset} />
            <span className={styles.description}>
              {step.description}
              {step.actor !== null && <span className={styles.actor}> — {step.actor}</span>}
            </span>
            {at === index && <span className={styles.here}>Current</span>}
          </button>
        </li>
      ))}
    </ol>
  );
});

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
