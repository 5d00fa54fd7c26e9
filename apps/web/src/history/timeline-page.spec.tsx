import { describe, expect, it, jest } from '@jest/globals';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RoomEvent } from '@signal-room/domain';
import { eventBody } from '@signal-room/domain';
import type { DocumentReplay } from '@signal-room/protocol';
import * as Y from 'yjs';
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

/** The pad as the candidate and then the interviewer typed in it, stored update by update. */
function padTyping(): DocumentReplay['updates'] {
  const doc = new Y.Doc();
  const code = doc.getText('code');
  const typing: [number, string, string][] = [
    [10_000, CANDIDATE_ID, 'def allow(client_id, now_ms):\n'],
    [60_000, CANDIDATE_ID, '    return True\n'],
    [100_000, INTERVIEWER_ID, '# edge: the window boundary\n'],
  ];
  return typing.map(([offset, authorId, text]) => {
    const before = Y.encodeStateVector(doc);
    code.insert(code.length, text);
    const update = Y.encodeStateAsUpdate(doc, before);
    return { at: STARTED_AT + offset, authorId, update: btoa(String.fromCharCode(...update)) };
  });
}

function renderTimeline(
  events: readonly RoomEvent[] = ROUND_EVENTS,
  { address = `/history/${SESSION_ID}`, updates = [] as DocumentReplay['updates'] } = {},
) {
  globalThis.fetch = jest.fn(
    fakeFetch({
      [`/api/sessions/${SESSION_ID}/timeline`]: {
        body: { sessionId: SESSION_ID, initial: startingRoom(), events },
      },
      [`/api/sessions/${SESSION_ID}/documents/pad/replay`]: {
        body: { sessionId: SESSION_ID, documentId: 'pad', updates },
      },
      [`/api/sessions/${SESSION_ID}/documents/board/replay`]: {
        body: { sessionId: SESSION_ID, documentId: 'board', updates: [] },
      },
      [`/api/sessions/${SESSION_ID}`]: { body: sessionSummary() },
      [`/api/sessions/${SESSION_ID}/feedback`]: { body: feedbackFixture() },
    }),
  ) as typeof fetch;
  return renderRoute('/history/:id', address, <TimelinePage />);
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
    // Its time opens the replay at the moment the note records.
    expect(
      within(item as HTMLElement).getByRole('link', { name: 'Replay at 1:29' }),
    ).toHaveAttribute('href', `/history/${SESSION_ID}?at=89600`);
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

  it("opens the pad replay at a note's moment with its lines highlighted, and plays it back by hand", async () => {
    renderTimeline(ROUND_EVENTS, {
      address: `/history/${SESSION_ID}?at=89600&lines=1-2`,
      updates: padTyping(),
    });
    const pad = await screen.findByLabelText('Code pad at this moment');
    expect(screen.getByText(/Lines 1–2 highlighted/)).toBeInTheDocument();
    await waitFor(() => expect(pad).toHaveTextContent('def allow(client_id, now_ms):'));
    expect(pad).toHaveTextContent('return True');
    expect(pad).not.toHaveTextContent('# edge');
    expect(currentStep()).toHaveTextContent('peak job rate');
    expect(pad.querySelectorAll('.cm-replay-anchored')).toHaveLength(2);
    const authors = screen.getByRole('list', { name: 'Who typed in the pad' });
    expect(
      within(authors)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([' Cam · 2 edits', ' Ivy · 1 edit']);

    // Dragged to just after the interviewer's comment: it is in, and they are typing.
    fireEvent.change(screen.getByRole('slider', { name: 'Moment' }), {
      target: { value: String(STARTED_AT + 101_000) },
    });
    expect(pad).toHaveTextContent('# edge: the window boundary');
    expect(screen.getByText(/Ivy is typing/)).toBeInTheDocument();
    expect(screen.queryByText(/Lines 1–2 highlighted/)).not.toBeInTheDocument();
    expect(currentStep()).toHaveTextContent('1:35Move · Clarify constraints');

    // A step chosen in the list takes the pad back to its moment.
    fireEvent.click(screen.getByRole('button', { name: /Prompt revealed/ }));
    expect(pad).not.toHaveTextContent('def allow');
    expect(screen.getByText('Nobody is typing at this moment')).toBeInTheDocument();
  });

  it('says so when nothing was written in the pad, and still steps through the events', async () => {
    renderTimeline();
    expect(
      await screen.findByText('Nothing was written in the code pad in this session.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Play' })).not.toBeInTheDocument();
    expect(currentStep()).toHaveTextContent('Prompt revealed to the candidate');
  });
});
