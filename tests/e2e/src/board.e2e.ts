import { readFile } from 'node:fs/promises';
import type { DocumentReplay } from '@signal-room/protocol';
import type { Locator, Page } from 'playwright-core';
import * as Y from 'yjs';
import { docScreenshots } from './support/browser';
import {
  apiGet,
  endAndRelease,
  eventually,
  person,
  startRoundTogether,
  visible,
} from './support/journey';
import { watchedBrowser } from './support/watched';

// A system design round opens on the board and the requirements sheet: the interviewer and the
// candidate draw on it and write in it from two browsers at once and converge, every element is
// stored, the feedback names the requirements never written down, and nothing of Excalidraw
// (its fonts included) comes from anywhere but our own origin.

const product = watchedBrowser();
const interviewer = person('board-interviewer', 'Ivo Board');
const candidate = person('board-candidate', 'Cora Board');
let host: Page;
let guest: Page;
let sessionId = '';
const fonts: string[] = [];

const board = (page: Page): Locator => page.getByRole('region', { name: 'Board' });
/** What the board says it holds, in the words it gives a screen reader. */
const described = (page: Page): Promise<string> =>
  board(page)
    .locator('[aria-live="polite"]')
    .innerText()
    .catch(() => '');

/** The file a click on one of the board's download buttons saves, named as it was offered. */
async function downloaded(page: Page, button: string): Promise<{ name: string; body: Buffer }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    board(page).getByRole('button', { name: button }).click(),
  ]);
  return { name: download.suggestedFilename(), body: await readFile(await download.path()) };
}

/** Draws a shape with the tool under `key`, dragged from one point of the canvas to another. */
async function drawShape(
  page: Page,
  key: string,
  from: [number, number],
  to: [number, number],
): Promise<void> {
  await board(page)
    .locator('canvas.interactive')
    .click({ position: { x: 5, y: 5 } });
  await drag(page, key, from, to);
  await page.keyboard.press('Escape');
}

/**
 * A drag with the tool under `key` on a board that has the focus, with no click that could
 * scroll: a shape drawn, or with `v` a box that selects what it holds (kept selected).
 */
async function drag(
  page: Page,
  key: string,
  from: [number, number],
  to: [number, number],
): Promise<void> {
  const box = await board(page).locator('canvas.interactive').boundingBox();
  if (!box) throw new Error('the board has no canvas');
  await page.keyboard.press(key);
  await page.mouse.move(box.x + from[0], box.y + from[1]);
  await page.mouse.down();
  await page.mouse.move(box.x + (from[0] + to[0]) / 2, box.y + (from[1] + to[1]) / 2, {
    steps: 5,
  });
  await page.mouse.move(box.x + to[0], box.y + to[1], { steps: 5 });
  await page.mouse.up();
}

/** Writes a text on the board where `at` says. */
async function writeText(page: Page, at: [number, number], text: string): Promise<void> {
  const canvas = board(page).locator('canvas.interactive');
  const box = await canvas.boundingBox();
  if (!box) throw new Error('the board has no canvas');
  await page.keyboard.press('t');
  await page.mouse.click(box.x + at[0], box.y + at[1]);
  await page.keyboard.type(text);
  await page.keyboard.press('Escape');
}

interface StoredShape {
  type: string;
  isDeleted?: boolean;
  y: number;
  /** When Excalidraw last changed it, epoch ms. */
  updated?: number;
}

/** The board as the server stored it, rebuilt from its replay. */
async function storedBoard(): Promise<Map<string, StoredShape>> {
  const replay = await apiGet<DocumentReplay>(
    product.url,
    host,
    `/api/sessions/${sessionId}/documents/board/replay`,
  );
  const doc = new Y.Doc();
  for (const { update } of replay.updates) Y.applyUpdate(doc, Buffer.from(update, 'base64'));
  return new Map(doc.getMap<StoredShape>('elements'));
}

beforeAll(async () => {
  host = await product.newPage({ viewport: { width: 1280, height: 1200 } });
  guest = await product.newPage({ viewport: { width: 1280, height: 1200 } });
  for (const page of [host, guest]) {
    page.on('request', (request) => {
      if (request.resourceType() === 'font') fonts.push(request.url());
    });
  }
  sessionId = await startRoundTogether(product.url, [host, guest], [interviewer, candidate], {
    roundType: 'system-design',
    promptId: 'system-design-usage-metering',
  });
});

