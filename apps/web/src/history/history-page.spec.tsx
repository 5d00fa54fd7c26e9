import { describe, expect, it, jest } from '@jest/globals';
import type { LoopRound } from '@signal-room/domain';
import { aggregateLoop, emptyScores, VERDICT_LABELS } from '@signal-room/domain';
import type { TrendsResponse } from '@signal-room/protocol';
import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import HistoryPage from './history-page';
import type { Reply } from '../testing/feedback-fixtures';
import {
  fakeFetch,
  finishedRoom,
  INTERVIEWER_ID,
  SESSION_ID,
  sessionSummary,
  uuid,
} from '../testing/feedback-fixtures';

const CODING_ID = uuid(11);
const BEHAVIORAL_ID = uuid(12);
const PRACTICAL_ID = uuid(13);
const LIVE_ID = uuid(14);

const SESSIONS = [
  sessionSummary(),
  sessionSummary({
    id: CODING_ID,
    roundType: 'coding-screen',
    promptTitle: 'Merge overlapping intervals',
    myRole: 'interviewer',
    endedAt: '2025-03-20T12:00:00.000Z',
  }),
  sessionSummary({
    id: BEHAVIORAL_ID,
    roundType: 'behavioral',
    promptTitle: 'A conflict you resolved',
    feedbackReleased: false,
    endedAt: '2025-04-02T12:00:00.000Z',
  }),
  sessionSummary({
    id: PRACTICAL_ID,
    roundType: 'practical-coding',
    promptTitle: 'A rate limiter for a public API',
    endedAt: '2025-04-15T12:00:00.000Z',
  }),
  sessionSummary({
    id: LIVE_ID,
    promptTitle: 'Still going',
    status: 'live',
    endedAt: null,
  }),
];

const TRENDS: TrendsResponse = {
  signals: [
    {
      signal: 'framing',
      points: [
        {
          sessionId: SESSION_ID,
          roundType: 'system-design',
          endedAt: '2025-03-10T14:20:00.000Z',
          score: 4,
          selfScore: 4,
        },
        {
          sessionId: PRACTICAL_ID,
          roundType: 'practical-coding',
          endedAt: '2025-04-15T12:00:00.000Z',
          score: 2,
          selfScore: null,
        },
      ],
    },
    { signal: 'coding', points: [] },
  ],
};

const firstRound = (): LoopRound => {
  const room = finishedRoom();
  const card = room.scorecards[INTERVIEWER_ID];
  return {
    sessionId: SESSION_ID,
    roundType: room.roundType,
    scores: card?.scores ?? emptyScores(),
    evidence: card?.evidence ?? [],
    moves: room.moves,
    flags: room.flags,
  };
};

const LOOP = aggregateLoop([
  firstRound(),
  {
    sessionId: PRACTICAL_ID,
    roundType: 'practical-coding',
    scores: { ...emptyScores(), coding: 3, production: 2, framing: 2 },
    evidence: [],
    moves: [],
    flags: [{ id: uuid(302), flag: 'ignored-hint', offsetMs: 60_000, authorId: INTERVIEWER_ID }],
  },
]);

function renderHistory(extra: Record<string, Reply> = {}) {
  globalThis.fetch = jest.fn(
    fakeFetch({
      '/api/sessions': { body: { sessions: SESSIONS } },
      '/api/history/trends': { body: TRENDS },
      ...extra,
    }),
  ) as typeof fetch;
  render(
    <MemoryRouter initialEntries={['/history']}>
      <Routes>
        <Route path="/history" element={<HistoryPage />} />
      </Routes>
    </MemoryRouter>,
  );
}

const listedTitles = () =>
  within(screen.getByRole('list', { name: 'Past sessions' }))
    .getAllByRole('heading', { level: 3 })
    .map((heading) => heading.textContent);

