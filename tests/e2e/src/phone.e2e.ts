import type { Invite, SessionSummary } from '@signal-room/protocol';
import type { Locator, Page } from 'playwright-core';
import { docScreenshots } from './support/browser';
import type { Person } from './support/journey';
import { allSaved, apiPost, eventually, person, signUp, visible } from './support/journey';
import { ON_A_PHONE, PHONE, watchedBrowser } from './support/watched';

// Signal Room on a phone: what the first visit costs on the wire, and every page at 390 px
// wide (an iPhone 12 to 15) without sideways scrolling, except inside a table that says it
// scrolls, and with no console error or failed request on any of them, for any role. Each page
// is photographed at 1280 and 390 px (see docScreenshots for where the pictures go).

const product = watchedBrowser();
const phone = () => product.newPage(ON_A_PHONE);

interface Overflow {
  scrollWidth: number;
  /** Elements past the page's margins outside a labelled scroll region, as "tag.class [left, right]". */
  wide: string[];
  /** Chart labels drawn partly outside their SVG, so cut off. */
  cut: string[];
}

/**
 * What sticks out sideways on the page as drawn: past the viewport, or inside the page's main
 * area past its margins. A table may be wider inside a scroll region that is named and
 * focusable (ui/table-scroll.tsx); text clipped on purpose (visually hidden) is inside an
 * element that hides its overflow and itself fits.
 */
const overflowOf = (page: Page): Promise<Overflow> =>
  page.evaluate(() => {
    const main = document.querySelector('main');
    const margins = main && getComputedStyle(main);
    const area = main?.getBoundingClientRect();
    const viewport = { left: 0, right: document.documentElement.clientWidth };
    const content =
      area && margins
        ? {
            left: area.left + parseFloat(margins.paddingLeft),
            right: area.right - parseFloat(margins.paddingRight),
          }
        : viewport;
    const fits = (element: Element) => {
      const { left, right } = main?.contains(element) && element !== main ? content : viewport;
      const rect = element.getBoundingClientRect();
      return rect.left >= left - 0.5 && rect.right <= right + 0.5;
    };
    const contains = (element: Element) => {
      const style = getComputedStyle(element);
      const scrollRegion =
        element.getAttribute('role') === 'region' &&
        (element.hasAttribute('aria-labelledby') || element.hasAttribute('aria-label')) &&
        (element as HTMLElement).tabIndex === 0 &&
        ['auto', 'scroll'].includes(style.overflowX);
      const clips = ['hidden', 'clip'].includes(style.overflowX);
      return (scrollRegion || clips) && fits(element);
    };
    const describe = (element: Element, rect: DOMRect) =>
      `${element.tagName.toLowerCase()}${[...element.classList].map((name) => `.${name}`).join('')} [${Math.round(rect.left)}, ${Math.round(rect.right)}]`;
    const wide: string[] = [];
    for (const element of document.body.querySelectorAll('*')) {
      const rect = element.getBoundingClientRect();
      if ((rect.width === 0 && rect.height === 0) || fits(element)) continue;
      let ancestor = element.parentElement;
      while (ancestor && !contains(ancestor)) ancestor = ancestor.parentElement;
      if (!ancestor) wide.push(describe(element, rect));
    }
    const cut: string[] = [];
    for (const text of document.querySelectorAll('svg text')) {
      const box = text.getBoundingClientRect();
      const frame = text.closest('svg')?.getBoundingClientRect();
      const inside =
        !frame ||
        (box.left >= frame.left - 0.5 &&
          box.right <= frame.right + 0.5 &&
          box.top >= frame.top - 0.5 &&
          box.bottom <= frame.bottom + 0.5);
      if (!inside) cut.push(`"${text.textContent ?? ''}" ${describe(text, box)}`);
    }
    return { scrollWidth: document.documentElement.scrollWidth, wide, cut };
  });

/**
 * Checks that the page fits the phone's width, then photographs the whole page (or its first
 * screen) at each width; a phone-only view is photographed at the phone's width alone.
 */
async function fits(
  page: Page,
  name: string,
  { area = 'page', phoneOnly = false }: { area?: 'page' | 'screen'; phoneOnly?: boolean } = {},
): Promise<void> {
  await eventually(async () => {
    expect(
      await page
        .getByRole('status')
        .getByText(/^Loading/)
        .count(),
    ).toBe(0);
  });
  const overflow = await overflowOf(page);
  expect({ name, ...overflow }).toEqual({
    name,
    scrollWidth: PHONE.width,
    wide: [],
    cut: [],
  });
  await docScreenshots(page, name, {
    fullPage: area === 'page',
    widths: phoneOnly ? [PHONE.width] : undefined,
  });
}

/** Opens a page by its address and checks it once its main heading shows. */
async function visitAndFit(page: Page, path: string, heading: string, name: string) {
  await page.goto(path);
  await visible(page.getByRole('heading', { level: 1, name: heading }));
  await fits(page, name);
}

