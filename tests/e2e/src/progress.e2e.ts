import { randomUUID } from 'node:crypto';
import { emptyScores } from '@signal-room/domain';
import type { Invite, SessionSummary } from '@signal-room/protocol';
import type { Page } from 'playwright-core';
import { io } from 'socket.io-client';
import { docScreenshots } from './support/browser';
import type { Person } from './support/journey';
import { apiPost, person, signUp, tokenOf, visible } from './support/journey';
import { watchedBrowser } from './support/watched';

// Feedback on the feedback and progress over time, in a real browser: the candidate judges the
// scores of released feedback, the interviewer reads the verdicts and their profile, the
// candidate's progress page shares a read-only link, and a revoked link says so. Rounds are
// played through the API and a socket: the room's own pages are photographed elsewhere.

const product = watchedBrowser();
const newPage = () => product.newPage();

/** Room commands sent as the person signed in on `page`, each awaited until acknowledged. */
async function roomOf(page: Page, sessionId: string) {
  const socket = io(product.url, {
    transports: ['websocket'],
    auth: { token: await tokenOf(page) },
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const join = (await socket.emitWithAck('room:join', { sessionId })) as { ok: boolean };
  if (!join.ok) throw new Error(`could not join ${sessionId}`);
  return {
    async send(type: string, payload: object): Promise<void> {
      const ack = (await socket.emitWithAck('room:command', {
        sessionId,
        clientEventId: randomUUID(),
        type,
        payload,
      })) as { ok: boolean; error?: { code: string } };
      if (!ack.ok) throw new Error(`${type} refused: ${ack.error?.code}`);
    },
    close: () => socket.disconnect(),
  };
}

describe('feedback on the feedback, and progress shared by link', () => {
  const interviewer = person('progress-interviewer', 'Ines Interviewer');
  const candidate = person('progress-candidate', 'Cato Candidate');
  const observer = person('progress-observer', 'Oda Observer');
  const pages = new Map<Person, Page>();
  const seat = (who: Person): Page => {
    const page = pages.get(who);
    if (!page) throw new Error(`${who.name} has no page`);
    return page;
  };
  let last: SessionSummary;
  let shareUrl: string;

  /** One scored round, ended and released, with an observer scoring beside the interviewer. */
  async function playRound(scores: Record<string, number>, observed: Record<string, number>) {
    const staff = seat(interviewer);
    const session = await apiPost<SessionSummary>(product.url, staff, '/api/sessions', {
      roundType: 'system-design',
      promptId: 'system-design-usage-metering',
    });
    for (const [who, role] of [
      [candidate, 'candidate'],
      [observer, 'observer'],
    ] as const) {
      const invite = await apiPost<Invite>(
        product.url,
        staff,
        `/api/sessions/${session.id}/invites`,
        { role },
      );
      await apiPost(product.url, seat(who), `/api/invites/${invite.token}/accept`, {});
    }
    const room = await roomOf(staff, session.id);
    const seen = await roomOf(seat(candidate), session.id);
    const watching = await roomOf(seat(observer), session.id);
    await room.send('timer.start', {});
    await room.send('evidence.add', {
      signal: 'framing',
      polarity: 'strong',
      note: 'Asked which tenants are billed by the hour before drawing anything',
    });
    await room.send('evidence.add', {
      signal: 'architecture',
      polarity: 'weak',
      note: 'Picked a queue without saying what it buys over a cron job',
    });
    for (const [signal, score] of Object.entries(scores)) {
      await room.send('score.set', { signal, score });
    }
    for (const [signal, score] of Object.entries(observed)) {
      await watching.send('score.set', { signal, score });
    }
    await room.send('session.end', {});
    await seen.send('self-assessment.submit', {
      scores: { ...emptyScores(), framing: 4, architecture: 4, communication: 3 },
      note: '',
    });
    await room.send('feedback.release', {});
    for (const socket of [room, seen, watching]) socket.close();
    return session;
  }

  beforeAll(async () => {
    for (const who of [interviewer, candidate, observer]) {
      const page = await newPage();
      await signUp(page, who);
      pages.set(who, page);
    }
    await playRound(
      { framing: 3, architecture: 2, communication: 3 },
      { framing: 3, architecture: 2 },
    );
    last = await playRound(
      { framing: 4, architecture: 4, communication: 4, production: 3 },
      { framing: 3, architecture: 2, production: 3 },
    );
  });

  it('lets the candidate judge each score of released feedback', async () => {
    const page = seat(candidate);
    await page.goto(`/sessions/${last.id}/feedback`);
    const section = page.getByRole('region', { name: 'Was each score backed?' });
    await visible(section);
    await section
      .getByRole('group', { name: /^Architectural judgment/ })
      .getByRole('radio', { name: 'The evidence does not back it' })
      .check();
    for (const signal of ['Problem framing', 'Production judgment', 'Communication & reflection']) {
      await section
        .getByRole('group', { name: new RegExp(`^${signal}`) })
        .getByRole('radio', { name: 'The evidence backs it' })
        .check();
    }
    await section
      .getByLabel('A comment for your interviewer (optional)')
      .fill('The only architecture note was a weak one, yet the score is a 4.');
    await section.getByRole('button', { name: 'Send to the interviewer' }).click();
    await visible(section.getByText('Saved. You can change it at any time.'));
    await docScreenshots(page, 'feedback-rating');
  });

  it('shows the interviewer the verdicts, and their profile across rounds', async () => {
    const page = seat(interviewer);
    await page.goto(`/sessions/${last.id}/feedback`);
    const section = page.getByRole('region', { name: 'How the candidate judged your scores' });
    await visible(section.getByText(/yet the score is a 4/));
    await docScreenshots(page, 'feedback-rating-interviewer');

    await page.goto('/profile');
    await visible(page.getByRole('heading', { level: 1, name: 'You as an interviewer' }));
    await visible(page.getByText('25% (1 of 4)'));
    await visible(page.getByRole('cell', { name: /^Lenient/ }));
    await docScreenshots(page, 'interviewer-profile');
  });

  it('shows the candidate their progress and makes a share link', async () => {
    const page = seat(candidate);
    await page.goto('/progress');
    await visible(page.getByRole('heading', { level: 1, name: 'Your progress' }));
    await visible(page.getByRole('heading', { name: 'Hidden signals, round by round' }));
    await page.getByRole('button', { name: 'Make a share link' }).click();
    const link = page.getByRole('status').getByRole('link');
    await visible(link);
    shareUrl = (await link.getAttribute('href')) ?? '';
    expect(shareUrl).toContain('/progress/');
    await docScreenshots(page, 'progress');
  });

  it('opens the shared progress without signing in, with no self-assessment on it', async () => {
    const page = await newPage();
    await page.goto(new URL(shareUrl).pathname);
    await visible(page.getByRole('heading', { level: 1, name: 'Cato Candidate’s progress' }));
    await visible(page.getByRole('heading', { name: 'Problem framing' }));
    expect(await page.getByText('self-assessment', { exact: false }).count()).toBe(0);
    await docScreenshots(page, 'progress-shared');
    await page.close();
  });

  it('answers a revoked link with a page that says so', async () => {
    const owner = seat(candidate);
    await owner.getByRole('button', { name: 'Revoke' }).click();
    await visible(owner.getByText('No link is open.'));

    const page = await newPage();
    await page.goto(new URL(shareUrl).pathname);
    await visible(
      page.getByRole('heading', { level: 1, name: 'This progress page is not available' }),
    );
    await visible(page.getByText('has revoked the link', { exact: false }));
    await docScreenshots(page, 'progress-shared-revoked');
    // The refusal itself is the point here: the one 410, and the console's note of it.
    const seen = product.problemsOf(page);
    const path = new URL(shareUrl).pathname;
    expect(seen.filter((problem) => !problem.includes('410'))).toEqual([]);
    expect(seen).toContain(`410: GET ${product.url}/api${path}`);
    seen.splice(0);
    await page.close();
  });
});
