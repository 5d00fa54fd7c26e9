import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { docScreenshots, pageProblems, policyViolations } from './support/browser';
import type { Person } from './support/journey';
import { AxeLog, WAIT_MS, person, visible } from './support/journey';
import type { RunningProduct } from './support/server';
import { startProductAndBrowser } from './support/watched';

// Two people who have never seen the product: one arrives at the front page and runs a round,
// the other arrives by the invite link. Every click and every field either of them needs is
// counted, and every page they see must load without a console error or a failed request.

/** The clicks and fields one person needed, counted as they are made. */
class Effort {
  clicks = 0;
  fields = 0;

  constructor(readonly who: string) {}

  async click(target: Locator): Promise<void> {
    await target.click();
    this.clicks += 1;
  }

  async fill(target: Locator, value: string): Promise<void> {
    await target.fill(value);
    this.fields += 1;
  }

  toString(): string {
    return `${this.who}: ${this.clicks} clicks, ${this.fields} fields`;
  }
}

interface Visitor {
  who: Person;
  context: BrowserContext;
  page: Page;
  /** Console errors, failed requests and refused answers on any page this visitor saw. */
  problems: string[];
  violations: string[];
}

let product: RunningProduct;
let browser: Browser;
let host: Visitor;
let guest: Visitor;
let candidateUrl = '';
const axe = new AxeLog();
const hostEffort = new Effort('interviewer, from / to a live room');
const guestEffort = new Effort('candidate, from the invite link to the room');

async function visitor(who: Person): Promise<Visitor> {
  const context = await browser.newContext({
    baseURL: product.url,
    viewport: { width: 1280, height: 900 },
  });
  context.setDefaultTimeout(WAIT_MS);
  context.setDefaultNavigationTimeout(WAIT_MS);
  // Copy works as it would for a person who allowed it, not through the fallback.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const violations = await policyViolations(context);
  const page = await context.newPage();
  return { who, context, page, problems: pageProblems(page, product.url), violations };
}

/** axe must find nothing at all on the pages a newcomer meets first. */
async function auditClean(page: Page, name: string): Promise<void> {
  const figures = await axe.audit(page, name);
  const total = Object.values(figures.rules).reduce((sum, count) => sum + count, 0);
  expect({ page: name, violations: total, blocking: figures.blocking }).toEqual({
    page: name,
    violations: 0,
    blocking: [],
  });
}

/** Signs a newcomer up on the page they were sent to; the form's next step is the page's own. */
async function createAccount(page: Page, effort: Effort, who: Person): Promise<void> {
  await visible(page.getByRole('heading', { level: 1, name: 'Create an account' }));
  await effort.fill(page.getByLabel('Your name'), who.name);
  await effort.fill(page.getByLabel('Email'), who.email);
  await effort.fill(page.getByLabel('Password', { exact: true }), who.password);
  await effort.click(page.getByRole('button', { name: 'Create account' }));
}

beforeAll(async () => {
  [product, browser] = await startProductAndBrowser();
  host = await visitor(person('newcomer', 'Nia Newcomer'));
  guest = await visitor(person('invitee', 'Ivo Invitee'));
});

afterEach(() => {
  expect([...host.violations.splice(0), ...guest.violations.splice(0)]).toEqual([]);
  expect([...host.problems.splice(0), ...guest.problems.splice(0)]).toEqual([]);
});

afterAll(async () => {
  if (axe.pages.length > 0) process.stdout.write(`${axe.summary()}\n`);
  await browser?.close();
  await product?.stop();
});

