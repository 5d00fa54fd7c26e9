import { afterEach, describe, expect, it } from '@jest/globals';
import type { SignalId } from '@signal-room/domain';
import {
  RESTRAINT_PROMPT_IDS,
  SIGNAL_IDS,
  drillById,
  promptById,
  roundTypeById,
  signalById,
} from '@signal-room/domain';
import type { DrillResult, SessionSummary } from '@signal-room/protocol';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes, useParams } from 'react-router';
import { requestsTo, restoreFetch, stubFetch } from '../sessions/testing/stub-fetch';
import { uuid } from '../testing/feedback-fixtures';
import DrillResultPage from './drill-result-page';
import MapDrillPage from './map-drill-page';
import RestraintDrillPage from './restraint-drill-page';
import StoryDrillPage from './story-drill-page';

const name = (signal: SignalId) => signalById(signal).name;

/** The session the API answers a drill room with. */
const DRILL_ROOM: SessionSummary = {
  id: uuid(800),
  roundType: 'coding-screen',
  promptTitle: null,
  promptNote: null,
  visibility: 'coaching',
  peerMode: false,
  durationMinutes: 15,
  status: 'waiting',
  myRole: 'interviewer',
  participants: [],
  createdAt: '2025-03-10T14:30:00.000Z',
  endedAt: null,
  feedbackReleased: false,
  scores: null,
  previousSessionId: null,
  nextSessionId: null,
};

/**
 * A drill page at its address, on a server that keeps what is posted to it and gives it back by
 * id, as the API does: saving opens the result page on the stored payload.
 */
function renderDrill(address: string, page: ReactElement) {
  const saved: DrillResult[] = [];
  const fetchMock = stubFetch(({ method, url, body }) => {
    const posted = /^\/api\/drills\/([a-z-]+)\/results$/.exec(url);
    if (method === 'POST' && posted) {
      const result = {
        id: uuid(900 + saved.length),
        createdAt: '2025-03-10T14:30:00.000Z',
        drill: posted[1],
        payload: body,
      } as DrillResult;
      saved.push(result);
      return { status: 201, body: result };
    }
    if (method === 'POST' && /^\/api\/drills\/[a-z-]+\/rooms$/.test(url)) {
      return { status: 201, body: DRILL_ROOM };
    }
    const found = saved.find((result) => url === `/api/drills/results/${result.id}`);
    return method === 'GET' && found ? { body: found } : undefined;
  });
  render(
    <MemoryRouter initialEntries={[address]}>
      <Routes>
        <Route path={address} element={page} />
        <Route path="/drills/results/:id" element={<DrillResultPage />} />
        <Route path="/sessions/:id" element={<RoomStandIn />} />
      </Routes>
    </MemoryRouter>,
  );
  return fetchMock;
}

function RoomStandIn() {
  const { id } = useParams();
  return <h1>Room {id}</h1>;
}

/** The text of each item of the list in `container`, as read aloud. */
const itemsIn = (container: HTMLElement) =>
  within(container)
    .getAllByRole('listitem')
    .map((item) => item.textContent);

