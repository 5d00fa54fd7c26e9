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
 * once feedback is released, and the interviewer's summary only once feedback is released.
 */
export function viewFor(state: RoomState, viewer: Viewer): RoomState {
  if (isStaff(viewer.role)) {
    if (state.status === 'ended') return { ...state };
    return {
      ...state,
      scorecards: only(state.scorecards, viewer.userId),
      // The summary is the interviewer's judgement: an observer scoring blind reads it at the end.
      summary: viewer.userId === state.interviewerId ? state.summary : null,
    };
  }
  const open = seesScores(state, viewer);
  return {
    ...state,
    prompt: candidatePrompt(state),
    scorecards: open ? only(state.scorecards, state.interviewerId) : {},
    moves: open ? state.moves : [],
    flags: open ? state.flags : [],
    // Even in coaching mode: the summary is part of the feedback, and goes out with it.
    summary: state.feedbackReleased ? state.summary : null,
  };
}
