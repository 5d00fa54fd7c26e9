import { describe, expect, it, jest } from '@jest/globals';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import {
  fakeFetch,
  finishedRoom,
  ROUND_EVENTS,
  SESSION_ID,
  sessionSummary,
  STARTED_AT,
} from '../testing/feedback-fixtures';
import TimelinePage from './timeline-page';

function renderTimeline() {
  globalThis.fetch = jest.fn(
    fakeFetch({
      [`/api/sessions/${SESSION_ID}/timeline`]: {
        body: { sessionId: SESSION_ID, startedAt: STARTED_AT, events: ROUND_EVENTS },
      },
      [`/api/sessions/${SESSION_ID}`]: { body: sessionSummary() },
      [`/api/sessions/${SESSION_ID}/room`]: { body: finishedRoom() },
    }),
  ) as typeof fetch;
  render(
    <MemoryRouter initialEntries={[`/history/${SESSION_ID}`]}>
      <Routes>
        <Route path="/history/:id" element={<TimelinePage />} />
      </Routes>
    </MemoryRouter>,
  );
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
    const steps = within(screen.getByRole('list')).getAllByRole('button');
    expect(steps).toHaveLength(ROUND_EVENTS.length);

    // The first step is current; anything before the clock started sits at 0:00.
    expect(currentStep()).toHaveTextContent('0:00');
    expect(currentStep()).toHaveTextContent('Ivy joined as interviewer');
    expect(screen.getByText(/^Step 1 of 18 at 0:00/)).toHaveAttribute('aria-live', 'polite');
    expect(screen.getByRole('button', { name: /Previous/ })).toBeDisabled();
    expect(fact('Status')).toBe('Waiting to start');
    expect(cells('Problem framing')).toEqual(['—', '—']);

    await user.keyboard('{ArrowRight}{ArrowRight}{ArrowRight}{ArrowRight}{ArrowRight}');
    expect(currentStep()).toHaveTextContent(
      '1:30Evidence · Problem framing · strong: Asked for the peak job rate before drawing anything',
    );
    expect(screen.getByText(/^Step 6 of 18 at 1:30/)).toBeInTheDocument();
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
    expect(currentStep()).toHaveTextContent('20:00');
    expect(fact('Self-assessment')).toBe('Not yet');

    // A step can also be chosen directly.
    await user.click(steps[2] as HTMLElement);
    expect(currentStep()).toHaveTextContent('Prompt revealed to the candidate');
    expect(fact('Prompt')).toBe('Revealed');
    expect(cells('Problem framing')).toEqual(['—', '—']);
  });
});
