import type { Role, RoomState } from '@signal-room/domain';
import { isStaff } from '@signal-room/domain';
import { useId } from 'react';
import { Link } from 'react-router';
import { isQueued } from './pending';
import type { PendingCommand } from './room-store';
import type { RoomActions } from './room-actions';
import { mayRun } from './room-actions';
import styles from './after-end-panel.module.css';

interface AfterEndPanelProps {
  state: RoomState;
  role: Role;
  pending: readonly PendingCommand[];
  actions: RoomActions;
}

/** What comes after the round: releasing feedback, opening it, and the swapped second round. */
export function AfterEndPanel({ state, role, pending, actions }: AfterEndPanelProps) {
  const id = useId();
  const hasCandidate = Object.values(state.participants).some((p) => p.role === 'candidate');
  const releasing = isQueued(pending, 'feedback.release');
  const swapping = isQueued(pending, 'roles.swap');
  const canRelease =
    mayRun(role, 'feedback.release') && state.visibility === 'private' && !state.feedbackReleased;
  // Staff may read the feedback as soon as the round ends; the candidate once it is released.
  const feedbackOpen = isStaff(role) || state.feedbackReleased;
  const feedbackPath = `/sessions/${state.sessionId}/feedback`;

  return (
    <section className={`card ${styles.panel}`} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className={styles.heading}>
        {state.endReason === 'time-up'
          ? 'Time ran out: the round has ended'
          : 'The round has ended'}
      </h2>

      {canRelease && (
        <div className={styles.step}>
          <p>
            {state.selfAssessment
              ? 'The candidate has sent their self-assessment.'
              : hasCandidate
                ? 'The candidate has not sent a self-assessment yet. Once feedback is released they can no longer send one, so it stays blind.'
                : 'No candidate joined this round.'}
          </p>
          <button
            type="button"
            className="button button--primary"
            disabled={releasing}
            onClick={() => actions.send('feedback.release', {})}
          >
            {releasing ? 'Releasing feedback (not sent yet)…' : 'Release feedback'}
          </button>
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
