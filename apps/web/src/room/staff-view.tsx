import type { EvidenceAnchor, RoomCommandType, RoomState } from '@signal-room/domain';
import {
  COMMUNICATION_MOVES,
  FAILURE_MODES,
  elapsedAt,
  emptyScorecard,
  roundTypeById,
} from '@signal-room/domain';
import type { ReactNode } from 'react';
import { useId } from 'react';
import { InvitePanel } from '../sessions/invite-panel';
import { AfterEndPanel } from './after-end-panel';
import { CalibrationPanel } from './calibration-panel';
import { CoverageMeter } from './coverage-meter';
import { EvidenceComposer } from './evidence-composer';
import { MarkPanel } from './mark-panel';
import { marked } from './pending';
import { PhaseMarkers } from './phase-markers';
import { PromptPanel } from './prompt-panel';
import type { QueuedCommand, Unsent } from '@signal-room/room-client';
import type { RoomActions } from './room-actions';
import { mayRun } from './room-actions';
import { Scorecard } from './scorecard';
import { ScorecardSummary } from './scorecard-summary';
import { SummaryForm } from './summary-form';
import { TimerControls } from './timer-controls';
import { WatchList } from './watch-list';
import { PaneJumps } from './pane-jumps';
import { SidePane } from './side-pane';
import paneStyles from './side-pane.module.css';
import styles from './staff-view.module.css';

interface StaffViewProps {
  state: RoomState;
  role: 'interviewer' | 'observer';
  viewerId: string;
  pending: readonly QueuedCommand[];
  unsent: Unsent;
  actions: RoomActions;
  /** The shared workspace (the code pad), given by the room that holds its connection. */
  workspace?: ReactNode;
  /** What is selected in the workspace, for a note on selection; left out where there is none. */
  workspaceSelection?: EvidenceAnchor | null;
}

/**
 * The interviewer's workspace, and the observer's: the same prompt, guide, clock and phases, each
 * with their own blind scorecard. Controls only the interviewer may use are left out for an
 * observer, by the same role table the server enforces.
 */
