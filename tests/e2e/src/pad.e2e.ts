import type { Locator, Page } from 'playwright-core';
import { docScreenshots } from './support/browser';
import { endAndRelease, eventually, person, startRoundTogether, visible } from './support/journey';
import { watchedBrowser } from './support/watched';

// The interview happens in the room: the interviewer and the candidate write in one code pad from
// two browsers at once and converge; the candidate runs the code and everyone sees the run; the
// interviewer points a note at the lines the candidate wrote.

const product = watchedBrowser();
const interviewer = person('pad-interviewer', 'Ines Pad');
const candidate = person('pad-candidate', 'Cato Pad');
let host: Page;
let guest: Page;
let sessionId = '';

const pad = (page: Page): Locator => page.getByRole('textbox', { name: 'Code pad' });
/**
 * The pad's text as its lines show it, without the other people's carets and name labels. Read
 * in place: a copy of the lines would re-apply their style attributes, which the page's policy
 * refuses.
 */
const padText = (page: Page): Promise<string> =>
  pad(page).evaluate((content) =>
    [...content.querySelectorAll('.cm-line')]
      .map((line) => {
        const texts = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        let text = '';
        while (texts.nextNode()) {
          const node = texts.currentNode as Text;
          if (!node.parentElement?.closest('.cm-ySelectionCaret')) text += node.data;
        }
        return text;
      })
      .join('\n'),
  );

/**
 * Replaces the pad's text, as a person would: select all, delete, type. Deleting first matters:
 * the editor deletes through its own command, while typing straight over a selection lets
 * Chromium's editing copy the colours of another person's caret into a style attribute, which
 * the page's policy refuses (and reports) before the editor redraws.
 */
async function write(page: Page, text: string): Promise<void> {
  await pad(page).click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
}

beforeAll(async () => {
  host = await product.newPage({ viewport: { width: 1280, height: 900 } });
  guest = await product.newPage({ viewport: { width: 1280, height: 900 } });
  sessionId = await startRoundTogether(product.url, [host, guest], [interviewer, candidate], {
    roundType: 'coding-screen',
    promptId: 'coding-screen-rate-limiter',
  });
});

