import { afterEach, describe, expect, it } from '@jest/globals';
import {
  COMMUNICATION_MOVES,
  DRILLS,
  FAILURE_MODES,
  FLOOR_BEHAVIOURS,
  PROMPTS,
  ROUND_TYPES,
  SIGNALS,
  roundTypeById,
} from '@signal-room/domain';
import type { CatalogResponse, SessionSummary } from '@signal-room/protocol';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useParams } from 'react-router';
import NewSessionPage from './new-session-page';
import { requestsTo, restoreFetch, stubFetch } from './testing/stub-fetch';

// The catalogue as the API serves it: the real reference data, shaped by the same rules.
const CATALOG: CatalogResponse = {
  signals: SIGNALS.map((signal) => ({
    ...signal,
    strong: [...signal.strong],
    weak: [...signal.weak],
  })),
  roundTypes: ROUND_TYPES.map((round) => ({
    ...round,
    primary: [...round.primary],
    secondary: [...round.secondary],
    floor: [...round.floor],
    phases: round.phases.map((phase) => ({ ...phase, signals: [...phase.signals] })),
  })),
  moves: COMMUNICATION_MOVES.map((move) => ({
    ...move,
    cues: [...move.cues],
    signals: [...move.signals],
  })),
  drills: DRILLS.map((drill) => ({
    ...drill,
    steps: [...drill.steps],
    signals: [...drill.signals],
  })),
  failureModes: FAILURE_MODES.map((mode) => ({ ...mode, signals: [...mode.signals] })),
  floorBehaviours: [...FLOOR_BEHAVIOURS],
  prompts: PROMPTS.map(({ id, roundType, title, signals }) => ({
    id,
    roundType,
    title,
    signals: [...signals],
  })),
};

const SESSION_ID = '0b7e5c1a-3f2d-4e8b-9c6a-1d2e3f4a5b6c';

const created = (body: { roundType: SessionSummary['roundType'] }): SessionSummary => ({
  id: SESSION_ID,
  roundType: body.roundType,
  promptTitle: 'Design a rate limiter',
  promptNote: null,
  visibility: 'coaching',
  peerMode: true,
  durationMinutes: 50,
  status: 'waiting',
  myRole: 'interviewer',
  participants: [],
  createdAt: '2026-03-01T10:00:00.000Z',
  endedAt: null,
  feedbackReleased: false,
  scores: null,
  previousSessionId: null,
  nextSessionId: null,
});

function stubApi() {
  return stubFetch(({ method, url, body }) => {
    if (method === 'GET' && url === '/api/catalog') return { body: CATALOG };
    if (method === 'POST' && url === '/api/sessions') {
      return { status: 201, body: created(body as SessionSummary) };
    }
    return undefined;
  });
}

function RoomStandIn() {
  return <h1>Room {useParams().id}</h1>;
}

function renderPage(entry = '/sessions/new') {
  render(
    <MemoryRouter initialEntries={[entry]}>
      <Routes>
        <Route path="/sessions/new" element={<NewSessionPage />} />
        <Route path="/sessions/:id" element={<RoomStandIn />} />
      </Routes>
    </MemoryRouter>,
  );
}