export function StaffView({
  state,
  role,
  viewerId,
  pending,
  unsent,
  actions,
  workspace,
  workspaceSelection,
}: StaffViewProps) {
  const summaryId = useId();
  const partId = useId();
  const roundType = roundTypeById(state.roundType);
  const may = (type: RoomCommandType) => mayRun(role, type);
  const ended = state.status === 'ended';
  const closed = state.feedbackReleased;
  const card = state.scorecards[viewerId];
  const evidence = marked(card?.evidence ?? [], unsent);
  const unsentNotes = evidence.filter((item) => item.pending).length;
  const moves = marked(state.moves, unsent).map((mark) => ({
    id: mark.id,
    kind: mark.move,
    offsetMs: mark.offsetMs,
    pending: mark.pending,
  }));
  const flags = marked(state.flags, unsent).map((mark) => ({
    id: mark.id,
    kind: mark.flag,
    offsetMs: mark.offsetMs,
    pending: mark.pending,
  }));
  // Marks carry the moment they were pressed, so one queued while offline keeps its time.
  const offsetNow = () => Math.floor(elapsedAt(state.timer, actions.serverNow()));
  const interviewerCard = state.scorecards[state.interviewerId];

  return (
    <div className={styles.view}>
      {role === 'interviewer' && !ended && (
        <InvitePanel
          sessionId={state.sessionId}
          live={state.status === 'live'}
          members={Object.keys(state.participants).sort()}
        />
      )}
      {ended && (
        <>
          <AfterEndPanel
            state={state}
            role={role}
            pending={pending}
            actions={actions}
            summaryId={may('summary.write') ? summaryId : undefined}
          />
          <CalibrationPanel state={state} viewerId={viewerId} />
          {role === 'observer' && interviewerCard && (
            <details className={`card ${styles.details}`}>
              <summary>Read the interviewer&apos;s scores and evidence</summary>
              <ScorecardSummary
                roundType={roundType}
                card={interviewerCard}
                title="The interviewer's scorecard"
                replayOf={ended ? state.sessionId : undefined}
              />
            </details>
          )}
        </>
      )}
      <div className={`${styles.columns} ${workspace ? styles.withWorkspace : ''}`}>
        {workspace && <div className={styles.work}>{workspace}</div>}
        <SidePane
          className={styles.side}
          besideWorkspace={workspace ? 'Notes, guide and scorecard' : null}
        >
          {workspace && (
            <PaneJumps
              jumps={[
                { label: 'Note', target: `${partId}-note` },
                { label: 'Prompt & guide', target: `${partId}-guide` },
                { label: 'Coverage & marks', target: `${partId}-marks` },
                { label: 'Scorecard', target: `${partId}-scorecard` },
              ]}
            />
          )}
          {/* First in the pane: the clock and the note box, where the eye returns mid-round. */}
          <div
            id={`${partId}-note`}
            className={`${styles.pinned} ${paneStyles.part}`}
            tabIndex={-1}
          >
            {may('timer.start') && !ended && (
              <section className="card" aria-label="Run the round">
                <TimerControls state={state} pending={pending} actions={actions} />
              </section>
            )}
            <div className="card">
              <EvidenceComposer
                actions={actions}
                timer={state.timer}
                roundType={roundType}
                unsent={unsentNotes}
                disabled={closed}
                workspaceSelection={workspaceSelection}
              />
            </div>
          </div>
          <div className={styles.columnsInside}>
            <div
              id={`${partId}-guide`}
              className={`${styles.guide} ${paneStyles.part}`}
              tabIndex={-1}
            >
              {/* Beside the clock, where the interviewer looks while listening. */}
              {may('watch.tick') && state.watchFor.length > 0 && (
                <div className="card">
                  <WatchList
                    state={state}
                    unsent={unsent}
                    actions={actions}
                    offsetNow={offsetNow}
                  />
                </div>
              )}
              <section className="card">
                <PhaseMarkers
                  state={state}
                  roundType={roundType}
                  unsent={unsent}
                  actions={may('phase.change') ? actions : undefined}
                />
              </section>
              <PromptPanel
                state={state}
                roundType={roundType}
                pending={pending}
                actions={may('prompt.reveal') ? actions : undefined}
              />
            </div>
            <div className={styles.scoring}>
              <section id={`${partId}-marks`} className={`card ${paneStyles.part}`} tabIndex={-1}>
                <CoverageMeter
                  roundType={roundType}
                  evidence={evidence}
                  status={state.status}
                  timer={state.timer}
                  serverNow={() => actions.serverNow()}
                />
              </section>
              <div className={`card ${styles.marks}`}>
                <MarkPanel
                  title="Communication moves"
                  intro="Mark a move when the candidate makes their reasoning visible."
                  options={COMMUNICATION_MOVES}
                  marks={moves}
                  disabled={closed}
                  onMark={
                    may('move.mark')
                      ? (move) => actions.send('move.mark', { move, offsetMs: offsetNow() })
                      : undefined
                  }
                  onUndo={
                    may('move.unmark')
                      ? (markId) => actions.send('move.unmark', { markId })
                      : undefined
                  }
                />
                <MarkPanel
                  title="Failure modes"
                  intro="Flag a pattern that cuts across signals."
                  tone="warning"
                  options={FAILURE_MODES}
                  marks={flags}
                  disabled={closed}
                  onMark={
                    may('flag.mark')
                      ? (flag) => actions.send('flag.mark', { flag, offsetMs: offsetNow() })
                      : undefined
                  }
                  onUndo={
                    may('flag.unmark')
                      ? (markId) => actions.send('flag.unmark', { markId })
                      : undefined
                  }
                />
              </div>
              <div id={`${partId}-scorecard`} className={`card ${paneStyles.part}`} tabIndex={-1}>
                <Scorecard
                  roundType={roundType}
                  card={card ?? emptyScorecard(viewerId)}
                  viewerId={viewerId}
                  unsent={unsent}
                  actions={actions}
                  disabled={closed}
                  title={role === 'observer' ? 'Your private scorecard' : 'Your scorecard'}
                  replayOf={ended ? state.sessionId : undefined}
                />
              </div>
              {/* One form from the start to the release, so a draft survives the end of the round. */}
              {may('summary.write') && state.status !== 'waiting' && (
                <SummaryForm id={summaryId} state={state} pending={pending} actions={actions} />
              )}
            </div>
          </div>
        </SidePane>
      </div>
    </div>
  );
}
