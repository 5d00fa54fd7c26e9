import type { RoomState, RoundType, SignalLayer } from '@signal-room/domain';
import {
  COMMUNICATION_MOVES,
  FAILURE_MODES,
  SIGNAL_IDS,
  layerOf,
  roundTypeById,
  signalById,
} from '@signal-room/domain';
import type { ReactNode } from 'react';
import { useId } from 'react';
import { LayerMark } from '../catalog/layer-mark';
import { AfterEndPanel } from './after-end-panel';
import { MarkPanel } from './mark-panel';
import { isQueued } from './pending';
import type { QueuedCommand } from '@signal-room/room-client';
import type { RoomActions } from './room-actions';
import { ScorecardSummary } from './scorecard-summary';
import { SelfAssessmentForm } from './self-assessment-form';
import { SidePane } from './side-pane';
import styles from './candidate-view.module.css';

interface CandidateViewProps {
  state: RoomState;
  pending: readonly QueuedCommand[];
  actions: RoomActions;
  /** The shared workspace (the code pad), given by the room that holds its connection. */
  workspace?: ReactNode;
}

/**
 * The candidate's side: calm, with the prompt once revealed, the hints given so far and what the
 * round looks for. Scores appear only in coaching mode; in a private round they stay out of view
 * even if a state carrying them ever arrived, until the feedback page shows them.
 */
export function CandidateView({ state, pending, actions, workspace }: CandidateViewProps) {
  const roundType = roundTypeById(state.roundType);
  const coaching = state.visibility === 'coaching';
  const ended = state.status === 'ended';
  const sending = isQueued(pending, 'self-assessment.submit');
  const canSelfAssess =
    ended && !state.selfAssessment && !sending && (coaching || !state.feedbackReleased);
  const interviewerCard = coaching ? state.scorecards[state.interviewerId] : undefined;

  return (
    <div className={`${styles.view} ${workspace ? styles.withWorkspace : ''}`}>
      {workspace && <div className={styles.work}>{workspace}</div>}
      <SidePane
        className={styles.side}
        besideWorkspace={workspace ? 'The prompt and the round' : null}
      >
        {ended && (
          <>
            {canSelfAssess && <SelfAssessmentForm roundType={roundType} actions={actions} />}
            {sending && !state.selfAssessment && (
              <p className="notice" role="status">
                Your self-assessment is saved on this device and will be sent as soon as the room is
                reachable.
              </p>
            )}
            {state.selfAssessment && !state.feedbackReleased && (
              <p className="notice" role="status">
                Thank you: your self-assessment is in. Waiting for the interviewer to release the
                feedback.
              </p>
            )}
            <AfterEndPanel state={state} role="candidate" pending={pending} actions={actions} />
          </>
        )}

        <CandidatePrompt state={state} />
        <RoundSignals roundType={roundType} />

        {coaching && (
          <div className={`card ${styles.coaching}`}>
            <p className="muted">
              Coaching mode: the interviewer&apos;s scores and notes are shared with you as they go.
            </p>
            {interviewerCard ? (
              <ScorecardSummary
                roundType={roundType}
                card={interviewerCard}
                title="The interviewer's scorecard"
                replayOf={state.status === 'ended' ? state.sessionId : undefined}
              />
            ) : (
              <p className="muted">No scores or notes yet.</p>
            )}
            <MarkPanel
              title="Communication moves heard"
              intro="Moments the interviewer noted you making your reasoning visible."
              options={COMMUNICATION_MOVES}
              marks={state.moves.map((mark) => ({ ...mark, kind: mark.move, pending: false }))}
            />
            <MarkPanel
              title="Patterns flagged"
              intro="Habits that cut across signals, noted by the interviewer."
              tone="warning"
              options={FAILURE_MODES}
              marks={state.flags.map((mark) => ({ ...mark, kind: mark.flag, pending: false }))}
            />
          </div>
        )}
      </SidePane>
    </div>
  );
}

function CandidatePrompt({ state }: { state: RoomState }) {
  const id = useId();
  const { prompt } = state;
  return (
    <section className={`card ${styles.prompt}`} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className={styles.title}>
        {prompt ? prompt.title : 'The prompt'}
      </h2>
      {prompt ? (
        <>
          <p className={styles.body}>{prompt.body}</p>
          {prompt.hints.length > 0 && (
            <div className={styles.hints}>
              <h3 className={styles.subheading}>Hints from the interviewer</h3>
              <ol aria-live="polite">
                {prompt.hints.map((hint, index) => (
                  <li key={index}>{hint}</li>
                ))}
              </ol>
            </div>
          )}
        </>
      ) : (
        <p className="muted">
          {state.status === 'ended'
            ? 'This round ended without a prompt being shared.'
            : 'The interviewer will share the prompt here when the round begins. Take your time to settle in.'}
        </p>
      )}
      {/* Stays mounted, so the moment the prompt arrives is announced. */}
      <p role="status" className="visually-hidden">
        {prompt ? `The interviewer has shared the prompt: ${prompt.title}.` : ''}
      </p>
    </section>
  );
}

const LAYERS: { layer: Exclude<SignalLayer, 'unsampled'>; intro: string }[] = [
  { layer: 'primary', intro: 'what this round exists to measure' },
  { layer: 'secondary', intro: 'adjacent evidence that also counts' },
  { layer: 'floor', intro: 'expected in every round' },
];

/** Which signals the round samples, by layer: names and what each asks, never scores. */
function RoundSignals({ roundType }: { roundType: RoundType }) {
  const id = useId();
  // Each signal under one layer only: a floor that is also listed as secondary reads as floor.
  const inLayer = (layer: SignalLayer) =>
    SIGNAL_IDS.filter((signal) => layerOf(roundType, signal) === layer);
  return (
    <section className={`card ${styles.signals}`} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className={styles.title}>
        What this round looks for
      </h2>
      <p className="muted">
        Say your reasoning out loud: what the interviewer does not hear, they cannot write down.
      </p>
      <dl className={styles.layers}>
        {LAYERS.map(({ layer, intro }) => ({ layer, intro, signals: inLayer(layer) }))
          .filter(({ signals }) => signals.length > 0)
          .map(({ layer, intro, signals }) => (
            <div key={layer}>
              <dt>
                <LayerMark layer={layer} /> <span className="muted">· {intro}</span>
              </dt>
              {signals.map((signal) => (
                <dd key={signal}>
                  <strong>{signalById(signal).name}</strong>
                  <span className={styles.question}>{signalById(signal).question}</span>
                </dd>
              ))}
            </div>
          ))}
      </dl>
    </section>
  );
}
