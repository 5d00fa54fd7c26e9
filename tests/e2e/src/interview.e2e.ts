import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { ARTIFACTS, policyViolations, screenshot } from './support/browser';
import type { Person } from './support/journey';
import {
  AxeLog,
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

// One interview from sign-up to exported feedback, with three people in three browser contexts
// (separate storage, so three separate sign-ins) of one Chromium.

const PROMPT = {
  title: 'Design a rate limiter for a public API',
  body: 'Our public API is abused by a few clients while everyone else sees slow answers. Design a rate limiter that protects it without hurting well-behaved clients.',
  hints: [
    'Ask which limits are per key, per account and per region before choosing an algorithm.',
    'Think about what happens to the limits when one limiter node restarts mid-burst.',
  ],
};

const INTERVIEWER_NOTE = 'Asked about burst size and per-key fairness before drawing anything';
const OBSERVER_NOTE = 'Picked a token bucket and said what it costs in memory per key';
const SUMMARY = {
  text: 'Clear framing of bursts and fairness; the failure story came only when asked.',
  practiseNext: 'Name what breaks first before you are asked',
};

const SIGNALS = {
  framing: 'Problem framing',
  architecture: 'Architectural judgment',
  production: 'Production judgment',
  delivery: 'Delivery & product judgment',
  communication: 'Communication & reflection',
} as const;
type Signal = keyof typeof SIGNALS;

const SCORE_WORDS = ['Weak', 'Below competent', 'Competent', 'Strong', 'Senior-ready'];

const INTERVIEWER_SCORES: Partial<Record<Signal, number>> = {
  framing: 4,
  architecture: 3,
  production: 3,
  delivery: 2,
  communication: 4,
};
const SELF_SCORES: Partial<Record<Signal, number>> = {
  framing: 3,
  architecture: 4,
  production: 3,
  communication: 5,
};

interface Seat {
  who: Person;
  context: BrowserContext;
  page: Page;
  violations: string[];
}

let product: RunningProduct;
let browser: Browser;
let interviewer: Seat;
let candidate: Seat;
let observer: Seat;
let sessionId = '';
const axe = new AxeLog();

const pages = () => [interviewer.page, candidate.page, observer.page];

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function seat(who: Person): Promise<Seat> {
  const context = await browser.newContext({
    baseURL: product.url,
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  context.setDefaultTimeout(WAIT_MS);
  context.setDefaultNavigationTimeout(WAIT_MS);
  const violations = await policyViolations(context);
  return { who, context, violations, page: await context.newPage() };
}

/**
 * A full-page screenshot from the top: taken while scrolled, the sticky room header would be
 * drawn across the middle of the picture.
 */
async function shoot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

/** One signal's 1–5 control inside a scorecard or the self-assessment. */
function scoreRadio(scope: Locator, signal: Signal, score: number): Locator {
  return scope
    .getByRole('group', { name: new RegExp(`^${escape(SIGNALS[signal])}`) })
    .getByRole('radio', { name: new RegExp(`^${score}\\s*${escape(SCORE_WORDS[score - 1])}$`) });
}

/** Scores every signal given and waits until the server has each of them. */
async function setScores(scope: Locator, scores: Partial<Record<Signal, number>>) {
  for (const [signal, score] of Object.entries(scores) as [Signal, number][]) {
    const radio = scoreRadio(scope, signal, score);
    await radio.check();
    if (!(await radio.isChecked())) throw new Error(`${signal} did not take the score ${score}`);
  }
}

/**
 * Writes one note with the composer's keyboard chords only: Alt+digit picks the signal, Alt+S
 * or Alt+W the polarity, Enter saves.
 */
async function recordEvidence(
  page: Page,
  chord: { digit: number; polarity: 'S' | 'W'; signal: Signal },
  note: string,
) {
  const field = page.getByLabel('What did the candidate do?');
  await field.click();
  await page.keyboard.press(`Alt+${chord.digit}`);
  await page.keyboard.press(`Alt+${chord.polarity}`);
  const word = chord.polarity === 'S' ? 'Strong' : 'Weak';
  await visible(page.getByText(`${word} evidence for ${SIGNALS[chord.signal]}`, { exact: true }));
  await field.pressSequentially(note);
  await page.keyboard.press('Enter');
  await visible(
    page
      .getByRole('list', { name: `Evidence for ${SIGNALS[chord.signal]}` })
      .getByRole('listitem')
      .filter({ hasText: note }),
  );
  if ((await field.inputValue()) !== '') throw new Error('the composer kept the saved note');
}

const CLOCK = /(\d+):(\d{2})/;

function secondsOf(text: string | null): number {
  const match = CLOCK.exec(text ?? '');
  if (!match) throw new Error(`no mm:ss in the clock: ${JSON.stringify(text)}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

const displayedSeconds = async (page: Page): Promise<number> =>
  secondsOf(await page.getByRole('timer').textContent());

/**
 * Watches this page's clock until its text next changes and notes when that happened. The clock
 * shows whole seconds rounded up, so it changes at the moment the page's own computed time left
 * crosses a whole second: the text then is that time left, give or take one redraw (250 ms).
 */
function nextTick(page: Page): Promise<{ text: string; at: number }> {
  return page.getByRole('timer').evaluate(
    (clock, timeoutMs) =>
      new Promise<{ text: string; at: number }>((resolveTick, rejectTick) => {
        const before = clock.textContent;
        let giveUp: ReturnType<typeof setTimeout> | undefined = undefined;
        const observer = new MutationObserver(() => {
          if (clock.textContent === before) return;
          clearTimeout(giveUp);
          observer.disconnect();
          resolveTick({ text: clock.textContent ?? '', at: Date.now() });
        });
        observer.observe(clock, { subtree: true, childList: true, characterData: true });
        giveUp = setTimeout(() => {
          observer.disconnect();
          rejectTick(new Error('the clock did not tick'));
        }, timeoutMs);
      }),
    5_000,
  );
}

/**
 * What the candidate must never see before feedback is out, checked in the page as drawn, in its
 * raw HTML and in what the server would hand the candidate's own token.
 */
async function expectNoScoresForCandidate(moment: string) {
  const { page } = candidate;
  await visible(page.getByRole('heading', { name: 'What this round looks for' }));
  const problems: string[] = [];
  const privateTexts = [INTERVIEWER_NOTE, OBSERVER_NOTE, SUMMARY.text, SUMMARY.practiseNext];
  for (const note of privateTexts) {
    if ((await page.getByText(note).count()) > 0) problems.push(`shows the note "${note}"`);
    if ((await page.content()).includes(note)) problems.push(`has "${note}" in its HTML`);
  }
  if ((await page.getByRole('region', { name: /scorecard/i }).count()) > 0) {
    problems.push('shows a scorecard');
  }
  if ((await page.getByRole('heading', { name: 'Note evidence' }).count()) > 0) {
    problems.push('shows the evidence composer');
  }
  if ((await page.getByText(/^Communication moves/).count()) > 0) {
    problems.push('shows the communication moves');
  }
  // The only score controls a candidate may have are their own, blank, self-assessment ones.
  // The board's drawing tools are radios too, and not scores.
  const board = page.getByRole('region', { name: 'Board' });
  const radios = (await page.getByRole('radio').count()) - (await board.getByRole('radio').count());
  const own = await page
    .getByRole('form', { name: 'How do you think it went?' })
    .getByRole('radio')
    .count();
  if (radios !== own) problems.push(`shows ${radios - own} score controls of someone else`);
  const checked = async (within: Page | Locator) =>
    within.locator('input[type=radio]:checked').count();
  if ((await checked(page)) > (await checked(board))) problems.push('shows a chosen score');
  const room = await apiGet<{ scorecards: object; moves: unknown[] }>(
    product.url,
    page,
    `/api/sessions/${sessionId}/room`,
  );
  const raw = JSON.stringify(room);
  if (Object.keys(room.scorecards).length > 0) problems.push('is sent a scorecard by the API');
  if (room.moves.length > 0) problems.push('is sent the communication moves by the API');
  for (const note of privateTexts) {
    if (raw.includes(note)) problems.push(`is sent "${note}" by the API`);
  }
  expect({ moment, problems }).toEqual({ moment, problems: [] });
}

beforeAll(async () => {
  [product, browser] = await startProductAndBrowser();
  interviewer = await seat(person('interviewer', 'Ines Interviewer'));
  candidate = await seat(person('candidate', 'Cato Candidate'));
  observer = await seat(person('observer', 'Oda Observer'));
});

// The pages run under the product's Content-Security-Policy: nothing they use may be blocked.
afterEach(() => {
  const seats = [interviewer, candidate, observer];
  expect(seats.flatMap((seated) => seated.violations.splice(0))).toEqual([]);
});

afterAll(async () => {
  if (axe.pages.length > 0) process.stdout.write(`${axe.summary()}\n`);
  await browser?.close();
  await product?.stop();
});

describe('an interview, from sign-up to exported feedback', () => {
  it('signs three people up and brings them into a private system-design room', async () => {
    const { page } = interviewer;
    await page.goto('/signup');
    await visible(page.getByRole('heading', { level: 1, name: 'Create an account' }));
    await shoot(page, '01-sign-up');
    await axe.audit(page, 'sign-up');

    await Promise.all([
      signUp(page, interviewer.who),
      signUp(candidate.page, candidate.who),
      signUp(observer.page, observer.who),
    ]);
    await visible(page.getByRole('heading', { name: 'No sessions yet' }));
    await shoot(page, '02-dashboard');
    await axe.audit(page, 'dashboard');

    await page.goto('/sessions/new');
    await visible(page.getByRole('heading', { level: 1, name: 'New session' }));
    await choose(page.getByRole('radio', { name: 'System design' }));
    await choose(page.getByRole('radio', { name: 'Write my own prompt' }));
    await page.getByRole('textbox', { name: 'Title', exact: true }).fill(PROMPT.title);
    await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill(PROMPT.body);
    await page.getByRole('textbox', { name: 'Hints (optional)' }).fill(PROMPT.hints.join('\n'));
    await choose(page.getByRole('radio', { name: 'Private' }));
    const summary = page.getByRole('complementary', { name: 'Your session' });
    await visible(summary.getByText('System design', { exact: true }));
    await visible(summary.getByText('Hidden until you release them'));
    await shoot(page, '03-new-session');
    await axe.audit(page, 'new session');

    await page.getByRole('button', { name: 'Create session' }).click();
    await page.waitForURL(/\/sessions\/[0-9a-f-]{36}$/);
    sessionId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    await visible(page.getByText('You are interviewing'));

    const invites = page.getByRole('region', { name: 'Invite people' });
    await invites.getByRole('button', { name: 'New candidate link' }).click();
    const candidateField = invites.getByRole('textbox', { name: 'Candidate link address' });
    await visible(candidateField);
    await invites.getByRole('button', { name: 'New observer link' }).click();
    const observerField = invites.getByRole('textbox', { name: 'Observer link address' });
    await visible(observerField);
    const candidateUrl = await candidateField.inputValue();
    const observerUrl = await observerField.inputValue();
    expect(candidateUrl).toMatch(new RegExp(`^${escape(product.url)}/join/.+`));
    expect(observerUrl).toMatch(new RegExp(`^${escape(product.url)}/join/.+`));
    expect(observerUrl).not.toBe(candidateUrl);
    await shoot(page, '04-room-interviewer-waiting');
    await axe.audit(page, 'room (interviewer, waiting, invite links)');

    const join = async (
      { page: guest }: Seat,
      url: string,
      role: 'candidate' | 'observer',
      inRoom: string,
    ) => {
      await guest.goto(url);
      await visible(guest.getByText(`${interviewer.who.name} invited you`));
      await visible(
        guest.getByText(role === 'candidate' ? 'Candidate' : 'Observer', { exact: true }),
      );
      await shoot(guest, `05-join-${role}`);
      await axe.audit(guest, `join (${role})`);
      await guest.getByRole('button', { name: `Join as ${role}` }).click();
      await guest.waitForURL(`**/sessions/${sessionId}`);
      await visible(guest.getByText(inRoom));
    };
    await join(candidate, candidateUrl, 'candidate', 'You are the candidate');
    await join(observer, observerUrl, 'observer', 'You are observing');
  });

  it('shows everyone present, shares the prompt and a hint, and keeps one clock', async () => {
    for (const page of pages()) {
      const people = page.getByRole('list', { name: 'People in the room' });
      await eventually(async () => {
        expect(await people.getByRole('listitem').count()).toBe(3);
        for (const { who } of [interviewer, candidate, observer]) {
          const row = people.getByRole('listitem').filter({ hasText: who.name });
          expect(await row.textContent()).toContain('online');
        }
      });
    }

    const { page } = interviewer;
    await page.getByRole('button', { name: 'Reveal prompt' }).click();
    await visible(page.getByText('The candidate can see this prompt.'));
    await page.getByRole('button', { name: 'Reveal next hint (1 of 2)' }).click();
    await visible(page.getByText('Hints · 1 of 2 revealed'));

    const seen = candidate.page;
    await visible(seen.getByRole('heading', { name: PROMPT.title }));
    await visible(seen.getByText(PROMPT.body));
    await visible(seen.getByText(PROMPT.hints[0]));
    expect(await seen.getByText(PROMPT.hints[1]).count()).toBe(0);
    expect(await seen.content()).not.toContain(PROMPT.hints[1]);

    await page.getByRole('button', { name: 'Start the round' }).click();
    for (const each of pages()) await visible(each.getByText('Running', { exact: true }));
    // Each page has had a moment to draw the started clock.
    await eventually(async () => {
      for (const each of pages()) expect(await displayedSeconds(each)).toBeLessThan(60 * 60);
    });

    // What each person reads, read at (nearly) the same moment: within a second of each other.
    const shown = await Promise.all(pages().map(displayedSeconds));
    process.stdout.write(`clock · displayed time left (i, c, o): ${shown.join(', ')} s\n`);
    expect(Math.max(...shown) - Math.min(...shown)).toBeLessThanOrEqual(1);

    // Each page's own computed time left, taken where its clock ticks over and brought to one
    // common instant with the wall clock the three browser processes share.
    const ticks = await Promise.all(pages().map(nextTick));
    const common = Math.max(...ticks.map((tick) => tick.at));
    const computed = ticks.map((tick) => secondsOf(tick.text) * 1000 - (common - tick.at));
    const spread = Math.max(...computed) - Math.min(...computed);
    process.stdout.write(
      `clock · computed time left (i, c, o): ${computed.map((ms) => Math.round(ms)).join(', ')} ms; spread ${Math.round(spread)} ms\n`,
    );
    expect(spread).toBeLessThan(1000);
  });

  it('lets the interviewer and the observer score, each on their own card', async () => {
    const { page } = interviewer;
    await recordEvidence(page, { digit: 1, polarity: 'S', signal: 'framing' }, INTERVIEWER_NOTE);
    const card = page.getByRole('region', { name: 'Your scorecard' });
    await setScores(card, INTERVIEWER_SCORES);
    const moves = page.getByRole('region', { name: 'Communication moves' });
    await moves.getByRole('button', { name: /^Clarify constraints before solving/ }).click();
    await visible(
      moves
        .getByRole('list', { name: 'Communication moves: marked so far' })
        .getByText('Clarify constraints before solving', { exact: true }),
    );

    const watcher = observer.page;
    const privateCard = watcher.getByRole('region', { name: 'Your private scorecard' });
    await setScores(privateCard, { framing: 3, architecture: 4 });
    await recordEvidence(
      watcher,
      { digit: 3, polarity: 'W', signal: 'architecture' },
      OBSERVER_NOTE,
    );

    await visible(allSaved(page));
    await visible(allSaved(watcher));
    await visible(card.getByText(INTERVIEWER_NOTE));
    expect(await card.getByText('Not sent yet').count()).toBe(0);
    // Scoring is blind while the round runs: neither sees the other's notes.
    expect(await watcher.getByText(INTERVIEWER_NOTE).count()).toBe(0);
    expect(await page.getByText(OBSERVER_NOTE).count()).toBe(0);

    await shoot(page, '06-room-interviewer-live');
    await axe.audit(page, 'room (interviewer, live)');
    await shoot(candidate.page, '07-room-candidate-live');
    await axe.audit(candidate.page, 'room (candidate, live)');
    await shoot(watcher, '08-room-observer-live');
    await axe.audit(watcher, 'room (observer, live)');

    await expectNoScoresForCandidate('after scoring');
  });

  it('catches the candidate up after a reload: prompt, hint and clock', async () => {
    const { page } = candidate;
    await page.reload();
    await visible(page.getByText('You are the candidate'));
    await visible(page.getByRole('heading', { name: PROMPT.title }));
    await visible(page.getByText(PROMPT.body));
    await visible(page.getByText(PROMPT.hints[0]));
    await visible(page.getByText('Running', { exact: true }));
    await visible(allSaved(page));
    const [theirs, mine] = await Promise.all([
      displayedSeconds(interviewer.page),
      displayedSeconds(page),
    ]);
    expect(Math.abs(theirs - mine)).toBeLessThanOrEqual(1);
    expect(mine).toBeLessThan(60 * 60);

    await expectNoScoresForCandidate('after a reload');
  });

  it('ends the round, takes the self-assessment and releases the feedback', async () => {
    const { page } = interviewer;
    await page.getByRole('button', { name: 'End session' }).click();
    const confirm = page.getByRole('alertdialog');
    await visible(confirm);
    await confirm.getByRole('button', { name: 'End now' }).click();
    for (const each of pages()) {
      await visible(each.getByRole('heading', { name: 'The round has ended' }));
    }
    // A stopped clock reads the same everywhere.
    await eventually(async () => {
      const stopped = await Promise.all(pages().map(displayedSeconds));
      expect(new Set(stopped).size).toBe(1);
    });

    const seen = candidate.page;
    const form = seen.getByRole('form', { name: 'How do you think it went?' });
    await visible(form);
    await expectNoScoresForCandidate('after the end');
    await shoot(seen, '09-self-assessment');
    await axe.audit(seen, 'room (candidate, self-assessment)');

    await setScores(form, SELF_SCORES);
    await form
      .getByLabel('A note for yourself and the interviewer (optional)')
      .fill('I kept the failure modes in my head until the end.');
    await form.getByRole('button', { name: 'Send my self-assessment' }).click();
    await visible(seen.getByText('Thank you: your self-assessment is in.', { exact: false }));

    await visible(page.getByText('The candidate has sent their self-assessment.'));
    const summary = page.getByRole('form', { name: 'Your summary for the candidate' });
    await summary.getByLabel('How the round went').fill(SUMMARY.text);
    await summary.getByLabel('One thing to practise next').fill(SUMMARY.practiseNext);
    await summary.getByRole('button', { name: 'Save the summary' }).click();
    await visible(summary.getByText('Saved.', { exact: true }));
    // Written, saved, and still the interviewer's alone until the release.
    await expectNoScoresForCandidate('with the summary written');

    await page.getByRole('button', { name: 'Release feedback' }).click();
    await visible(page.getByRole('link', { name: 'Open the feedback' }));
  });

  it('shows the candidate their feedback and lets them keep a copy', async () => {
    const { page } = candidate;
    await page.getByRole('link', { name: 'Open the feedback' }).click();
    await page.waitForURL(`**/sessions/${sessionId}/feedback`);
    await visible(page.getByRole('heading', { level: 1, name: PROMPT.title }));
    await visible(page.getByRole('heading', { name: 'Signal by signal' }));

    const bySignal = page.getByRole('region', { name: 'Signal by signal' });
    expect(await bySignal.getByRole('article').count()).toBe(7);
    for (const [signal, score] of Object.entries(INTERVIEWER_SCORES) as [Signal, number][]) {
      const article = page.getByRole('article', { name: SIGNALS[signal], exact: true });
      await visible(article);
      expect(await article.textContent()).toContain(`${score} of 5`);
    }
    const lead = page.getByRole('region', { name: 'From your interviewer' });
    await visible(lead.getByText(SUMMARY.text));
    await visible(lead.getByText(SUMMARY.practiseNext));
    const framing = page.getByRole('article', { name: SIGNALS.framing, exact: true });
    await visible(framing.getByText(INTERVIEWER_NOTE));
    // The observer scored privately: their note is not part of the candidate's feedback.
    expect(await page.getByText(OBSERVER_NOTE).count()).toBe(0);

    // The radar is drawn for the eye; the table beside it is its text alternative.
    const table = page.getByRole('table', { name: /^Scores by signal, interviewer and self/ });
    await visible(table);
    const framingRow = table.getByRole('row', { name: new RegExp(`^${SIGNALS.framing}`) });
    const cells = await framingRow.getByRole('cell').allTextContents();
    expect(cells.slice(1, 3)).toEqual([
      String(INTERVIEWER_SCORES.framing),
      String(SELF_SCORES.framing),
    ]);

    await shoot(page, '10-feedback');
    await axe.audit(page, 'feedback (candidate)');

    const [markdown] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download Markdown' }).click(),
    ]);
    expect(markdown.suggestedFilename()).toMatch(/\.md$/);
    const markdownText = readFileSync(await markdown.path(), 'utf8');
    expect(markdownText).toContain(INTERVIEWER_NOTE);
    expect(markdownText).toContain(SUMMARY.practiseNext);
    expect(markdownText).toContain(SIGNALS.framing);
    await markdown.saveAs(resolve(ARTIFACTS, 'feedback.md'));

    const [json] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download JSON' }).click(),
    ]);
    expect(json.suggestedFilename()).toMatch(/\.json$/);
    const parsed: unknown = JSON.parse(readFileSync(await json.path(), 'utf8'));
    expect(typeof parsed).toBe('object');
    expect(JSON.stringify(parsed)).toContain(INTERVIEWER_NOTE);

    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.length).toBeGreaterThan(1000);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    writeFileSync(resolve(ARTIFACTS, 'feedback.pdf'), pdf);
  });

  it('lists the session in the candidate’s history', async () => {
    const { page } = candidate;
    await page.goto('/history');
    await visible(page.getByRole('heading', { level: 1, name: 'History' }));
    const past = page.getByRole('list', { name: 'Past sessions' });
    const item = past.getByRole('listitem').filter({ hasText: PROMPT.title });
    await visible(item);
    await visible(item.getByText('Feedback ready'));
    await visible(page.getByRole('heading', { name: 'Signal trends' }));
    await eventually(async () => {
      expect(await page.getByText('Loading your trends…').count()).toBe(0);
    });
    await shoot(page, '11-history');
    await axe.audit(page, 'history (candidate)');
  });

  it('finds no serious or critical accessibility problem on any page visited', () => {
    expect(axe.pages.map((figures) => figures.page)).toEqual([
      'sign-up',
      'dashboard',
      'new session',
      'room (interviewer, waiting, invite links)',
      'join (candidate)',
      'join (observer)',
      'room (interviewer, live)',
      'room (candidate, live)',
      'room (observer, live)',
      'room (candidate, self-assessment)',
      'feedback (candidate)',
      'history (candidate)',
    ]);
    expect(axe.blocking()).toEqual([]);
  });
});
