import { describe, expect, it, jest } from '@jest/globals';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RoomCommandType, RoomState } from '@signal-room/domain';
import { SCORE_LABELS, emptyScores } from '@signal-room/domain';
import { MemoryRouter } from 'react-router';
import { CandidateView } from './candidate-view';
import type { RoomActions } from './room-actions';
import { INTERVIEWER_ID, NOW, interviewerCard, roomState } from './testing/room-fixtures';

const SECRET = 'Jumped to sharding before asking about volume';

// A private round's state as it would look if the interviewer's card and marks were in it: the
// view must keep them out of sight on its own, not only rely on the server's redaction.
const leaky = (change: Partial<RoomState>): RoomState =>
  roomState({
    promptRevealed: true,
    scorecards: { [INTERVIEWER_ID]: interviewerCard(SECRET) },
    moves: [{ id: 'm1', move: 'narrow-scope', offsetMs: 60_000, authorId: INTERVIEWER_ID }],
    ...change,
  });

function setup(state: RoomState) {
  const send = jest.fn((_type: RoomCommandType, _payload: unknown) => 'event-id');
  const actions: RoomActions = { send, serverNow: () => NOW };
  render(
    <MemoryRouter>
      <CandidateView state={state} pending={[]} actions={actions} />
    </MemoryRouter>,
  );
  return { send, user: userEvent.setup() };
}

function expectNoScores() {
  expect(screen.queryByText(SECRET)).not.toBeInTheDocument();
  expect(
    screen.queryByRole('heading', { name: /interviewer's scorecard/i }),
  ).not.toBeInTheDocument();
  expect(screen.queryByText(/Narrow scope on purpose/)).not.toBeInTheDocument();
}

describe('CandidateView', () => {
  it('never shows the interviewer’s scores, notes or marks during a private round', () => {
    setup(leaky({ status: 'live' }));
    expectNoScores();
    for (const label of Object.values(SCORE_LABELS)) {
      expect(screen.queryByText(label)).not.toBeInTheDocument();
    }
    expect(screen.queryByRole('radio')).not.toBeInTheDocument();
  });

  it('shows the prompt only once revealed, with the hints revealed so far', () => {
    setup(roomState({ status: 'live', prompt: null }));
    expect(screen.getByText(/will share the prompt here/)).toBeInTheDocument();
  });

  it('shows the revealed prompt, its hints and the signals the round samples', () => {
    const state = roomState({ status: 'live', promptRevealed: true, hintsRevealed: 1 });
    setup({
      ...state,
      prompt: state.prompt && {
        ...state.prompt,
        hints: state.prompt.hints.slice(0, 1),
        guide: null,
      },
    });
    expect(screen.getByRole('heading', { name: 'Usage metering' })).toBeInTheDocument();
    expect(screen.getByText('Start from one customer and one day of events.')).toBeInTheDocument();
    const signals = screen.getByRole('region', { name: 'What this round looks for' });
    expect(within(signals).getByText('Problem framing')).toBeInTheDocument();
    expect(within(signals).getByText('Delivery & product judgment')).toBeInTheDocument();
  });

  it('asks for a blind self-assessment after a private round, still without the scores', async () => {
    const { send, user } = setup(leaky({ status: 'ended' }));
    expectNoScores();
    const form = screen.getByRole('form', { name: 'How do you think it went?' });
    const framing = within(form).getByRole('group', { name: /Problem framing/ });
    await user.click(within(framing).getByRole('radio', { name: '3 Competent' }));
    const coding = within(form).getByRole('group', { name: /Coding fluency/ });
    await user.click(within(coding).getByRole('radio', { name: 'Not shown' }));
    await user.type(within(form).getByRole('textbox'), 'I never said my assumptions out loud.');
    await user.click(within(form).getByRole('button', { name: 'Send my self-assessment' }));

    expect(send).toHaveBeenCalledWith('self-assessment.submit', {
      scores: { ...emptyScores(), framing: 3 },
      note: 'I never said my assumptions out loud.',
    });
  });

  it('waits for the release once the self-assessment is in, then links to the feedback', () => {
    const selfAssessment = { scores: emptyScores(), note: '' };
    const { unmount } = render(
      <MemoryRouter>
        <CandidateView
          state={leaky({ status: 'ended', selfAssessment })}
          pending={[]}
          actions={{ send: () => 'id', serverNow: () => NOW }}
        />
      </MemoryRouter>,
    );
    expect(screen.getByText(/Waiting for the interviewer to release the feedback/)).toBeVisible();
    expect(screen.queryByRole('form')).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /feedback/i })).not.toBeInTheDocument();
    expectNoScores();
    unmount();

    setup(roomState({ status: 'ended', selfAssessment, feedbackReleased: true }));
    expect(screen.getByRole('link', { name: 'Open the feedback' })).toHaveAttribute(
      'href',
      '/sessions/5b8e2f1a-9c3d-4e7f-8a6b-1c2d3e4f5a6b/feedback',
    );
  });

  it('shares the interviewer’s scorecard read-only in coaching mode', () => {
    setup(leaky({ status: 'live', visibility: 'coaching' }));
    expect(
      screen.getByRole('heading', { name: "The interviewer's scorecard" }),
    ).toBeInTheDocument();
    expect(screen.getByText(SECRET)).toBeInTheDocument();
    expect(screen.queryByRole('radio')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Edit|Remove|Undo/ })).not.toBeInTheDocument();
  });
});
