import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { launchBrowser, pageProblems, policyViolations } from './browser';
import { WAIT_MS } from './journey';
import type { RunningProduct } from './server';
import { startProduct } from './server';

/** An iPhone 12 to 15, the narrowest screen every page must fit. */
export const PHONE = { width: 390, height: 844 };
export const ON_A_PHONE: BrowserContextOptions = {
  viewport: PHONE,
  isMobile: true,
  hasTouch: true,
};

export interface WatchedBrowser {
  /** The product's address, once the suite has started. */
  readonly url: string;
  /** A page in a context of its own, watched from its first request. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  /**
   * What was seen on a page since the last test: for a test whose point is a refusal, to take
   * the expected one out of the list (emptying it) before the check after the test.
   */
  problemsOf(page: Page): string[];
}

/**
 * The product and a browser, started side by side. If either fails to start, the other is
 * stopped before the error is thrown: a server left running would keep Jest from ever exiting.
 */
export async function startProductAndBrowser(
  browserArgs: readonly string[] = [],
): Promise<[RunningProduct, Browser]> {
  const [product, browser] = await Promise.allSettled([startProduct(), launchBrowser(browserArgs)]);
  if (product.status === 'fulfilled' && browser.status === 'fulfilled') {
    return [product.value, browser.value];
  }
  if (product.status === 'fulfilled') await product.value.stop();
  if (browser.status === 'fulfilled') await browser.value.close();
  throw product.status === 'rejected' ? product.reason : (browser as PromiseRejectedResult).reason;
}

/**
 * A suite's product and browser, started before its tests and stopped after them. Every page it
 * opens runs under the product's Content-Security-Policy and is watched for console errors,
 * failed requests and refused answers: after each test, none may have been seen.
 */
export function watchedBrowser(browserArgs: readonly string[] = []): WatchedBrowser {
  let product: RunningProduct | undefined;
  let browser: Browser | undefined;
  const violations: string[][] = [];
  const problems = new Map<Page, string[]>();
  const started = () => {
    if (!product || !browser) throw new Error('the suite has not started its product yet');
    return { product, browser };
  };

  beforeAll(async () => {
    [product, browser] = await startProductAndBrowser(browserArgs);
  });
  afterEach(() => {
    expect(violations.flatMap((seen) => seen.splice(0))).toEqual([]);
    expect([...problems.values()].flatMap((seen) => seen.splice(0))).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  return {
    get url() {
      return started().product.url;
    },
    async newPage(options = {}) {
      const { product, browser } = started();
      const context = await browser.newContext({ baseURL: product.url, ...options });
      context.setDefaultTimeout(WAIT_MS);
      context.setDefaultNavigationTimeout(WAIT_MS);
      violations.push(await policyViolations(context));
      const page = await context.newPage();
      problems.set(page, pageProblems(page, product.url));
      return page;
    },
    problemsOf(page) {
      const seen = problems.get(page);
      if (!seen) throw new Error('that page was not opened by this suite');
      return seen;
    },
  };
}
