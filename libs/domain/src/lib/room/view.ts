import type { Scorecard } from '../scorecard';
import type { Role, RoomPrompt, RoomState } from './state';
import { isStaff } from './state';

export interface Viewer {
  userId: string;
  role: Role;
}

/**
 * Whether the viewer's role is open to scores at all: staff always (though each sees only their
 * own scorecard until the round ends), the candidate in coaching mode or once feedback is out.
 */
export const seesScores = (state: RoomState, viewer: Viewer): boolean =>
  isStaff(viewer.role) || state.visibility === 'coaching' || state.feedbackReleased;

const only = (cards: Record<string, Scorecard>, scorerId: string): Record<string, Scorecard> => {
  const card = cards[scorerId];
  return card ? { [scorerId]: card } : {};
};

/** The candidate reads the prompt once revealed, and only the hints revealed so far. */
function candidatePrompt(state: RoomState): RoomPrompt | null {
  if (!state.prompt || !state.promptRevealed) return null;
  return {
    promptId: state.prompt.promptId,
    title: state.prompt.title,
    body: state.prompt.body,
    hints: state.prompt.hints.slice(0, state.hintsRevealed),
    followUps: [],
    signals: state.prompt.signals,
    guide: null,
  };
}

/**
 * What one participant may see of the room. Staff score blind until the round ends (each sees
 * only their own scorecard, and an observer not the interviewer's summary), then see every
 * scorecard for calibration. The candidate never sees the guide, follow-ups, unrevealed hints or
 * an observer's scorecard, sees the interviewer's scorecard and marks only in coaching mode or
 * once feedback is released, and the interviewer's summary only once feedback is released. Only
 * the interviewer sees the watch list (the candidate reads what came of it in the feedback).
 */
export function viewFor(state: RoomState, viewer: Viewer): RoomState {
  const interviewer = viewer.userId === state.interviewerId;
  if (isStaff(viewer.role)) {
    // The watch list is the candidate's own writing, shown to the interviewer they wrote it for;
    // an observer scoring blind for calibration must not be steered by it.
    const watchFor = interviewer ? state.watchFor : [];
    if (state.status === 'ended') return { ...state, watchFor };
    return {
      ...state,
      scorecards: only(state.scorecards, viewer.userId),
      // The summary is the interviewer's judgement: an observer scoring blind reads it at the end.
      summary: interviewer ? state.summary : null,
      watchFor,
    };
  }
  const open = seesScores(state, viewer);
  return {
    ...state,
    prompt: candidatePrompt(state),
    scorecards: open ? only(state.scorecards, state.interviewerId) : {},
    moves: open ? state.moves : [],
    flags: open ? state.flags : [],
    // Seeing ticks land live would turn the list into lines to recite; the feedback tells them.
    watchFor: [],
    // Even in coaching mode: the summary is part of the feedback, and goes out with it.
    summary: state.feedbackReleased ? state.summary : null,
  };
}
