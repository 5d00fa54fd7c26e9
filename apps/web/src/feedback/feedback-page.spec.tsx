import { describe, expect, it, jest } from '@jest/globals';
import {
  calibrate,
  describeScore,
  emptyScorecard,
  sheetFeedback,
  sheetTemplate,
  VERDICT_LABELS,
} from '@signal-room/domain';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Reply } from '../testing/feedback-fixtures';
import { renderRoute } from '../testing/render-route';
import {
  errorReply,
  fakeFetch,
  feedbackFixture,
  finishedRoom,
  INTERVIEWER_ID,
  OBSERVER_ID,
  SESSION_ID,
  sessionSummary,
} from '../testing/feedback-fixtures';
import FeedbackPage from './feedback-page';

const FEEDBACK_PATH = `/api/sessions/${SESSION_ID}/feedback`;
const CALIBRATION_PATH = `/api/sessions/${SESSION_ID}/calibration`;
const SESSION_PATH = `/api/sessions/${SESSION_ID}`;
const RATING_PATH = `/api/sessions/${SESSION_ID}/rating`;
const AUDIT_PATH = `/api/sessions/${SESSION_ID}/audit`;
const AUDIT = {
  sessionId: SESSION_ID,
  signals: [{ signal: 'production', name: 'Production judgment', reason: 'hidden' }],
  entries: [
    {
      id: '00000000-0000-4000-8000-0000000000a1',
      sessionId: SESSION_ID,
      signal: 'production',
      sentence: 'I kept a dead-letter queue for poison jobs.',
      offsetMs: 95_000,
      createdAt: '2026-01-01T10:00:00.000Z',
      visibleInSessionId: null,
    },
  ],
};

/** The paths the page asked for, in order. */
let requested: () => string[] = () => [];

function renderAt(routes: Record<string, Reply>) {
  const fetch = jest.fn(fakeFetch({ [SESSION_PATH]: { body: sessionSummary() }, ...routes }));
  globalThis.fetch = fetch as typeof globalThis.fetch;
  requested = () => fetch.mock.calls.map(([input]) => new URL(String(input), 'http://x').pathname);
  renderRoute('/sessions/:id/feedback', `/sessions/${SESSION_ID}/feedback`, <FeedbackPage />);
}