describe("a newcomer's path from the front page to a live room", () => {
  it('tells a visitor what the product is and starts them on an account', async () => {
    const { page } = host;
    await page.goto('/');
    await visible(
      page.getByRole('heading', { level: 1, name: /^Mock interviews for senior engineers/ }),
    );
    await visible(page.getByRole('region', { name: 'How a round works' }));
    await auditClean(page, 'front page');
    await docScreenshots(page, 'front');

    await hostEffort.click(page.getByRole('link', { name: 'Start a practice round' }));
    await page.waitForURL('**/signup?next=*');
    // The header's call to action is the current page here, and must still be readable.
    const current = page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Create account' });
    const colours = await current.evaluate((link) => {
      const style = getComputedStyle(link);
      return { text: style.color, background: style.backgroundColor };
    });
    expect(colours.text).not.toBe(colours.background);
    await docScreenshots(page, 'sign-up');
  });

  it('takes the new account straight on to a session, and the session to its room', async () => {
    const { page } = host;
    await createAccount(page, hostEffort, host.who);
    await page.waitForURL('**/sessions/new');
    await visible(page.getByRole('heading', { level: 1, name: 'New session' }));
    // The defaults (the first round type, its first bank prompt) make a round as they stand.
    await hostEffort.click(page.getByRole('button', { name: 'Create session' }));
    await page.waitForURL(/\/sessions\/[0-9a-f-]{36}$/);
    await visible(page.getByText('You are interviewing'));

    const invites = page.getByRole('region', { name: 'Invite people' });
    await hostEffort.click(invites.getByRole('button', { name: 'New candidate link' }));
    const field = invites.getByRole('textbox', { name: 'Candidate link address' });
    await visible(field);
    await hostEffort.click(invites.getByRole('button', { name: 'Copy candidate link' }));
    candidateUrl = await field.inputValue();
    expect(candidateUrl).toMatch(/\/join\/[\w-]+$/);
  });

  it('shows the invitee who invited them to what, and joins them with their new account', async () => {
    const { page } = guest;
    await page.goto(candidateUrl);
    await visible(page.getByText(`${host.who.name} invited you`));
    await visible(page.getByText('Candidate', { exact: true }));
    await auditClean(page, 'join (open link)');
    await docScreenshots(page, 'join');

    await guestEffort.click(page.getByRole('link', { name: 'Create account and join' }));
    await createAccount(page, guestEffort, guest.who);
    await page.waitForURL(/\/sessions\/[0-9a-f-]{36}$/);
    await visible(page.getByText('You are the candidate'));

    // The interviewer's list names who came in by the link, without a reload.
    const row = host.page
      .getByRole('region', { name: 'Invite people' })
      .getByRole('listitem')
      .filter({ hasText: 'Candidate link' });
    await visible(row.getByText(`Used by ${guest.who.name}`));
    await visible(row.getByText('Used', { exact: true }));
  });

  it('starts the round, and keeps invite links within reach while it runs', async () => {
    const { page } = host;
    await hostEffort.click(page.getByRole('button', { name: 'Start the round' }));
    for (const each of [host.page, guest.page]) {
      await visible(each.getByText('Running', { exact: true }));
    }
    process.stdout.write(`journey · ${hostEffort}\njourney · ${guestEffort}\n`);
    expect({ clicks: hostEffort.clicks, fields: hostEffort.fields }).toEqual({
      clicks: 6,
      fields: 3,
    });
    expect({ clicks: guestEffort.clicks, fields: guestEffort.fields }).toEqual({
      clicks: 2,
      fields: 3,
    });

    const invites = page.getByRole('region', { name: 'Invite people' });
    const toggle = invites.getByRole('button', { name: 'Invite people' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    // The candidate is in: only observers can still be invited, late as it is.
    expect(await invites.getByRole('button', { name: 'New candidate link' }).count()).toBe(0);
    await invites.getByRole('button', { name: 'New observer link' }).click();
    await visible(invites.getByRole('textbox', { name: 'Observer link address' }));
    await visible(invites.getByText(`Used by ${guest.who.name}`));
    // The room runs long; its first screen is where the invite panel is.
    await docScreenshots(page, 'room-live-invites', { fullPage: false });
  });

  it('says up front that a used candidate link admits no one else', async () => {
    const stranger = await visitor(person('stranger', 'Sam Stranger'));
    try {
      const { page } = stranger;
      await page.goto(candidateUrl);
      await visible(page.getByRole('heading', { name: 'This candidate link has been used' }));
      expect(await page.getByRole('button', { name: /^Join/ }).count()).toBe(0);
      await auditClean(page, 'join (used link)');
      await docScreenshots(page, 'join-used');

      await page.goto('/no-such-page');
      await visible(page.getByRole('heading', { name: 'There is no page at this address' }));
      expect(new URL(page.url()).pathname).toBe('/no-such-page');
      await auditClean(page, '404');
      await docScreenshots(page, 'not-found');
      expect([...stranger.violations, ...stranger.problems]).toEqual([]);
    } finally {
      await stranger.context.close();
    }
  });

  it('asks for a reload when a page’s code cannot be fetched, as after a deploy', async () => {
    // Not watched for problems: the failed request is the point.
    const context = await browser.newContext({
      baseURL: product.url,
      viewport: { width: 1280, height: 900 },
    });
    try {
      const page = await context.newPage();
      await page.route(/\/assets\/catalog-route-[\w-]+\.js$/, (route) => route.abort());
      await page.goto('/');
      await page.getByRole('link', { name: 'See the signals and rounds' }).click();
      await visible(page.getByRole('heading', { name: 'This page could not be loaded' }));
      await visible(page.getByRole('button', { name: 'Reload the page' }));
      await visible(page.getByRole('navigation', { name: 'Main' }));
      await docScreenshots(page, 'error-chunk');
    } finally {
      await context.close();
    }
  });
});
