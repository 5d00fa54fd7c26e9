import type { Page } from 'playwright-core';
import { docScreenshots } from './support/browser';
import { AxeLog, person, signUp, visible } from './support/journey';
import { ON_A_PHONE, PHONE, watchedBrowser } from './support/watched';

// One person does each of the three drills that have a page of their own, once, on a phone:
// every page fits 390 px without sideways scrolling, passes axe without a serious finding, and
// is photographed at 1280 and 390 px. The timed parts are ended with Done, as a person who has
// finished early would; nobody waits out a real clock.

const product = watchedBrowser();
let page: Page;
const axe = new AxeLog();

beforeAll(async () => {
  page = await product.newPage(ON_A_PHONE);
  await signUp(page, person('drills', 'Dana'));
});

afterAll(() => {
  if (axe.pages.length > 0) process.stdout.write(`${axe.summary()}\n`);
});

/** The page fits the phone, axe finds nothing serious, and it is photographed at both widths. */
async function check(name: string): Promise<void> {
  expect({ name, width: await page.evaluate(() => document.documentElement.scrollWidth) }).toEqual({
    name,
    width: PHONE.width,
  });
  const figures = await axe.audit(page, name);
  expect(figures.blocking).toEqual([]);
  await docScreenshots(page, name);
}

const heading = (name: string) => visible(page.getByRole('heading', { level: 1, name }));

it('lists the drills and points the audit at the history', async () => {
  await page.goto('/drills');
  await heading('Drills');
  await visible(page.getByText('None yet: your results appear here once you save a drill.'));
  expect(
    await page
      .getByRole('link', { name: 'Start an audit from a past session' })
      .getAttribute('href'),
  ).toBe('/history');
  await check('drills');
});

it('checks a round-to-signal map against the catalogue', async () => {
  await page.getByRole('link', { name: 'Start: round-to-signal map' }).click();
  await heading('Round-to-signal map');
  await page.getByRole('button', { name: 'Start the 20-minute clock' }).click();
  await page.getByLabel('Company').fill('Acme');
  await page.getByLabel('Round type').selectOption('coding-screen');
  await page.getByRole('button', { name: 'Add this round' }).click();
  await page.getByLabel('Primary signal').selectOption('coding');
  await page.getByLabel('First secondary signal').selectOption('framing');
  await page.getByLabel('Second secondary signal').selectOption('communication');
  const behaviours = page.getByLabel('What you will do to show it');
  await behaviours.nth(0).fill('Test edge cases such as empty input before I am asked.');
  await behaviours.nth(1).fill('Ask a clarifying question that changes the approach.');
  await behaviours.nth(2).fill('Announce the structure of my answer before giving it.');
  await check('drill-map');
  await page.getByRole('button', { name: 'Check my map against the catalogue' }).click();
  await heading('Round-to-signal map: your result');
  await visible(page.getByText('Acme: 2 of 3 signals placed as the catalogue has them.'));
  await visible(page.getByText(/Problem framing is a primary signal of this round/));
  await check('drill-map-result');
});

it('shows the story sentences that did not make it into a typed answer', async () => {
  await page.goto('/drills/signal-balanced-story');
  await heading('Signal-balanced project story');
  await page.getByLabel('Project').fill('Billing rewrite');
  const sentences: Record<string, string> = {
    'Problem framing': 'I split the rewrite into invoices first and refunds later.',
    'Coding fluency': 'I wrote property tests for proration rounding.',
    'Architectural judgment': 'I chose an append-only ledger over mutable balances.',
    'Production judgment': 'I added idempotency keys so retried charges never doubled.',
    'Delivery & product judgment': 'We shipped behind a flag to five percent of accounts.',
    'Leadership & influence': 'I ran the design review that aligned finance and support.',
    'Communication & reflection': 'I wrote the postmortem on the one bad migration.',
  };
  for (const [signal, sentence] of Object.entries(sentences)) {
    await page.getByLabel(signal, { exact: true }).fill(sentence);
  }
  await check('drill-story');
  await page.getByRole('button', { name: 'Start the 3-minute answer' }).click();
  await visible(page.getByRole('timer'));
  await page
    .getByRole('textbox', { name: 'Your answer' })
    .fill(
      'I chose an append-only ledger instead of mutable balances, added idempotency keys so a retry ' +
        'never charged twice, and shipped behind a flag to five percent of accounts.',
    );
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('button', { name: 'Save and see what was left out' }).click();
  await heading('Signal-balanced project story: your result');
  await visible(page.getByText('Billing rewrite: 3 of 7 sentences made it into your answer.'));
  const dropped = page.getByRole('region', { name: 'Did not make it' });
  await visible(dropped.getByText(sentences['Leadership & influence'] ?? ''));
  await check('drill-story-result');
});

it('summarises the cut of three two-minute answers', async () => {
  await page.goto('/drills/primary-signal-restraint');
  await heading('Primary-signal restraint');
  for (const [position, next] of ['Next prompt', 'Next prompt', 'Finish the cut'].entries()) {
    await visible(
      page.getByRole('heading', { level: 2, name: new RegExp(`^Prompt ${position + 1} of 3`) }),
    );
    await page.getByRole('button', { name: 'Start the 2-minute answer' }).click();
    await page
      .getByRole('textbox', { name: 'Your answer' })
      .fill('I would first ask what matters most here. Let me tell you about my old job.');
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByLabel('I would first ask what matters most here.').selectOption('framing');
    await page.getByLabel('Let me tell you about my old job.').selectOption('cut');
    if (position === 0) await check('drill-restraint');
    await page.getByRole('button', { name: next }).click();
  }
  await page.getByRole('button', { name: 'Save and see the summary' }).click();
  await heading('Primary-signal restraint: your result');
  await visible(page.getByText('You cut 1 of 2 sentences, 8 of 16 words.').first());
  await visible(
    page.getByText(/Nothing you kept shows coding fluency, a primary signal of a coding screen/),
  );
  await check('drill-restraint-result');
});

it('lists the three results, newest first', async () => {
  await page.goto('/drills');
  await heading('Drills');
  const results = page.getByRole('region', { name: 'Your past results' }).getByRole('listitem');
  await visible(results.nth(2));
  expect(await results.getByRole('link').allTextContents()).toEqual([
    'Primary-signal restraint',
    'Signal-balanced project story',
    'Round-to-signal map',
  ]);
  await check('drills-with-results');
});
