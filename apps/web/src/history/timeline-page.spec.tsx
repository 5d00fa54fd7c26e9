import { describe, expect, it, jest } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RoomEvent } from '@signal-room/domain';
import { eventBody } from '@signal-room/domain';
import FeedbackPage from '../feedback/feedback-page';
import {
  CANDIDATE_ID,
  INTERVIEWER_ID,
  fakeFetch,
  feedbackFixture,
  startingRoom,
  OBSERVER_ID,
  ROUND_EVENTS,
  SESSION_ID,
  sessionSummary,
  STARTED_AT,
  uuid,
} from '../testing/feedback-fixtures';
import { renderRoute } from '../testing/render-route';
import TimelinePage from './timeline-page';

const MINUTE = 60_000;
const PRESENCE = new Set(['participant.joined', 'participant.left']);
const ROUND_STEPS = ROUND_EVENTS.filter((event) => !PRESENCE.has(event.type));

function renderTimeline(events: readonly RoomEvent[] = ROUND_EVENTS) {
  globalThis.fetch = jest.fn(
    fakeFetch({
      [`/api/sessions/${SESSION_ID}/timeline`]: {
        body: { sessionId: SESSION_ID, initial: startingRoom(), events },
      },
      [`/api/sessions/${SESSION_ID}`]: { body: sessionSummary() },
      [`/api/sessions/${SESSION_ID}/feedback`]: { body: feedbackFixture() },
    }),
  ) as typeof fetch;
  return renderRoute('/history/:id', `/history/${SESSION_ID}`, <TimelinePage />);
}

/** The round's events with presence a real log also holds: a drop, a rejoin, and revisits. */
function withComingsAndGoings(): RoomEvent[] {
  let seq = ROUND_EVENTS.length;
  const presence = (body: ReturnType<typeof eventBody>, at: number, actorId: string) => ({
    ...body,
    seq: ++seq,
    actorId,
    at,
  });
  const cam = { userId: CANDIDATE_ID, displayName: 'Cam', role: 'candidate' as const };
  const olga = { userId: OBSERVER_ID, displayName: 'Olga', role: 'observer' as const };
  const rex = { userId: uuid(5), displayName: 'Rex', role: 'observer' as const };
  const extra = [
    // A reconnect at 2:00 on the clock, then four minutes away from 10:00 on.
    presence(
      eventBody('participant.left', { userId: CANDIDATE_ID }),
      STARTED_AT + 2 * MINUTE,
      CANDIDATE_ID,
    ),
    presence(eventBody('participant.joined', cam), STARTED_AT + 2 * MINUTE + 5_000, CANDIDATE_ID),
    presence(
      eventBody('participant.left', { userId: CANDIDATE_ID }),
      STARTED_AT + 11 * MINUTE,
      CANDIDATE_ID,
    ),
    presence(eventBody('participant.joined', cam), STARTED_AT + 15 * MINUTE, CANDIDATE_ID),
    // An observer the interviewer removed, which records no departure of theirs.
    presence(eventBody('participant.joined', rex), STARTED_AT + 12 * MINUTE, rex.userId),
    presence(
      eventBody('participant.removed', { userId: rex.userId }),
      STARTED_AT + 13 * MINUTE,
      INTERVIEWER_ID,
    ),
    // After the end: a log from before revisits stopped being recorded, and a late observer.
    presence(
      eventBody('participant.left', { userId: CANDIDATE_ID }),
      STARTED_AT + 22 * MINUTE,
      CANDIDATE_ID,
    ),
    presence(eventBody('participant.joined', cam), STARTED_AT + 23 * MINUTE, CANDIDATE_ID),
    presence(eventBody('participant.joined', olga), STARTED_AT + 24 * MINUTE, OBSERVER_ID),
  ] as RoomEvent[];
  return [...ROUND_EVENTS, ...extra]
    .sort((a, b) => a.at - b.at)
    .map((event, index) => ({
      ...event,
      seq: index + 1,
    }));
}

const currentStep = () => screen.getByRole('button', { current: 'step' });
const panel = () => screen.getByRole('complementary', { name: 'The room at this step' });
const fact = (term: string) => {
  const dt = within(panel()).getByText(term, { selector: 'dt' });
  return dt.nextElementSibling?.textContent;
};
const scoreRow = (signal: string) =>
  within(within(panel()).getByRole('table', { name: 'Interviewer’s scores so far' }))
    .getByRole('row', { name: new RegExp(signal) })
    .querySelectorAll('td');
const cells = (signal: string) => Array.from(scoreRow(signal), (cell) => cell.textContent);

