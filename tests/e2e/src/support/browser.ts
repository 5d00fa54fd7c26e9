import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

/** Debian's Chromium; nothing is downloaded. `.ci/run` installs it with apt. */
export const CHROMIUM = '/usr/bin/chromium';

/** Screenshots kept as artifacts of the run (ignored by git). */
export const ARTIFACTS = resolve(__dirname, '../../../../test-results/e2e');

/**
 * What the speech-like fake microphone says: a tone in bursts, like speech with pauses (2 s on, 1 s off,
 * 2.5 s on, 0.5 s off, looped by Chromium). Chromium's own fake microphone only clicks, too
 * briefly for the voice-activity meter, which is the point of the meter.
 */
function speechLikeWav(path: string): string {
  const rate = 16_000;
  const bursts: [number, number][] = [
    [0, 2],
    [3, 5.5],
  ];
  const seconds = 6;
  const samples = new Int16Array(rate * seconds);
  for (let i = 0; i < samples.length; i += 1) {
    const t = i / rate;
    const on = bursts.some(([from, to]) => t >= from && t < to);
    samples[i] = on ? Math.round(0.3 * 32767 * Math.sin(2 * Math.PI * 220 * t)) : 0;
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + samples.byteLength, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(samples.byteLength, 40);
  writeFileSync(path, Buffer.concat([header, Buffer.from(samples.buffer)]));
  return path;
}

/** A fake microphone that speaks in bursts (speechLikeWav), for the suites that meter voice. */
export const speechLikeMicrophone = (): string => {
  mkdirSync(ARTIFACTS, { recursive: true });
  return `--use-file-for-fake-audio-capture=${speechLikeWav(resolve(ARTIFACTS, 'speech-like.wav'))}`;
};

/** Chromium's own camera and microphone (a test tone), granted without asking. */
export const FAKE_MEDIA = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

export async function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium).`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...extraArgs,
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = resolve(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Every Content-Security-Policy violation in the context's pages, as "directive: what was
 * blocked (where)". The product's pages must run under their policy without one.
 */
export async function policyViolations(context: BrowserContext): Promise<string[]> {
  const violations: string[] = [];
  await context.exposeFunction('reportPolicyViolation', (violation: string) => {
    violations.push(violation);
  });
  // Init scripts are the browser's, not the page's: the policy they are watching does not apply.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportPolicyViolation(text: string): void })
        .reportPolicyViolation;
      report(
        `${event.effectiveDirective}: ${event.blockedURI || 'inline'} (${event.sourceFile || event.documentURI}:${event.lineNumber})`,
      );
    });
  });
  return violations;
}

/**
 * What would tell a person something broke, whether or not the page shows it: console errors,
 * uncaught exceptions, failed requests, refused answers from the product at `origin`, and any
 * request to another origin.
 */
export function pageProblems(page: Page, origin: string): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  // Nothing may load from another origin (fonts, wasm, scripts): everything comes from our build.
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (['data:', 'blob:'].includes(url.protocol)) return;
    if (url.origin !== new URL(origin).origin) problems.push(`another origin: ${request.url()}`);
  });
  page.on('requestfailed', (request) => {
    // Cancelled on purpose (a page left, an effect cleaned up), not failed.
    if (request.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`failed: ${request.method()} ${request.url()} ${request.failure()?.errorText}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && response.url().startsWith(origin)) {
      problems.push(`${response.status()}: ${response.request().method()} ${response.url()}`);
    }
  });
  return problems;
}

/**
 * Pictures of the product's pages: with `UPDATE_SCREENSHOTS=1` into docs/screenshots, where they
 * are kept for the docs and for review; otherwise among the run's artifacts, so a test run
 * leaves the repository as it was.
 */
export const DOC_SCREENSHOTS = process.env['UPDATE_SCREENSHOTS']
  ? resolve(__dirname, '../../../../docs/screenshots')
  : resolve(ARTIFACTS, 'pages');

export const DOC_WIDTHS = [1280, 390] as const;

/**
 * Screenshots of the page at a desktop and a phone width, named `<name>-<width>.png`, taken from
 * the top (the whole page, or the first screen of a long one); the page is left at the size it had.
 */
export async function docScreenshots(
  page: Page,
  name: string,
  { fullPage = true, widths = DOC_WIDTHS }: { fullPage?: boolean; widths?: readonly number[] } = {},
): Promise<void> {
  mkdirSync(DOC_SCREENSHOTS, { recursive: true });
  const size = page.viewportSize() ?? { width: DOC_WIDTHS[0], height: 900 };
  for (const width of widths) {
    await page.setViewportSize({ width, height: size.height });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: resolve(DOC_SCREENSHOTS, `${name}-${width}.png`), fullPage });
  }
  await page.setViewportSize(size);
}