describe('NewSessionPage', () => {
  afterEach(restoreFetch);

  it('resets the duration to the default of the round chosen', async () => {
    stubApi();
    const user = userEvent.setup();
    renderPage();

    const first = ROUND_TYPES[0];
    const duration = await screen.findByLabelText('Duration in minutes');
    expect(screen.getByRole('radio', { name: first.name })).toBeChecked();
    expect(duration).toHaveValue(first.defaultMinutes);

    const design = roundTypeById('system-design');
    expect(design.defaultMinutes).not.toBe(first.defaultMinutes);
    await user.clear(duration);
    await user.type(duration, '17');
    await user.click(screen.getByRole('radio', { name: design.name }));

    expect(duration).toHaveValue(design.defaultMinutes);
    expect(duration).toHaveAccessibleDescription(
      new RegExp(`${design.name} takes ${design.defaultMinutes} minutes by default`),
    );
    // The round's own bank prompts are offered, the first one chosen.
    const designPrompts = PROMPTS.filter((prompt) => prompt.roundType === 'system-design');
    expect(screen.getByRole('radio', { name: designPrompts[0].title })).toBeChecked();
  });

  it('describes each round by its primary, secondary and floor signals', async () => {
    stubApi();
    renderPage();

    const design = await screen.findByRole('radio', { name: 'System design' });
    expect(design).toHaveAccessibleDescription(
      'Primary: Problem framing, Architectural judgment, and Production judgment. ' +
        'Secondary: Delivery & product judgment. Floor: Communication & reflection.',
    );
  });

  it('sends a custom prompt as title, body and one hint per line, then opens the room', async () => {
    const fetchMock = stubApi();
    const user = userEvent.setup();
    renderPage();

    await user.click(await screen.findByRole('radio', { name: 'System design' }));
    await user.click(screen.getByRole('radio', { name: 'Write my own prompt' }));
    // Pasted rather than typed, key by key: the assertions are about the payload, not typing.
    await user.click(screen.getByLabelText('Title'));
    await user.paste('  Design a rate limiter ');
    await user.click(screen.getByLabelText('Prompt'));
    await user.paste('Limit each API key to 100 requests a minute.');
    await user.click(screen.getByLabelText('Hints (optional)'));
    await user.paste('Where does the counter live?\n\n  What if a node fails?  \n');
    const duration = screen.getByLabelText('Duration in minutes');
    await user.clear(duration);
    await user.type(duration, '50');
    await user.click(screen.getByRole('radio', { name: 'Coaching' }));
    await user.click(screen.getByRole('checkbox', { name: /swap roles/ }));
    await user.click(screen.getByRole('button', { name: 'Create session' }));

    expect(await screen.findByRole('heading', { name: `Room ${SESSION_ID}` })).toBeInTheDocument();
    expect(requestsTo(fetchMock, 'POST', '/api/sessions')).toEqual([
      {
        roundType: 'system-design',
        customPrompt: {
          title: 'Design a rate limiter',
          body: 'Limit each API key to 100 requests a minute.',
          hints: ['Where does the counter live?', 'What if a node fails?'],
        },
        durationMinutes: 50,
        visibility: 'coaching',
        peerMode: true,
      },
    ]);
  });

  it('sends the chosen bank prompt by id', async () => {
    const fetchMock = stubApi();
    const user = userEvent.setup();
    renderPage();

    const prompt = PROMPTS.find((candidate) => candidate.roundType === 'system-design');
    await user.click(await screen.findByRole('radio', { name: 'System design' }));
    if (!prompt) throw new Error('The bank has no system-design prompt.');
    await user.click(screen.getByRole('radio', { name: prompt.title }));
    await user.click(screen.getByRole('button', { name: 'Create session' }));

    await screen.findByRole('heading', { name: `Room ${SESSION_ID}` });
    expect(requestsTo(fetchMock, 'POST', '/api/sessions')).toEqual([
      {
        roundType: 'system-design',
        promptId: prompt.id,
        durationMinutes: roundTypeById('system-design').defaultMinutes,
        visibility: 'private',
        peerMode: false,
      },
    ]);
  });

  it('points at what to fix in a custom prompt and sends nothing', async () => {
    const fetchMock = stubApi();
    const user = userEvent.setup();
    renderPage();

    await user.click(await screen.findByRole('radio', { name: 'Write my own prompt' }));
    await user.type(screen.getByLabelText('Title'), 'Half a prompt');
    const duration = screen.getByLabelText('Duration in minutes');
    await user.clear(duration);
    await user.type(duration, '3');
    await user.click(screen.getByRole('button', { name: 'Create session' }));

    const body = screen.getByLabelText('Prompt');
    expect(body).toHaveFocus();
    expect(body).toHaveAttribute('aria-invalid', 'true');
    expect(body).toHaveAccessibleDescription(/Write the prompt the candidate will read/);
    expect(duration).toHaveAccessibleDescription(/whole number of minutes from 5 to 240/);
    expect(requestsTo(fetchMock, 'POST', '/api/sessions')).toEqual([]);
    expect(within(screen.getByRole('complementary')).queryByRole('alert')).not.toBeInTheDocument();
  });

  describe('opened from the next-mock proposal', () => {
    it('starts on the proposed round and prompt, and creates the session with them', async () => {
      const fetchMock = stubApi();
      const user = userEvent.setup();
      renderPage('/sessions/new?round=hiring-manager&prompt=hiring-manager-first-ninety-days');

      const round = roundTypeById('hiring-manager');
      const prompt = PROMPTS.find(
        (candidate) => candidate.id === 'hiring-manager-first-ninety-days',
      );
      expect(await screen.findByRole('radio', { name: round.name })).toBeChecked();
      expect(screen.getByRole('radio', { name: prompt?.title })).toBeChecked();
      await user.click(screen.getByRole('button', { name: 'Create session' }));

      await screen.findByRole('heading', { name: `Room ${SESSION_ID}` });
      expect(requestsTo(fetchMock, 'POST', '/api/sessions')).toEqual([
        {
          roundType: 'hiring-manager',
          promptId: 'hiring-manager-first-ninety-days',
          durationMinutes: round.defaultMinutes,
          visibility: 'private',
          peerMode: false,
        },
      ]);
    });

    it('opens on writing a prompt when the proposal has no bank prompt left', async () => {
      stubApi();
      renderPage('/sessions/new?round=behavioral&prompt=custom');
      expect(await screen.findByRole('radio', { name: 'Write my own prompt' })).toBeChecked();
      expect(screen.getByRole('radio', { name: 'Behavioral / values' })).toBeChecked();
    });

    it("falls back to the round's first prompt for a prompt of another round", async () => {
      stubApi();
      renderPage('/sessions/new?round=behavioral&prompt=coding-screen-rate-limiter');
      const [first] = PROMPTS.filter((candidate) => candidate.roundType === 'behavioral');
      expect(await screen.findByRole('radio', { name: first?.title })).toBeChecked();
    });
  });
});
