import type { Browser } from 'playwright-core';
import { policyViolations } from './support/browser';
import { WAIT_MS, eventually, visible } from './support/journey';
import type { RunningProduct } from './support/server';
import { startProductAndBrowser } from './support/watched';

// The API's documentation page is Swagger UI, under a policy of its own (one inline script
// admitted by its hash, data: icons): it must draw the whole document with nothing blocked.

let product: RunningProduct;
let browser: Browser;

beforeAll(async () => {
  [product, browser] = await startProductAndBrowser();
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

describe('the API documentation page', () => {
  it('draws every documented operation under its Content-Security-Policy', async () => {
    const document = (await (await fetch(`${product.url}/api/docs/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const operations = Object.values(document.paths).flatMap(Object.keys).length;
    const context = await browser.newContext({ baseURL: product.url });
    context.setDefaultTimeout(WAIT_MS);
    const violations = await policyViolations(context);
    const page = await context.newPage();
    try {
      await page.goto('/api/docs');
      await visible(page.locator('.info .title', { hasText: 'Signal Room API' }));
      await eventually(async () => expect(await page.locator('.opblock').count()).toBe(operations));
    } finally {
      // A blocked script leaves an empty page: the violation says why.
      expect(violations).toEqual([]);
    }
  });
});