describe('the drill pages', () => {
  afterEach(restoreFetch);

  describe('round-to-signal map', () => {
    const fillRound = async (user: ReturnType<typeof userEvent.setup>, signals: SignalId[]) => {
      await user.click(screen.getByRole('button', { name: 'Add this round' }));
      const rows = ['Primary signal', 'First secondary signal', 'Second secondary signal'];
      const behaviours = screen.getAllByLabelText('What you will do to show it');
      for (const [index, signal] of signals.entries()) {
        await user.selectOptions(screen.getByLabelText(rows[index] ?? ''), signal);
        await user.type(behaviours[index] ?? document.body, `Show ${signal} out loud`);
      }
    };

    it('sets the map beside the catalogue and explains each difference', async () => {
      const user = userEvent.setup();
      const fetchMock = renderDrill('/drills/round-to-signal-map', <MapDrillPage />);
      await user.click(
        screen.getByRole('button', {
          name: `Start the ${drillById('round-to-signal-map').minutes}-minute clock`,
        }),
      );
      await user.type(screen.getByLabelText('Company'), 'Acme');
      // A coding screen: coding is primary, framing too (not secondary), communication secondary.
      await fillRound(user, ['coding', 'framing', 'communication']);
      await user.click(screen.getByRole('button', { name: 'Check my map against the catalogue' }));

      expect(
        await screen.findByRole('heading', { name: 'Round-to-signal map: your result' }),
      ).toBeInTheDocument();
      expect(
        screen.getByText('Acme: 2 of 3 signals placed as the catalogue has them.'),
      ).toBeInTheDocument();
      const round = screen.getByRole('region', { name: 'Round 1: Coding screen' });
      expect(itemsIn(round)).toEqual(
        expect.arrayContaining([
          `As the catalogue: ${name('coding')} is primary in a coding screen, as you have it.`,
          `Different: ${name('framing')} is a primary signal of this round, not a secondary one: plan to spend more of the round showing it than you had in mind.`,
          `As the catalogue: ${name('communication')} is secondary in a coding screen, as you have it.`,
        ]),
      );
      const [sent] = requestsTo(fetchMock, 'POST', '/api/drills/round-to-signal-map/results');
      expect(sent).toMatchObject({ company: 'Acme', rounds: [{ roundType: 'coding-screen' }] });
    });

    it('asks for another look, and saves nothing, when a round names one signal twice', async () => {
      const user = userEvent.setup();
      const fetchMock = renderDrill('/drills/round-to-signal-map', <MapDrillPage />);
      await user.click(screen.getByRole('button', { name: /^Start the \d+-minute clock$/ }));
      await user.type(screen.getByLabelText('Company'), 'Acme');
      await fillRound(user, ['coding', 'coding', 'communication']);
      await user.click(screen.getByRole('button', { name: 'Check my map against the catalogue' }));

      expect(
        within(screen.getByRole('alert')).getByText('Some answers need another look.'),
      ).toBeInTheDocument();
      expect(screen.getByRole('alert')).toHaveTextContent('A round lists three different signals.');
      expect(fetchMock).not.toHaveBeenCalled();
    });
  });

  describe('signal-balanced project story', () => {
    // Two sentences copied into the answer word for word; the others share no word with it.
    const SENTENCES: Record<SignalId, string> = {
      framing: 'I asked which invoices were late before touching the schema.',
      coding: 'Wrote the reconciliation job in Go with table tests.',
      architecture: 'Split ingestion from pricing behind a durable queue.',
      production: 'Added alerts on lag beyond five minutes.',
      delivery: 'Shipped behind a flag to three pilot tenants.',
      leadership: 'Persuaded finance to accept weekly cutovers.',
      communication: 'Kept a running decision log for reviewers.',
    };

    async function writeSentences(user: ReturnType<typeof userEvent.setup>) {
      await user.type(screen.getByLabelText('Project'), 'Billing rewrite');
      for (const signal of SIGNAL_IDS) {
        await user.click(screen.getByLabelText(name(signal)));
        await user.paste(SENTENCES[signal]);
      }
    }

    it('shows, after a typed answer, which sentences did not make it', async () => {
      const user = userEvent.setup();
      renderDrill('/drills/signal-balanced-story', <StoryDrillPage />);
      await writeSentences(user);
      await user.click(screen.getByRole('button', { name: /^Start the \d+-minute answer$/ }));
      expect(
        screen.getByRole('heading', { name: 'Billing rewrite: your answer' }),
      ).toBeInTheDocument();
      await user.click(screen.getByLabelText('Your answer'));
      await user.paste(`${SENTENCES.framing} ${SENTENCES.delivery}`);
      await user.click(screen.getByRole('button', { name: 'Done' }));
      await user.click(screen.getByRole('button', { name: 'Save and see what was left out' }));

      expect(
        await screen.findByText('Billing rewrite: 2 of 7 sentences made it into your answer.'),
      ).toBeInTheDocument();
      const made = screen.getByRole('region', { name: 'Made it' });
      expect(itemsIn(made)).toEqual([
        `${name('framing')}: ${SENTENCES.framing}`,
        `${name('delivery')}: ${SENTENCES.delivery}`,
      ]);
      const dropped = screen.getByRole('region', { name: 'Did not make it' });
      expect(itemsIn(dropped).map((item) => item?.split(': ')[0])).toEqual(
        ['coding', 'architecture', 'production', 'leadership', 'communication'].map((id) =>
          name(id as SignalId),
        ),
      );
      expect(dropped).toHaveTextContent(SENTENCES.production);
      expect(screen.getByRole('region', { name: 'Your answer' })).toHaveTextContent(
        SENTENCES.delivery,
      );
    });

    it('keeps the sentences hidden during a spoken answer, then counts the ones ticked', async () => {
      const user = userEvent.setup();
      renderDrill('/drills/signal-balanced-story', <StoryDrillPage />);
      await writeSentences(user);
      await user.click(screen.getByLabelText('Say it aloud to a peer, then tick what you said'));
      await user.click(screen.getByRole('button', { name: /^Start the \d+-minute answer$/ }));
      expect(
        screen.getByText(
          'Tell your peer the story now. Your sentences stay hidden until the time is up.',
        ),
      ).toBeInTheDocument();
      expect(screen.queryByText(SENTENCES.coding, { exact: false })).not.toBeInTheDocument();
      await user.click(screen.getByRole('button', { name: 'Done' }));
      const ticks = screen.getByRole('group', { name: 'Tick each sentence you said' });
      for (const signal of ['coding', 'leadership'] as const) {
        await user.click(
          within(ticks).getByRole('checkbox', { name: `${name(signal)}: ${SENTENCES[signal]}` }),
        );
      }
      await user.click(screen.getByRole('button', { name: 'Save and see what was left out' }));

      expect(
        await screen.findByText('Billing rewrite: 2 of 7 sentences made it into your answer.'),
      ).toBeInTheDocument();
      expect(
        screen.getByText('You told the story aloud and ticked the sentences you said.'),
      ).toBeInTheDocument();
      const dropped = screen.getByRole('region', { name: 'Did not make it' });
      expect(dropped).toHaveTextContent(`${SENTENCES.framing} You did not mark it as said.`);
      expect(screen.queryByRole('region', { name: 'Your answer' })).not.toBeInTheDocument();
    });
  });

  describe('primary-signal restraint', () => {
    it('takes three timed answers through the cut and shows what was kept and cut', async () => {
      const user = userEvent.setup();
      const fetchMock = renderDrill('/drills/primary-signal-restraint', <RestraintDrillPage />);
      const prompts = RESTRAINT_PROMPT_IDS.map((id) => promptById(id));
      for (const [index, prompt] of prompts.entries()) {
        const round = roundTypeById(prompt?.roundType ?? 'coding-screen');
        const step = screen.getByRole('region', {
          name: `Prompt ${index + 1} of 3: ${prompt?.title ?? ''}`,
        });
        await user.click(
          within(step).getByRole('button', { name: /^Start the \d+-minute answer$/ }),
        );
        await user.click(within(step).getByLabelText('Your answer'));
        await user.paste(`Kept for the round ${index}. My weekend hobby is sailing ${index}.`);
        await user.click(within(step).getByRole('button', { name: 'Done' }));
        await user.selectOptions(
          within(step).getByLabelText(`Kept for the round ${index}.`),
          round.primary[0] ?? '',
        );
        await user.selectOptions(
          within(step).getByLabelText(`My weekend hobby is sailing ${index}.`),
          'Nothing this round needs: cut it',
        );
        await user.click(
          within(step).getByRole('button', { name: index < 2 ? 'Next prompt' : 'Finish the cut' }),
        );
      }
      expect(
        screen.getByRole('heading', { name: 'All three answered and cut' }),
      ).toBeInTheDocument();
      await user.click(screen.getByRole('button', { name: 'Save and see the summary' }));

      expect(
        await screen.findByRole('heading', { name: 'Primary-signal restraint: your result' }),
      ).toBeInTheDocument();
      for (const [index, prompt] of prompts.entries()) {
        const round = roundTypeById(prompt?.roundType ?? 'coding-screen');
        const answer = screen.getByRole('region', {
          name: `${prompt?.title ?? ''} (${round.name})`,
        });
        expect(answer).toHaveTextContent('You cut 1 of 2 sentences, 6 of 11 words.');
        expect(within(answer).getByText(`Kept for the round ${index}.`)).toBeInTheDocument();
        expect(within(answer).getByText(`My weekend hobby is sailing ${index}.`).tagName).toBe('S');
      }
      const [sent] = requestsTo(fetchMock, 'POST', '/api/drills/primary-signal-restraint/results');
      expect(sent).toMatchObject({
        answers: RESTRAINT_PROMPT_IDS.map((promptId) => ({ promptId })),
      });
    });
  });

  it('opens a short room on the drill, scored on the signal chosen, and goes to it', async () => {
    const user = userEvent.setup();
    const fetchMock = renderDrill('/drills/primary-signal-restraint', <RestraintDrillPage />);
    const partner = screen.getByRole('region', { name: 'Run it with a partner' });
    expect(
      within(partner)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(drillById('primary-signal-restraint').signals.map(name));
    await user.selectOptions(within(partner).getByLabelText('The signal you score'), 'framing');
    await user.click(within(partner).getByRole('button', { name: 'Run with a partner' }));

    expect(
      await screen.findByRole('heading', { name: `Room ${DRILL_ROOM.id}` }),
    ).toBeInTheDocument();
    expect(requestsTo(fetchMock, 'POST', '/api/drills/primary-signal-restraint/rooms')).toEqual([
      { signal: 'framing' },
    ]);
  });
});
