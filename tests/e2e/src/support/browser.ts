import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

/** Debian's Chromium; nothing is downloaded. `.ci/run` installs it with apt. */
export const CHROMIUM = '/usr/bin/chromium';

/** Screenshots kept as artifacts of the run (ignored by git). */
export const ARTIFACTS = resolve(__dirname, '../../../../test-results/e2e');

export async function launchBrowser(): Promise<Browser> {
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

/** Screenshots of the product's pages kept in the repository, for the docs and for review. */
export const DOC_SCREENSHOTS = resolve(__dirname, '../../../../docs/screenshots');

export const DOC_WIDTHS = [1280, 390] as const;

/**
 * Screenshots of the page at a desktop and a phone width, named `<name>-<width>.png`, taken from
 * the top (the whole page, or the first screen of a long one); the page is left at the first width.
 */
export async function docScreenshots(
  page: Page,
  name: string,
  { fullPage = true }: { fullPage?: boolean } = {},
): Promise<void> {
  mkdirSync(DOC_SCREENSHOTS, { recursive: true });
  const height = page.viewportSize()?.height ?? 900;
  for (const width of [...DOC_WIDTHS].reverse()) {
    await page.setViewportSize({ width, height });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: resolve(DOC_SCREENSHOTS, `${name}-${width}.png`), fullPage });
  }
}