describe('FeedbackPage', () => {
  const doc = feedbackFixture();

  it('shows which signals were seen: reading, evidence, hidden signals, gaps and drills', async () => {
    renderAt({
      [FEEDBACK_PATH]: { body: doc },
      [CALIBRATION_PATH]: errorReply('FORBIDDEN_ROLE', 403),
      [AUDIT_PATH]: { body: AUDIT },
    });

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Design a durable job queue' }),
    ).toBeInTheDocument();

    // The candidate audits what stayed hidden, and is told who will read it.
    const audit = screen.getByRole('region', {
      name: 'Your audit: what you decided and never said',
    });
    expect(audit).toHaveTextContent('the interviewer of your next mock');
    expect(
      await within(audit).findByText('I kept a dead-letter queue for poison jobs.'),
    ).toBeInTheDocument();
    expect(
      within(audit).getByRole('button', { name: /^Save entry for Production judgment/ }),
    ).toBeDisabled();

    // The overall reading and the reasons behind it: production, a primary, went unscored, so
    // the round is not read, and the reasons say so first.
    expect(doc.reading.verdict).toBe('not-enough-evidence');
    const reading = screen.getByRole('region', { name: 'Overall reading' });
    expect(reading).toHaveTextContent(VERDICT_LABELS['not-enough-evidence']);
    expect(within(reading).getAllByRole('listitem')[0]).toHaveTextContent(
      'Not scored: Production judgment.',
    );
    for (const reason of doc.reading.reasons) expect(reading).toHaveTextContent(reason);

    // Without a summary the lead section says so rather than vanish.
    expect(screen.getByRole('region', { name: 'From your interviewer' })).toHaveTextContent(
      'Your interviewer wrote no summary for this round.',
    );

    // Each flagged pattern with what it means and what to do instead.
    const flags = screen.getByRole('region', { name: 'Flagged patterns' });
    const [flag] = doc.flags;
    expect(flags).toHaveTextContent(flag.name);
    expect(flags).toHaveTextContent(flag.meaning);
    expect(flags).toHaveTextContent(`Instead: ${flag.instead}`);

    // The radar's text alternative: one row per signal, self-assessment beside the interviewer.
    const table = screen.getByRole('table', { name: /Scores by signal/ });
    expect(within(table).getAllByRole('row')).toHaveLength(8);
    const architectureRow = within(table).getByRole('row', { name: /Architectural judgment/ });
    expect(
      within(architectureRow)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['Primary', '2', '4', 'Misjudged: 2 points higher']);

    // Per signal: the score, its rubric descriptor and timestamped evidence in words.
    const framing = screen.getByRole('article', { name: 'Problem framing' });
    expect(within(framing).getByText(describeScore('framing', 4))).toBeInTheDocument();
    expect(within(framing).getByText('1:29')).toHaveAttribute('dateTime', 'PT89S');
    expect(within(framing).getByText('Strong')).toBeInTheDocument();
    expect(
      within(framing).getByText('Asked for the peak job rate before drawing anything'),
    ).toBeInTheDocument();
    const architecture = screen.getByRole('article', { name: 'Architectural judgment' });
    expect(within(architecture).getByText('5:00')).toBeInTheDocument();
    expect(within(architecture).getByText('Weak')).toBeInTheDocument();

    // Expected but never made visible, each with something to do about it.
    const hidden = screen.getByRole('region', { name: 'Hidden signals' });
    expect(
      within(hidden)
        .getAllByRole('heading', { level: 3 })
        .map((heading) => heading.textContent),
    ).toEqual(['Production judgment', 'Delivery & product judgment', 'Communication & reflection']);
    expect(hidden).toHaveTextContent('Next time, say or do something like');

    // Where the self-assessment parts from the interviewer by two or more.
    const self = screen.getByRole('region', { name: 'Your self-assessment' });
    expect(self).toHaveTextContent('Architectural judgment: you gave 4, the interviewer 2.');
    expect(self).toHaveTextContent('I think the design held up.');

    // Drills, each with its steps and a reason of its own.
    const drills = screen.getByRole('region', { name: 'Recommended drills' });
    expect(doc.drills.length).toBeGreaterThan(0);
    expect(new Set(doc.drills.map((drill) => drill.reason)).size).toBe(doc.drills.length);
    for (const drill of doc.drills) {
      const card = within(drills).getByRole('article', { name: drill.name });
      expect(within(card).getAllByRole('listitem')).toHaveLength(drill.steps.length);
      expect(card).toHaveTextContent(`Why this one: ${drill.reason}`);
    }

    // Moves seen with their time, and the export buttons.
    const moves = screen.getByRole('region', { name: 'Communication moves' });
    expect(moves).toHaveTextContent('Clarify constraints before solving');
    expect(within(moves).getByText('1:35')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Download Markdown' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Download JSON' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Print / save as PDF' })).toBeInTheDocument();

    // Calibration is not the candidate's to read: it is neither asked for nor mentioned.
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(screen.queryByRole('heading', { name: 'Calibration' })).not.toBeInTheDocument();
    // The rating and the audit are the candidate's; calibration is not asked for.
    expect([...requested()].sort()).toEqual(
      [SESSION_PATH, FEEDBACK_PATH, RATING_PATH, AUDIT_PATH].sort(),
    );
  });

  it('lets the candidate judge each score and send it to the interviewer', async () => {
    const saved: unknown[] = [];
    const read = fakeFetch({
      [SESSION_PATH]: { body: sessionSummary() },
      [FEEDBACK_PATH]: { body: doc },
      [RATING_PATH]: { body: { rating: null } },
    });
    globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (init?.method !== 'PUT') return read(input);
      const body = JSON.parse(String(init.body)) as { verdicts: object; comment: string };
      saved.push(body);
      const rating = { sessionId: SESSION_ID, ...body, updatedAt: new Date(0).toISOString() };
      return fakeFetch({ [RATING_PATH]: { body: rating } })(input);
    }) as typeof globalThis.fetch;
    renderRoute('/sessions/:id/feedback', `/sessions/${SESSION_ID}/feedback`, <FeedbackPage />);

    const section = await screen.findByRole('region', { name: 'Was each score backed?' });
    // One question per scored signal, none for a signal left unscored.
    const scored = doc.signals.filter((entry) => entry.score !== null);
    expect(within(section).getAllByRole('group')).toHaveLength(scored.length);
    const send = within(section).getByRole('button', { name: 'Send to the interviewer' });
    expect(send).toBeDisabled();

    const user = userEvent.setup();
    const framing = within(section).getByRole('group', { name: /Problem framing/ });
    await user.click(within(framing).getByRole('radio', { name: 'The evidence does not back it' }));
    await user.type(
      within(section).getByRole('textbox', { name: /comment/ }),
      'The note was about scale.',
    );
    await user.click(send);

    expect(await within(section).findByRole('status')).toHaveTextContent('Saved.');
    expect(saved).toEqual([
      { verdicts: { framing: 'unbacked' }, comment: 'The note was about scale.' },
    ]);
  });

  it("shows the interviewer the candidate's verdicts and comment, read-only", async () => {
    renderAt({
      [SESSION_PATH]: { body: sessionSummary({ myRole: 'interviewer' }) },
      [FEEDBACK_PATH]: { body: doc },
      [CALIBRATION_PATH]: { body: [] },
      [RATING_PATH]: {
        body: {
          rating: {
            sessionId: SESSION_ID,
            verdicts: { framing: 'unbacked' },
            comment: 'The note was about scale.',
            updatedAt: new Date(0).toISOString(),
          },
        },
      },
    });
    const section = await screen.findByRole('region', {
      name: 'How the candidate judged your scores',
    });
    expect(await within(section).findByText(/The note was about scale/)).toBeInTheDocument();
    expect(section).toHaveTextContent('the evidence does not back it');
    expect(within(section).queryByRole('radio')).not.toBeInTheDocument();
  });

  it("leads with the interviewer's summary and the one thing to practise next", async () => {
    const summary = {
      text: 'You framed the queue well.\nThe failure story came late.',
      practiseNext: 'Say what happens when a worker dies, before you draw the queue.',
    };
    renderAt({
      [FEEDBACK_PATH]: { body: { ...doc, summary } },
      [CALIBRATION_PATH]: errorReply('FORBIDDEN_ROLE', 403),
    });
    const lead = await screen.findByRole('region', { name: 'From your interviewer' });
    expect(lead).toHaveTextContent('You framed the queue well. The failure story came late.');
    expect(within(lead).getByRole('heading', { name: 'One thing to practise next' })).toBeVisible();
    expect(lead).toHaveTextContent(summary.practiseNext);
    // It comes before everything else the page reads out of the scores.
    const sections = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(sections.slice(0, 2)).toEqual(['From your interviewer', 'Overall reading']);
  });

  it('shows the sheet after the hidden signals, naming the sections never written down', async () => {
    const sheet = sheetFeedback(sheetTemplate('system-design'), true, (id) =>
      id === 'functional' ? 'Meter calls per tenant' : id === 'scale' ? '2k writes/s' : '',
    );
    renderAt({
      [FEEDBACK_PATH]: { body: { ...doc, sheet } },
      [CALIBRATION_PATH]: errorReply('FORBIDDEN_ROLE', 403),
    });
    const region = await screen.findByRole('region', { name: 'Requirements sheet' });
    expect(region).toHaveTextContent(
      'Never written down: Non-goals, Assumptions, API, Data model, Failure and risks, Rollout.',
    );
    expect(region).toHaveTextContent('Constraints and scale2k writes/s');
    const sections = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(sections.indexOf('Requirements sheet')).toBe(sections.indexOf('Hidden signals') + 1);
  });

  it('shows no sheet for a round that had none', async () => {
    renderAt({
      [FEEDBACK_PATH]: { body: { ...doc, sheet: null } },
      [CALIBRATION_PATH]: errorReply('FORBIDDEN_ROLE', 403),
    });
    await screen.findByRole('region', { name: 'Hidden signals' });
    expect(screen.queryByText(/Never written down/)).toBeNull();
  });

  it('reads a document stored before summaries existed as one without a summary', async () => {
    const { summary: _absent, ...older } = doc;
    renderAt({
      [FEEDBACK_PATH]: { body: older },
      [CALIBRATION_PATH]: errorReply('FORBIDDEN_ROLE', 403),
    });
    expect(await screen.findByRole('region', { name: 'From your interviewer' })).toHaveTextContent(
      'Your interviewer wrote no summary for this round.',
    );
  });

  it('says which field is wrong when the feedback arrives in a shape it does not know', async () => {
    renderAt({
      [FEEDBACK_PATH]: { body: { ...doc, reading: { ...doc.reading, verdict: 'superb' } } },
      [CALIBRATION_PATH]: errorReply('FORBIDDEN_ROLE', 403),
    });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The server answered in a shape this page does not expect.');
    expect(within(alert).getByText('reading.verdict')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Overall reading' })).not.toBeInTheDocument();
  });

  it('shows staff how an observer’s scores compare with the interviewer’s', async () => {
    const room = finishedRoom();
    const interviewer = room.scorecards[INTERVIEWER_ID] ?? emptyScorecard(INTERVIEWER_ID);
    const observer = {
      ...emptyScorecard(OBSERVER_ID),
      scores: {
        ...emptyScorecard(OBSERVER_ID).scores,
        framing: 4 as const,
        architecture: 4 as const,
      },
    };
    renderAt({
      [FEEDBACK_PATH]: { body: doc },
      [CALIBRATION_PATH]: { body: [calibrate(interviewer, observer)] },
      [SESSION_PATH]: {
        body: sessionSummary({
          myRole: 'interviewer',
          participants: [
            { userId: INTERVIEWER_ID, displayName: 'Ivy', role: 'interviewer' },
            { userId: OBSERVER_ID, displayName: 'Oli', role: 'observer' },
          ],
        }),
      },
    });

    const section = await screen.findByRole('region', { name: 'Calibration' });
    expect(within(section).getByRole('heading', { name: 'Oli' })).toBeInTheDocument();
    expect(section).toHaveTextContent('Agreement: 50%');
    const row = within(section).getByRole('row', { name: /Architectural judgment/ });
    expect(row).toHaveTextContent('Apart: 2 points higher');
  });

  it('tells a candidate the feedback is not out yet without asking for it', async () => {
    renderAt({
      [SESSION_PATH]: { body: sessionSummary({ feedbackReleased: false }) },
      [FEEDBACK_PATH]: errorReply('FEEDBACK_NOT_READY', 404),
    });
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Feedback is not out yet' }),
    ).toBeInTheDocument();
    expect(requested()).toEqual([SESSION_PATH]);

    // Checking again asks again, and only for what the candidate may read.
    await userEvent.click(screen.getByRole('button', { name: 'Check again' }));
    await waitFor(() => expect(requested()).toEqual([SESSION_PATH, SESSION_PATH]));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Feedback is not out yet' }),
    ).toBeInTheDocument();
  });

  it('explains calmly when the feedback turns out not to be released after all', async () => {
    renderAt({
      [FEEDBACK_PATH]: errorReply(
        'FEEDBACK_NOT_READY',
        404,
        'The interviewer has not released the feedback yet.',
      ),
    });

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Feedback is not out yet' }),
    ).toBeInTheDocument();
    expect(screen.getByText(/The interviewer has not released feedback yet/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to the room' })).toHaveAttribute(
      'href',
      `/sessions/${SESSION_ID}`,
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
