import type { Invite, SessionSummary } from '@signal-room/protocol';
import type { Page } from 'playwright-core';
import { docScreenshots } from './support/browser';
import type { Person } from './support/journey';
import { allSaved, apiPost, person, signUp, visible } from './support/journey';
import { watchedBrowser } from './support/watched';

// The hidden-signal audit end to end: a candidate finishes a mock, writes down two decisions they
// never said, the next mock's interviewer sees them as things to watch for and ticks the one the
// candidate says, and that round's feedback shows it became visible evidence.

const product = watchedBrowser();
const interviewer = person('interviewer', 'Iris Hale');
const candidate = person('candidate', 'Cai Moreno');
const pages = new Map<Person, Page>();
const seat = (who: Person): Page => {
  const page = pages.get(who);
  if (!page) throw new Error(`${who.name} has no page`);
  return page;
};

const SAID = 'I sized the buckets hourly because invoices close on the hour.';
const UNSAID = 'I kept a replay log so a failed aggregation can be rerun.';

beforeAll(async () => {
  for (const who of [interviewer, candidate]) {
    pages.set(who, await product.newPage({ viewport: { width: 1280, height: 900 } }));
  }
  await Promise.all([...pages].map(([who, page]) => signUp(page, who)));
});

/** A session of the interviewer's, with the candidate in it through an invite link. */
async function staffedSession(): Promise<SessionSummary> {
  const host = seat(interviewer);
  const session = await apiPost<SessionSummary>(product.url, host, '/api/sessions', {
    roundType: 'system-design',
    promptId: 'system-design-usage-metering',
  });
  const invite = await apiPost<Invite>(product.url, host, `/api/sessions/${session.id}/invites`, {
    role: 'candidate',
  });
  const guest = seat(candidate);
  await guest.goto(`/join/${invite.token ?? ''}`);
  await guest.getByRole('button', { name: 'Join as candidate' }).click();
  await guest.waitForURL(`**/sessions/${session.id}`);
  return session;
}

async function startRound(sessionId: string): Promise<void> {
  const host = seat(interviewer);
  await host.goto(`/sessions/${sessionId}`);
  await host.getByRole('button', { name: 'Reveal prompt' }).click();
  await host.getByRole('button', { name: 'Start the round' }).click();
  await visible(host.getByText('Running', { exact: true }));
}

/** Ends the round and releases its feedback without waiting for the self-assessment. */
async function endAndRelease(): Promise<void> {
  const host = seat(interviewer);
  await host.getByRole('button', { name: 'End session' }).click();
  await host.getByRole('alertdialog').getByRole('button', { name: 'End now' }).click();
  await host.getByRole('button', { name: 'Release feedback' }).click();
  await host.getByRole('button', { name: 'Release without it' }).click();
  await visible(host.getByRole('link', { name: 'Open the feedback' }));
}

describe('the hidden-signal audit', () => {
  let first: SessionSummary;
  let second: SessionSummary;

  it('lets the candidate audit a released round in two entries', async () => {
    first = await staffedSession();
    await startRound(first.id);
    await endAndRelease();

    const page = seat(candidate);
    await page.goto(`/sessions/${first.id}/feedback`);
    const audit = page.getByRole('region', { name: 'Your audit: what you decided and never said' });
    await visible(audit);
    await visible(audit.getByText('the interviewer of your next mock', { exact: false }));
    for (const [signal, sentence, moment] of [
      ['Problem framing', SAID, '0:00'],
      ['Production judgment', UNSAID, ''],
    ] as const) {
      const card = audit
        .getByRole('listitem')
        .filter({ has: page.getByRole('heading', { name: signal }) });
      await card.getByLabel(`A decision you made for ${signal.toLowerCase()}`).fill(sentence);
      if (moment) await card.getByLabel('Moment (m:ss, optional)').fill(moment);
      await card.getByRole('button', { name: `Save entry for ${signal}` }).click();
      await visible(card.getByText(sentence, { exact: true }));
    }
    await docScreenshots(page, 'feedback-audit');

    await page.goto('/history');
    const history = page.getByRole('list', { name: 'Your audits' });
    await visible(history.getByText(SAID, { exact: true }));
    await visible(history.getByText(UNSAID, { exact: true }));
    await docScreenshots(page, 'history-audit');
  });

  it('shows the next interviewer what to watch for, and the tick becomes visible evidence', async () => {
    second = await staffedSession();
    await startRound(second.id);
    const host = seat(interviewer);
    const watch = host.getByRole('region', { name: 'Watch for' });
    await visible(watch.getByText(SAID, { exact: true }));
    await visible(watch.getByText(UNSAID, { exact: true }));
    const tick = watch.getByRole('button', { name: /^Heard\b.*Problem framing/ });
    await tick.click();
    await visible(watch.getByText(/heard at \d+:\d\d/));
    await expect(tick.getAttribute('aria-pressed')).resolves.toBe('true');
    await visible(allSaved(host));
    await docScreenshots(host, 'room-interviewer-watch-for', { fullPage: false });
    await endAndRelease();

    const page = seat(candidate);
    await page.goto(`/sessions/${second.id}/feedback`);
    const visibleNow = page.getByRole('region', { name: 'From your audits: what became visible' });
    await visible(visibleNow.getByText('1 of 2 decisions', { exact: false }));
    const said = visibleNow.getByRole('listitem').filter({ hasText: SAID });
    await visible(said.getByText(/Visible at \d+:\d\d/));
    const unsaid = visibleNow.getByRole('listitem').filter({ hasText: UNSAID });
    await visible(unsaid.getByText('Not heard this time'));
    await docScreenshots(page, 'feedback-audit-visible');

    await page.goto('/history');
    const history = page.getByRole('list', { name: 'Your audits' });
    const heard = history.getByRole('listitem').filter({ hasText: SAID }).last();
    await visible(heard.getByRole('link', { name: 'Heard in a later round' }));
  });
});