describe('the board in a system design room', () => {
  it('opens on the board, with the code pad a click away', async () => {
    const opened = Date.now();
    await Promise.all(
      [host, guest].map((page) => visible(board(page).locator('canvas.interactive'))),
    );
    process.stdout.write(`board · open to drawable: ${Date.now() - opened} ms (after the room)\n`);
    for (const page of [host, guest]) {
      await visible(page.getByRole('button', { name: 'Board', pressed: true }));
      expect(await page.getByRole('textbox', { name: 'Code pad' }).count()).toBe(0);
    }
    expect(await described(guest)).toBe('The board is empty.');
    // Nothing to take a picture of yet.
    const png = board(guest).getByRole('button', { name: 'Download PNG' });
    expect(await png.isDisabled()).toBe(true);
    expect(await png.getAttribute('title')).toBe('Nothing is drawn on the board yet');
  });

  it('takes drawing from both people at once and shows both the same board', async () => {
    await Promise.all([
      drawShape(host, 'r', [200, 200], [380, 300]),
      drawShape(guest, 'o', [500, 220], [640, 330]),
    ]);
    await eventually(async () => {
      const [ours, theirs] = await Promise.all([described(host), described(guest)]);
      expect(ours).toBe(theirs);
      expect(ours).toBe('On the board: 1 box, 1 ellipse.');
    });
    // Each sees who else is on the board.
    await visible(board(host).getByText(candidate.name));
    await eventually(async () => {
      const stored = [...(await storedBoard()).values()].filter((element) => !element.isDeleted);
      expect(stored.map((element) => element.type).sort()).toEqual(['ellipse', 'rectangle']);
    });
    await docScreenshots(host, 'room-board-interviewer', { widths: [1280] });
    await docScreenshots(guest, 'room-board-candidate', { widths: [1280] });
  });

  it('keeps the board when the candidate switches to the pad and back', async () => {
    await guest.getByRole('button', { name: 'Code' }).click();
    await visible(guest.getByRole('textbox', { name: 'Code pad' }));
    await drawShape(host, 'd', [80, 330], [170, 410]);
    await writeText(host, [420, 120], 'API gateway');
    await guest.getByRole('button', { name: 'Board', exact: true }).click();
    await eventually(async () =>
      expect(await described(guest)).toBe(
        'On the board: 1 box, 1 diamond, 1 ellipse, 1 text. Text: “API gateway”.',
      ),
    );
  });

  it('keeps a stroke under the pointer after the page scrolls', async () => {
    const boxesIn = async () =>
      [...(await storedBoard()).values()].filter(
        (element) => element.type === 'rectangle' && !element.isDeleted,
      );
    const drawn = async (before: number) => {
      await eventually(async () => expect(await boxesIn()).toHaveLength(before + 1));
      return (await boxesIn()).sort((a, b) => (a.updated ?? 0) - (b.updated ?? 0)).at(-1);
    };
    const count = (await boxesIn()).length;
    // In view first, and settled: the board follows a scroll a moment after it ends.
    await board(host).locator('canvas.interactive').scrollIntoViewIfNeeded();
    await host.waitForTimeout(400);
    await drawShape(host, 'r', [560, 60], [620, 110]);
    const first = await drawn(count);
    // Scrolled a little, the canvas still in view, and drawn with no click that could scroll
    // again: the same spot of the canvas is the same spot of the board, which it is not if the
    // board kept its offsets from before the scroll.
    const scrolled = await host.evaluate(() => window.scrollY);
    await host.evaluate(() => window.scrollBy(0, -60));
    await host.waitForTimeout(400);
    expect(await host.evaluate(() => window.scrollY)).toBe(Math.max(0, scrolled - 60));
    await drag(host, 'r', [560, 60], [620, 110]);
    await host.keyboard.press('Escape');
    const second = await drawn(count + 1);
    expect(Math.abs((second?.y ?? 0) - (first?.y ?? 0))).toBeLessThan(3);
    // Both taken away again, so the board the later tests read is the one they drew.
    await host.evaluate((back) => window.scrollTo(0, back), scrolled);
    await host.waitForTimeout(400);
    await drag(host, 'v', [540, 40], [640, 130]);
    await host.keyboard.press('Delete');
    await eventually(async () => expect(await boxesIn()).toHaveLength(count));
  });

  it('loads every font it draws with from our own origin', async () => {
    // The text was drawn in Excalidraw's hand-written face, from our copy of its fonts.
    expect(fonts.some((url) => url.startsWith(`${product.url}/assets/excalidraw/fonts/`))).toBe(
      true,
    );
    expect(fonts.filter((url) => !url.startsWith(`${product.url}/assets/`))).toEqual([]);
  });

  it('downloads the board as a PNG and as an SVG', async () => {
    const png = await downloaded(guest, 'Download PNG');
    expect(png.name).toBe(`signal-room-board-${sessionId}.png`);
    expect(png.body.subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    expect(png.body.length).toBeGreaterThan(10_000);

    const svg = await downloaded(guest, 'Download SVG');
    expect(svg.name).toBe(`signal-room-board-${sessionId}.svg`);
    const text = svg.body.toString('utf8');
    expect(text.startsWith('<svg')).toBe(true);
    expect(text).toContain('API gateway');
    // Excalidraw draws its shapes as hand-drawn paths.
    expect(text.match(/<path/g)?.length).toBeGreaterThanOrEqual(3);
    // Nothing in it is fetched from anywhere when it is opened: not even our own fonts.
    expect(text).not.toContain('url(');
  });
});

describe('the requirements sheet', () => {
  const field = (page: Page, label: string): Locator =>
    page.getByRole('region', { name: 'Requirements sheet' }).getByRole('textbox', { name: label });

  it('takes requirements from both people at once and shows both the same sheet', async () => {
    for (const page of [host, guest]) {
      await page.getByRole('button', { name: 'Sheet', exact: true }).click();
      await visible(page.getByText('0 of 8 sections written'));
    }
    await Promise.all([
      field(guest, 'Functional requirements').pressSequentially('Count every API call per tenant'),
      field(host, 'Constraints and scale').pressSequentially('50k calls/s at peak'),
    ]);
    // The candidate adds to the line the interviewer wrote.
    await field(guest, 'Constraints and scale').click();
    await guest.keyboard.press('End');
    await guest.keyboard.type('; 90 days kept');
    for (const page of [host, guest]) {
      await eventually(async () => {
        expect(await field(page, 'Functional requirements').inputValue()).toBe(
          'Count every API call per tenant',
        );
        expect(await field(page, 'Constraints and scale').inputValue()).toBe(
          '50k calls/s at peak; 90 days kept',
        );
      });
      await visible(page.getByText('2 of 8 sections written'));
    }
    await docScreenshots(guest, 'room-sheet-candidate', { fullPage: false, widths: [1280] });
    for (const page of [host, guest]) {
      await page.getByRole('button', { name: 'Board', exact: true }).click();
    }
  });
});

describe('evidence on the board', () => {
  it('points the interviewer’s note at the shapes selected on the board', async () => {
    // A box dragged around the diamond selects it, and it alone.
    await board(host)
      .locator('canvas.interactive')
      .click({ position: { x: 5, y: 5 } });
    await drag(host, 'v', [60, 315], [190, 425]);
    await host.keyboard.press('Alt+N');
    await visible(host.getByText('On 1 shape on the board'));
    const note = host.getByRole('textbox', { name: 'What did the candidate do?' });
    await note.pressSequentially('Put the queue in front of the writer');
    await host.keyboard.press('Alt+3');
    await host.keyboard.press('Enter');
    await visible(host.getByText(/on 1 shape on the board, at/));
  });

  it('opens the board replay from the note in the feedback, that shape selected', async () => {
    await endAndRelease(host);

    await guest.goto(`/sessions/${sessionId}/feedback`);
    const note = guest.getByRole('listitem').filter({ hasText: 'Put the queue' });
    await note.getByRole('link', { name: /^Replay at \d+:\d\d, on 1 shape on the board$/ }).click();
    await guest.waitForURL(`**/history/${sessionId}?at=*&elements=*`);
    const replay = guest.getByRole('region', { name: 'Replay of the board' });
    await visible(replay.getByText('Selected: the shape the note points at'));
    // The note was taken after the diamond was drawn, and before nothing else.
    await eventually(async () =>
      expect(await replay.locator('[aria-live="polite"]').innerText()).toContain('1 diamond'),
    );
    await docScreenshots(guest, 'timeline-board-note', { fullPage: false, widths: [1280] });
  });
});

describe('the sheet in the feedback', () => {
  it('shows the candidate what was written and names the sections never written down', async () => {
    await guest.goto(`/sessions/${sessionId}/feedback`);
    const sheet = guest.getByRole('region', { name: 'Requirements sheet' });
    await visible(
      sheet.getByText(
        'Never written down: Non-goals, Assumptions, API, Data model, Failure and risks, Rollout.',
      ),
    );
    await visible(sheet.getByText('50k calls/s at peak; 90 days kept'));
  });
});

describe('the board in the timeline', () => {
  it('replays the board beside the pad, drawing by drawing, to the end', async () => {
    await host.goto(`/history/${sessionId}`);
    const replay = host.getByRole('region', { name: 'Replay of the board' });
    await visible(replay);
    const moment = host.getByRole('slider', { name: 'Moment' });
    const end = await moment.getAttribute('max');
    await moment.fill(end ?? '0');
    await eventually(async () =>
      expect(await replay.locator('[aria-live="polite"]').innerText()).toBe(
        'On the board: 1 box, 1 diamond, 1 ellipse, 1 text. Text: “API gateway”.',
      ),
    );
    await visible(
      replay.getByRole('list', { name: 'Who drew on the board' }).getByText(/Cora Board/),
    );
    await docScreenshots(host, 'timeline-board-replay', { widths: [1280] });
  });
});