describe('HistoryPage', () => {
  it('lists past sessions newest first and narrows them with the filters', async () => {
    const user = userEvent.setup();
    renderHistory();

    await screen.findByRole('list', { name: 'Past sessions' });
    expect(listedTitles()).toEqual([
      'A rate limiter for a public API',
      'A conflict you resolved',
      'Merge overlapping intervals',
      'Design a durable job queue',
    ]);
    expect(
      screen.getByRole('link', { name: /^Feedback for Design a durable job queue/ }),
    ).toHaveAttribute('href', `/sessions/${SESSION_ID}/feedback`);
    expect(
      screen.getByRole('link', { name: /^Timeline of Design a durable job queue/ }),
    ).toHaveAttribute('href', `/history/${SESSION_ID}`);

    await user.type(screen.getByRole('searchbox', { name: 'Prompt title' }), 'QUEUE');
    expect(listedTitles()).toEqual(['Design a durable job queue']);
    expect(screen.getByText('Showing 1 of 4 past sessions')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(listedTitles()).toHaveLength(4);

    await user.selectOptions(screen.getByRole('combobox', { name: 'Round type' }), 'Coding screen');
    expect(listedTitles()).toEqual(['Merge overlapping intervals']);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Round type' }), '');

    await user.selectOptions(screen.getByRole('combobox', { name: 'My role' }), 'Candidate');
    expect(listedTitles()).toEqual([
      'A rate limiter for a public API',
      'A conflict you resolved',
      'Design a durable job queue',
    ]);

    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2025-04-01' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2025-04-10' } });
    expect(listedTitles()).toEqual(['A conflict you resolved']);

    await user.type(screen.getByRole('searchbox', { name: 'Prompt title' }), 'queue');
    expect(screen.queryByRole('list', { name: 'Past sessions' })).not.toBeInTheDocument();
    expect(screen.getByText('No session matches these filters.')).toBeInTheDocument();
  });

  it('draws one trend per signal, with a text alternative and an empty state', async () => {
    renderHistory();

    const framing = await screen.findByRole('article', { name: 'Problem framing' });
    expect(framing).toHaveTextContent('2 rounds: latest 2, first 4.');
    const table = within(framing).getByRole('table', { name: /Problem framing/ });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(within(table).getByRole('row', { name: /Practical coding/ })).toHaveTextContent(
      'Not given',
    );
    const coding = screen.getByRole('article', { name: 'Coding fluency' });
    expect(coding).toHaveTextContent('No released round has scored this yet.');
  });

  it('reads released rounds as one loop', async () => {
    const user = userEvent.setup();
    renderHistory({
      [`/api/history/loop?sessionIds=${PRACTICAL_ID},${SESSION_ID}`]: { body: LOOP },
    });

    const form = await screen.findByRole('group', { name: 'Rounds where you were the candidate' });
    // The unreleased round and the one run as interviewer cannot join a loop.
    expect(within(form).getAllByRole('checkbox')).toHaveLength(2);
    const submit = screen.getByRole('button', { name: 'Read as a loop' });
    expect(submit).toBeDisabled();

    await user.click(within(form).getByRole('checkbox', { name: /Design a durable job queue/ }));
    await user.click(within(form).getByRole('checkbox', { name: /A rate limiter/ }));
    await user.click(submit);

    const result = await screen.findByRole('article', { name: 'Loop reading across 2 rounds' });
    expect(result).toHaveTextContent(VERDICT_LABELS[LOOP.reading.verdict]);
    const travelling = LOOP.redFlags.filter((flag) => flag.travels);
    expect(travelling.map((flag) => flag.id)).toContain('defensive-when-challenged');
    const flag = within(result).getByText('Defensive or unmoved when challenged').closest('li');
    expect(flag).toHaveTextContent('Travels');
    expect(flag).toHaveTextContent('Seen in 2 of 2');
    const framingRow = within(result).getByRole('row', { name: /Problem framing/ });
    expect(framingRow).toHaveTextContent('3.0');
  });
});