describe('TimelinePage', () => {
  it('steps through the events with the keyboard, folding the room as it goes', async () => {
    const user = userEvent.setup();
    renderTimeline();

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Design a durable job queue' }),
    ).toBeInTheDocument();
    const steps = within(screen.getByRole('list', { name: 'Events' })).getAllByRole('button');
    expect(steps).toHaveLength(ROUND_STEPS.length);

    // The first step is current; anything before the clock started sits at 0:00.
    expect(currentStep()).toHaveTextContent('0:00');
    expect(currentStep()).toHaveTextContent('Prompt revealed to the candidate');
    expect(screen.getByText(/^Step 1 of 16 at 0:00/)).toHaveAttribute('aria-live', 'polite');
    expect(screen.getByRole('button', { name: /Previous/ })).toBeDisabled();
    expect(fact('Status')).toBe('Waiting to start');
    expect(fact('In the room')).toBe('Ivy (interviewer), Cam (candidate)');
    expect(cells('Problem framing')).toEqual(['—', '—']);

    await user.keyboard('{ArrowRight}{ArrowRight}{ArrowRight}');
    expect(currentStep()).toHaveTextContent(
      '1:29Evidence · Problem framing · strong: Asked for the peak job rate before drawing anything',
    );
    expect(screen.getByText(/^Step 4 of 16 at 1:29/)).toBeInTheDocument();
    expect(fact('Status')).toBe('Live, clock running');
    expect(fact('Phase')).toBe('Clarify scope');
    expect(cells('Problem framing')).toEqual(['—', '1 strong']);
    expect(fact('Hints revealed')).toBe('0');

    await user.keyboard('jj');
    expect(currentStep()).toHaveTextContent('Hint 1 revealed');
    expect(fact('Hints revealed')).toBe('1');

    await user.keyboard('j');
    expect(currentStep()).toHaveTextContent('Timer paused');
    expect(fact('Status')).toBe('Live, clock paused');
    expect(fact('Clock')).toBe('2:30 of 45:00');

    await user.keyboard('{End}');
    expect(currentStep()).toHaveTextContent('Feedback released to the candidate');
    expect(fact('Status')).toBe('Ended');
    expect(cells('Problem framing')).toEqual(['4', '1 strong']);
    expect(cells('Architectural judgment')).toEqual(['2', '1 weak']);
    expect(screen.getByRole('button', { name: /Next/ })).toBeDisabled();

    await user.keyboard('k{ArrowLeft}');
    expect(currentStep()).toHaveTextContent('Session ended by the interviewer');
    // Twenty minutes in, less the minute the clock was paused.
    expect(currentStep()).toHaveTextContent('19:00');
    expect(fact('Self-assessment')).toBe('Not yet');

    // A step can also be chosen directly.
    await user.click(steps[0] as HTMLElement);
    expect(currentStep()).toHaveTextContent('Prompt revealed to the candidate');
    expect(fact('Prompt')).toBe('Revealed');
    expect(cells('Problem framing')).toEqual(['—', '—']);
  });

  it('times each step on the round clock, as the room and the feedback do', async () => {
    renderTimeline();
    await screen.findByRole('heading', { level: 1 });
    const step = (text: string) => screen.getByRole('button', { name: new RegExp(text) });
    // Written at 5:00 on the clock, a minute after the pause made the wall clock read 6:00.
    expect(step('one shared queue')).toHaveTextContent(/^5:00/);
    expect(step('Flag · ')).toHaveTextContent(/^7:00/);
    expect(step('Session ended')).toHaveTextContent(/^19:00/);
  });

  it('prints a note at the same time as its feedback does', async () => {
    const timeline = renderTimeline();
    await screen.findByRole('heading', { level: 1 });
    const note = screen.getByRole('button', { name: /peak job rate/ });
    const onTimeline = note.querySelector('time')?.textContent;
    timeline.unmount();

    renderRoute('/sessions/:id/feedback', `/sessions/${SESSION_ID}/feedback`, <FeedbackPage />);
    const item = (await screen.findByText(/peak job rate/)).closest('li');
    expect(onTimeline).toBe('1:29');
    expect(item?.querySelector('time')?.textContent).toBe(onTimeline);
  });

  it('folds people coming and going into who was here, out of the steps', async () => {
    const user = userEvent.setup();
    const events = withComingsAndGoings();
    renderTimeline(events);
    await screen.findByRole('heading', { level: 1 });

    // The removal is a step of the round; the comings and goings are not.
    expect(
      within(screen.getByRole('list', { name: 'Events' })).getAllByRole('button'),
    ).toHaveLength(ROUND_STEPS.length + 1);
    expect(screen.queryByText(/joined as|left the room/)).not.toBeInTheDocument();

    const who = screen.getByText(/^Who was here · 4 people/);
    expect(who.closest('details')).not.toHaveAttribute('open');
    await user.click(who);
    const people = within(who.closest('details') as HTMLElement)
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    expect(people).toEqual([
      'Ivy (interviewer) was here 0:00–19:00',
      // The reconnect at 2:00 is no gap; the four minutes away (10:00 to 14:00) are.
      'Cam (candidate) was here 0:00–10:00, 14:00–19:00, 3 visits',
      'Rex (observer) was here 11:00–12:00',
      'Olga (observer) came only after the round ended',
    ]);
  });
});
