import type { Role, RoomState } from '@signal-room/domain';
import { isStaff } from '@signal-room/domain';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { ConfirmStep } from '../ui/confirm-step';
import { isQueued } from './pending';
import type { QueuedCommand } from '@signal-room/room-client';
import type { RoomActions } from './room-actions';
import { mayRun } from './room-actions';
import styles from './after-end-panel.module.css';

interface AfterEndPanelProps {
  state: RoomState;
  role: Role;
  pending: readonly QueuedCommand[];
  actions: RoomActions;
  /** The id of the summary form, for the reminder to write one. */
  summaryId?: string;
}

/**
 * What comes after the round: releasing feedback, opening it, and the swapped second round.
 * Releasing before the candidate's self-assessment is in asks first, with waiting as the choice
 * that has the focus; the self-assessment arriving while the panel is open is announced.
 */
export function AfterEndPanel({ state, role, pending, actions, summaryId }: AfterEndPanelProps) {
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  // Whether the self-assessment was still missing when the round ended here: if it comes in
  // now, that is news worth announcing; one already in on arrival is not.
  const [waitedForSelfAssessment] = useState(state.selfAssessment === null);
  const hasCandidate = Object.values(state.participants).some((p) => p.role === 'candidate');
  const releasing = isQueued(pending, 'feedback.release');
  const swapping = isQueued(pending, 'roles.swap');
  const canRelease =
    mayRun(role, 'feedback.release') && state.visibility === 'private' && !state.feedbackReleased;
  // Staff may read the feedback as soon as the round ends; the candidate once it is released.
  const feedbackOpen = isStaff(role) || state.feedbackReleased;
  const feedbackPath = `/sessions/${state.sessionId}/feedback`;
  const arrived = waitedForSelfAssessment && state.selfAssessment !== null;
  // A self-assessment that can still come is worth waiting for; with no candidate, it cannot.
  const mustAsk = hasCandidate && state.selfAssessment === null;
  const release = () => {
    setConfirming(false);
    actions.send('feedback.release', {});
  };

  return (
    <section className={`card ${styles.panel}`} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className={styles.heading}>
        {state.endReason === 'time-up'
          ? 'Time ran out: the round has ended'
          : 'The round has ended'}
      </h2>

      {canRelease && (
        <p role="status" className={arrived ? `notice ${styles.arrived}` : styles.quiet}>
          {arrived
            ? "The candidate's self-assessment has just arrived: you can release the feedback now."
            : ''}
        </p>
      )}

      {canRelease && (
        <div className={styles.step}>
          <p>
            {state.selfAssessment
              ? 'The candidate has sent their self-assessment.'
              : hasCandidate
                ? 'The candidate has not sent a self-assessment yet. Once feedback is released they can no longer send one, so it stays blind.'
                : 'No candidate joined this round.'}
          </p>
          {!state.summary && summaryId && (
            <p>
              You have not written a summary yet: it leads the feedback.{' '}
              <a href={`#${summaryId}`}>Write your summary</a>
            </p>
          )}
          {confirming && mustAsk ? (
            <ConfirmStep
              confirmLabel="Release without it"
              cancelLabel="Wait for the self-assessment"
              onConfirm={release}
              onCancel={() => setConfirming(false)}
            >
              Release the feedback before the candidate has sent their self-assessment? They would
              no longer be able to send one, and it is the part of the feedback that shows them
              where they misread themselves. You will be told here when it arrives.
            </ConfirmStep>
          ) : (
            <button
              type="button"
              className="button button--primary"
              disabled={releasing}
              aria-expanded={mustAsk ? confirming : undefined}
              onClick={() => (mustAsk ? setConfirming(true) : release())}
            >
              {releasing ? 'Releasing feedback (not sent yet)…' : 'Release feedback'}
            </button>
          )}
        </div>
      )}

      {feedbackOpen && (
        <p className={styles.step}>
          <Link to={feedbackPath} className="button">
            {state.feedbackReleased ? 'Open the feedback' : 'Preview the feedback'}
          </Link>
          {!state.feedbackReleased && (
            <span className="muted">
              {' '}
              The candidate sees it once{' '}
              {role === 'interviewer' ? 'you release it' : 'the interviewer releases it'}.
            </span>
          )}
        </p>
      )}

      {state.nextSessionId ? (
        <p className={styles.step}>
          <Link to={`/sessions/${state.nextSessionId}`} className="button button--primary">
            Go to the second round, roles swapped
          </Link>
        </p>
      ) : (
        mayRun(role, 'roles.swap') &&
        state.peerMode &&
        hasCandidate && (
          <div className={styles.step}>
            <p className="muted">
              Practising as peers? Swap roles and run a second round with a fresh prompt.
            </p>
            <button
              type="button"
              className="button"
              disabled={swapping}
              onClick={() => actions.send('roles.swap', {})}
            >
              {swapping ? 'Setting up the second round…' : 'Swap roles for a second round'}
            </button>
          </div>
        )
      )}
    </section>
  );
}