describe('the code pad in the room', () => {
  it('takes typing from both people at once and shows both the same text', async () => {
    await Promise.all([visible(pad(host)), visible(pad(guest))]);
    await pad(guest).click();
    await pad(host).click();
    // Both type at the same time, each at their own end of the pad.
    await Promise.all([
      guest.keyboard.type('function allow(clientId, nowMs) {'),
      host.keyboard.type('// interviewer: what about bursts?'),
    ]);
    await eventually(async () => {
      const [theirs, ours] = await Promise.all([padText(guest), padText(host)]);
      expect(theirs).toBe(ours);
      expect(theirs).toContain('function allow(clientId, nowMs) {');
      expect(theirs).toContain('// interviewer: what about bursts?');
    });
    // Each sees who else is in the pad.
    await visible(host.getByText(candidate.name).first());
  });

  it('runs JavaScript and Python in the browser, and every run shows in the room for both', async () => {
    // The interviewer leaves the pad, taking their caret with them: Chromium's own editing, typing
    // over a selection that holds another person's caret, copies its colours into a style
    // attribute, which the page's policy refuses (and reports) before the editor redraws.
    await host.getByLabel('Language').focus();
    await guest.getByLabel('Language').selectOption('javascript');
    await eventually(async () =>
      expect(await host.getByLabel('Language').inputValue()).toBe('javascript'),
    );
    await write(guest, 'console.log([1, 2, 3].map((n) => n * 14).join(" "))');
    await guest.getByRole('button', { name: 'Run' }).click();
    await visible(guest.getByLabel('Output of the last run').getByText('14 28 42'));

    await guest.getByLabel('Language').selectOption('python');
    await write(guest, 'print(sum(range(10)))');
    await guest.getByRole('button', { name: 'Run' }).click();
    await visible(guest.getByLabel('Output of the last run').getByText('45'));

    const runs = host.getByRole('region', { name: 'Runs in this room' });
    await visible(runs.getByText(/Cato Pad ran Python: finished/));
    await visible(runs.getByText(/Cato Pad ran JavaScript: finished/));
    await runs.getByText(/ran Python/).click();
    await visible(runs.getByText('45', { exact: false }));
  });

  it('stops an endless loop at the time limit and says so', async () => {
    await guest.getByLabel('Language').selectOption('javascript');
    await write(guest, 'while (true) {}');
    await guest.getByRole('button', { name: 'Run' }).click();
    await visible(guest.getByRole('button', { name: 'Stop' }));
    await visible(guest.getByText('Stopped after 5.0 s: time limit'));
    await visible(
      host.getByRole('region', { name: 'Runs in this room' }).getByText(/hit the time limit/),
    );
  });

  it('locks the pad for everyone while the interviewer reads it, and unlocks it', async () => {
    // Clicked, not checked: the box shows the room's setting, which turns once the command is
    // queued, a moment after the click.
    const lock = host.getByRole('checkbox', { name: /^Lock the pad/ });
    await lock.click();
    await eventually(async () => expect(await lock.isChecked()).toBe(true));
    await visible(guest.getByText(/The interviewer has locked the pad/));
    for (const page of [host, guest]) {
      await eventually(async () =>
        expect(await pad(page).getAttribute('contenteditable')).toBe('false'),
      );
    }
    const before = await padText(guest);
    await pad(guest).click();
    await guest.keyboard.type('typed while locked');
    expect(await padText(guest)).toBe(before);
    await lock.click();
    await eventually(async () => expect(await lock.isChecked()).toBe(false));
    await eventually(async () =>
      expect(await pad(guest).getAttribute('contenteditable')).toBe('true'),
    );
    expect(await guest.getByText(/The interviewer has locked the pad/).count()).toBe(0);
  });

  it('keeps the staff’s private notes off every frame the candidate receives', async () => {
    const frames: string[] = [];
    guest.on('websocket', (socket) =>
      socket.on('framereceived', ({ payload }) =>
        frames.push(typeof payload === 'string' ? payload : payload.toString('latin1')),
      ),
    );
    await guest.reload();
    await visible(pad(guest));
    const notes = host.getByRole('textbox', { name: 'Private notes' });
    await notes.click();
    await host.keyboard.type('PRIVATE-e2e-7c1: ask about the window edge');
    // Typing in the pad after it: once the candidate reads that, the notes had their chance.
    await write(host, '// after the private note');
    await eventually(async () => expect(await padText(guest)).toContain('after the private note'));
    expect(frames.some((frame) => frame.includes('document:update'))).toBe(true);
    expect(frames.join('\n')).not.toContain('PRIVATE-e2e-7c1');
    expect(await guest.content()).not.toContain('PRIVATE-e2e-7c1');
    expect(await guest.getByRole('heading', { name: 'Private notes' }).count()).toBe(0);
  });

  it('points the interviewer’s note at the lines selected in the pad', async () => {
    await write(guest, 'const limit = 10;\nconst windowMs = 1000;\n');
    await eventually(async () => expect(await padText(host)).toContain('windowMs'));
    await pad(host).click();
    await host.keyboard.press('Control+A');
    await host.keyboard.press('Alt+N');
    await visible(host.getByText(/On lines 1–\d of the pad/));
    const note = host.getByRole('textbox', { name: 'What did the candidate do?' });
    await note.pressSequentially('Named the window before writing the counter');
    await host.keyboard.press('Alt+2');
    await host.keyboard.press('Enter');
    await visible(host.getByText(/on lines 1–\d of the pad, at/));
    await docScreenshots(host, 'room-pad-interviewer', { fullPage: false, widths: [1280, 1024] });
    await docScreenshots(guest, 'room-pad-candidate', { fullPage: false, widths: [1280, 1024] });
  });

  it('opens the replay from the note in the feedback, at its moment and on its lines', async () => {
    await endAndRelease(host);

    await guest.goto(`/sessions/${sessionId}/feedback`);
    const note = guest.getByRole('listitem').filter({ hasText: 'Named the window' });
    await note
      .getByRole('link', { name: /^Replay at \d+:\d\d, on lines 1–\d of the pad$/ })
      .click();
    await guest.waitForURL(`**/history/${sessionId}?at=*`);
    await visible(guest.getByText(/Lines 1–\d highlighted: the lines the note points at/));
    const replayed = guest.getByLabel('Code pad at this moment');
    await eventually(async () => expect(await replayed.textContent()).toContain('windowMs'));
    expect(await guest.locator('.cm-replay-anchored').count()).toBeGreaterThanOrEqual(2);
    expect(await guest.locator('[aria-current="step"]').textContent()).toContain(
      'Named the window',
    );
    await docScreenshots(guest, 'timeline-replay', { fullPage: false, widths: [1280] });

    // Played from the start at 16×, skipping idle stretches, it runs through to the end.
    await guest.getByRole('slider', { name: 'Moment' }).press('Home');
    await eventually(async () => expect(await replayed.textContent()).not.toContain('windowMs'));
    await guest.getByLabel('Speed').selectOption('16');
    await guest.getByRole('button', { name: 'Play' }).click();
    await visible(guest.getByRole('button', { name: 'Pause' }));
    await eventually(async () => expect(await replayed.textContent()).toContain('windowMs'));
    await visible(guest.getByRole('button', { name: 'Play' }));
  });
});
