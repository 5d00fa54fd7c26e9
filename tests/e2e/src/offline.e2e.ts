import type { Evidence, RoomState } from '@signal-room/domain';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { policyViolations } from './support/browser';
import {
  WAIT_MS,
  allSaved,
  apiGet,
  choose,
  eventually,
  person,
  signUp,
  visible,
} from './support/journey';
import type { RunningProduct } from './support/server';
import { startProductAndBrowser } from './support/watched';

// The interviewer loses the network mid-round: notes written meanwhile wait on the device,
// marked as not sent, and arrive exactly once when the connection is back.

const NOTES = [
  'Split the read path from the write path before sizing anything',
  'Named the cost of a second region and when it would pay for itself',
];

let product: RunningProduct;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let violations: string[] = [];
let sessionId = '';

const framingEvidence = (): Locator =>
  page.getByRole('list', { name: 'Evidence for Problem framing' });

const itemFor = (note: string): Locator =>
  framingEvidence().getByRole('listitem').filter({ hasText: note });

beforeAll(async () => {
  [product, browser] = await startProductAndBrowser();
  context = await browser.newContext({ baseURL: product.url });
  context.setDefaultTimeout(WAIT_MS);
  violations = await policyViolations(context);
  page = await context.newPage();
});

afterEach(() => {
  expect(violations.splice(0)).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

describe('an interviewer who goes offline mid-round', () => {
  it('keeps notes written offline and sends each exactly once on reconnect', async () => {
    await signUp(page, person('offline', 'Nell Offline'));
    await page.goto('/sessions/new');
    await choose(page.getByRole('radio', { name: 'System design' }));
    await page.getByRole('button', { name: 'Create session' }).click();
    await page.waitForURL(/\/sessions\/[0-9a-f-]{36}$/);
    sessionId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    await page.getByRole('button', { name: 'Start the round' }).click();
    await visible(page.getByText('Running', { exact: true }));
    await visible(allSaved(page));

    await context.setOffline(true);
    await visible(page.getByText(/^Offline · trying to reconnect/));

    const field = page.getByLabel('What did the candidate do?');
    await field.click();
    await page.keyboard.press('Alt+1');
    await page.keyboard.press('Alt+S');
    for (const note of NOTES) {
      await field.pressSequentially(note);
      await page.keyboard.press('Enter');
      await visible(itemFor(note));
    }
    for (const note of NOTES) await visible(itemFor(note).getByText('Not sent yet'));
    await visible(page.getByText('2 notes are kept on this device', { exact: false }));
    await visible(page.getByText(/2 changes not sent yet, kept on this device/));

    await context.setOffline(false);
    await visible(allSaved(page));
    await eventually(async () => {
      for (const note of NOTES) {
        expect(await itemFor(note).count()).toBe(1);
        expect(await itemFor(note).getByText('Not sent yet').count()).toBe(0);
      }
    });

    const room = await apiGet<RoomState>(product.url, page, `/api/sessions/${sessionId}/room`);
    const evidence: Evidence[] = Object.values(room.scorecards).flatMap((card) => card.evidence);
    for (const note of NOTES) {
      expect(evidence.filter((item) => item.note === note)).toHaveLength(1);
    }
    expect(evidence.every((item) => item.signal === 'framing' && item.polarity === 'strong')).toBe(
      true,
    );

    // A reload reads the room from the server alone: still once each, nothing left to send.
    await page.reload();
    await visible(allSaved(page));
    for (const note of NOTES) await visible(itemFor(note));
    for (const note of NOTES) expect(await itemFor(note).count()).toBe(1);
  });
});