/** One signal's score control within a scorecard or the self-assessment. */
const scoreRadio = (scope: Locator, signal: string, score: number): Locator =>
  scope
    .getByRole('group', { name: new RegExp(`^${signal}`) })
    .getByRole('radio', { name: new RegExp(`^${score}`) });

async function score(scope: Locator, scores: Record<string, number>): Promise<void> {
  for (const [signal, value] of Object.entries(scores)) {
    const radio = scoreRadio(scope, signal, value);
    await radio.check();
    if (!(await radio.isChecked())) throw new Error(`${signal} did not take the score ${value}`);
  }
}

/**
 * One file fetched with the Accept-Encoding given. Node's fetch decodes the body, and keeps the
 * headers as sent: the bytes on the wire are the Content-Length.
 */
async function fetchAs(url: string, acceptEncoding: string) {
  const response = await fetch(url, { headers: { 'accept-encoding': acceptEncoding } });
  return {
    coding: response.headers.get('content-encoding'),
    vary: response.headers.get('vary'),
    cacheControl: response.headers.get('cache-control'),
    sent: Number(response.headers.get('content-length')),
    body: Buffer.from(await response.arrayBuffer()),
  };
}

describe('the first screen on the wire', () => {
  it('sends the front page and everything it loads precompressed, and prints the bytes', async () => {
    const page = await phone();
    const loaded: { url: string; coding: string | null }[] = [];
    page.on('response', (response) => {
      const kind = response.request().resourceType();
      if (['document', 'script', 'stylesheet'].includes(kind)) {
        loaded.push({
          url: response.url(),
          coding: response.headers()['content-encoding'] ?? null,
        });
      }
    });
    await page.goto('/', { waitUntil: 'networkidle' });
    expect(loaded.length).toBeGreaterThanOrEqual(3);
    // Chromium asks for "gzip, deflate, br, zstd" and is given brotli.
    expect(loaded.filter(({ coding }) => coding !== 'br')).toEqual([]);

    const rows: string[] = [];
    const total = { identity: 0, gzip: 0, br: 0 };
    const bodies: string[] = [];
    for (const { url } of loaded) {
      const answers = await Promise.all(
        ['identity', 'gzip', 'br, gzip'].map((accept) => fetchAs(url, accept)),
      );
      const [identity, gzip, br] = answers;
      const { pathname } = new URL(url);
      expect({ pathname, codings: answers.map((answer) => answer.coding) }).toEqual({
        pathname,
        codings: [null, 'gzip', 'br'],
      });
      // The page carries a nonce of its own on every answer; the rest must be the same.
      const unsalted = (body: Buffer) =>
        body.toString('utf8').replace(/(name="csp-nonce" content=")[^"]*/, '$1');
      for (const answer of answers) {
        expect(unsalted(answer.body)).toBe(unsalted(identity.body));
        expect(answer.vary).toBe('Accept-Encoding');
        expect(answer.cacheControl).toBe(
          pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      }
      expect(identity.sent).toBe(identity.body.length);
      bodies.push(identity.body.toString('utf8'));
      total.identity += identity.sent;
      total.gzip += gzip.sent;
      total.br += br.sent;
      rows.push(
        `${pathname.padEnd(40)} ${answers.map((answer) => String(answer.sent).padStart(8)).join(' ')}`,
      );
    }
    process.stdout.write(
      [
        `first screen · bytes on the wire for / (${loaded.length} files)`,
        `${'file'.padEnd(40)} ${['identity', 'gzip', 'br'].map((h) => h.padStart(8)).join(' ')}`,
        ...rows,
        `${'total'.padEnd(40)} ${[total.identity, total.gzip, total.br].map((n) => String(n).padStart(8)).join(' ')}`,
        '',
      ].join('\n'),
    );
    // Compressed text is a quarter to a third of its size; more means a file went out whole.
    expect(total.br).toBeLessThan(total.identity / 3);
    // The catalogue's text (prompts, drills, patterns) is for the pages that show it, not the
    // first screen: one schema reading it at load time once pulled it all in.
    expect(bodies.filter((body) => body.includes('Usage metering for billing'))).toEqual([]);
  });
});

describe('every page on a 390 px phone', () => {
  const interviewer = person('phone-interviewer', 'Ines Interviewer');
  const candidate = person('phone-candidate', 'Cato Candidate');
  const observer = person('phone-observer', 'Oda Observer');
  const seats = new Map<Person, Page>();
  const seat = (who: Person): Page => {
    const page = seats.get(who);
    if (!page) throw new Error(`${who.name} has no page yet`);
    return page;
  };
  let session: SessionSummary;

  it('fits the pages a visitor sees before signing in, and folds the links into a menu', async () => {
    const page = await phone();
    await page.goto('/');
    await visible(page.locator('main').getByRole('heading').first());
    const header = await page.getByRole('banner').boundingBox();
    // One row: the name and the menu button, not the links wrapped over three.
    expect(header?.height).toBeLessThan(80);
    await fits(page, 'front');

    const menu = page.getByRole('button', { name: 'Menu' });
    await menu.click();
    const main = page.getByRole('navigation', { name: 'Main' });
    await visible(main.getByRole('link', { name: 'Sign in' }));
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await fits(page, 'menu', { area: 'screen', phoneOnly: true });
    await main.getByRole('link', { name: 'Signals & rounds' }).click();
    await page.waitForURL('**/catalog');
    // Going anywhere closes it (once the new page has drawn, not when the address changes).
    await eventually(async () => {
      expect(await menu.getAttribute('aria-expanded')).toBe('false');
    });
    expect(await main.isVisible()).toBe(false);
    await visible(page.getByRole('heading', { name: 'The seven signals' }));
    await fits(page, 'catalog');

    await visitAndFit(page, '/signin', 'Sign in', 'sign-in');
    await visitAndFit(page, '/signup', 'Create an account', 'sign-up');
  });

  it('fits the dashboard, a new session and the account page', async () => {
    for (const who of [interviewer, candidate, observer]) seats.set(who, await phone());
    await Promise.all([...seats].map(([who, page]) => signUp(page, who)));
    const page = seat(interviewer);
    session = await apiPost<SessionSummary>(product.url, page, '/api/sessions', {
      roundType: 'system-design',
      promptId: 'system-design-usage-metering',
    });
    await page.reload();
    await visible(page.getByText('Usage metering for billing'));
    await fits(page, 'dashboard');

    await visitAndFit(page, '/sessions/new', 'New session', 'new-session');
    await visitAndFit(page, '/account', 'Your account', 'account');
  });

  it('fits the invitation and the room, for each role', async () => {
    const page = seat(interviewer);
    for (const [who, role] of [
      [candidate, 'candidate'],
      [observer, 'observer'],
    ] as const) {
      const invite = await apiPost<Invite>(
        product.url,
        page,
        `/api/sessions/${session.id}/invites`,
        {
          role,
        },
      );
      const guest = seat(who);
      await guest.goto(`/join/${invite.token ?? ''}`);
      await visible(guest.getByText(`${interviewer.name} invited you`));
      if (role === 'candidate') await fits(guest, 'join-signed-in');
      await guest.getByRole('button', { name: `Join as ${role}` }).click();
      await guest.waitForURL(`**/sessions/${session.id}`);
    }

    await page.goto(`/sessions/${session.id}`);
    await page.getByRole('button', { name: 'Reveal prompt' }).click();
    await page.getByRole('button', { name: 'Start the round' }).click();
    await visible(page.getByText('Running', { exact: true }));
    await score(page.getByRole('region', { name: 'Your scorecard' }), {
      'Problem framing': 4,
      'Architectural judgment': 2,
    });
    const watcher = seat(observer);
    await score(watcher.getByRole('region', { name: 'Your private scorecard' }), {
      'Problem framing': 2,
      'Architectural judgment': 4,
    });
    await visible(allSaved(page));
    await visible(allSaved(watcher));
    // A signal's layer reads as a word on a phone too, not as its initial.
    await visible(page.getByText('Primary', { exact: true }).first());
    await fits(page, 'room-interviewer');
    await fits(watcher, 'room-observer');
    const seen = seat(candidate);
    await visible(seen.getByRole('heading', { name: 'Usage metering for billing' }));
    await fits(seen, 'room-candidate');
  });

  it('fits the self-assessment, the feedback, the history and the timeline', async () => {
    const page = seat(interviewer);
    await page.getByRole('button', { name: 'End session' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'End now' }).click();
    const seen = seat(candidate);
    const form = seen.getByRole('form', { name: 'How do you think it went?' });
    await visible(form);
    await score(form, { 'Problem framing': 3, 'Architectural judgment': 3 });
    await fits(seen, 'room-candidate-self-assessment');
    await form.getByRole('button', { name: 'Send my self-assessment' }).click();
    await visible(seen.getByText('Thank you: your self-assessment is in.', { exact: false }));

    await visible(page.getByText('The candidate has sent their self-assessment.'));
    await page.getByRole('button', { name: 'Release feedback' }).click();
    await visible(page.getByRole('link', { name: 'Open the feedback' }));
    await fits(page, 'room-interviewer-ended');

    await seen.goto(`/sessions/${session.id}/feedback`);
    await visible(seen.getByRole('heading', { name: 'Signal by signal' }));
    await visible(seen.locator('.recharts-surface'));
    await fits(seen, 'feedback');

    await page.goto(`/sessions/${session.id}/feedback`);
    await visible(page.getByRole('heading', { name: 'Calibration' }));
    await fits(page, 'feedback-interviewer');

    const watcher = seat(observer);
    await watcher.goto(`/sessions/${session.id}/feedback`);
    await visible(watcher.getByRole('heading', { name: 'Calibration' }));
    await fits(watcher, 'feedback-observer');
    await visitAndFit(watcher, '/history', 'History', 'history-observer');

    await seen.goto('/history');
    await visible(seen.getByRole('heading', { level: 1, name: 'History' }));
    await eventually(async () => {
      expect(await seen.getByText('Loading your trends…').count()).toBe(0);
    });
    await fits(seen, 'history');

    await visitAndFit(seen, `/history/${session.id}`, 'Usage metering for billing', 'timeline');
  });
});
