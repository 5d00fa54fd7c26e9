import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { watchedBrowser } from './support/watched';

// The code runner in the built app, in a page under the product's own CSP: JavaScript,
// TypeScript and Python run in workers inside the sandboxed frame, the limits stop what runs
// away, and candidate code reaches nothing, our API included. Nothing mounts the run panel
// until the room has its code pad, so the runner is loaded the way the panel loads it: as
// its own chunk of the build (Vite's `runner` entry), from our origin.

/** The runner's result as the web app returns it (apps/web/src/workspace/runner/run-result.ts). */
interface RunResult {
  status: 'ok' | 'error' | 'timeout' | 'memory' | 'stopped';
  output: string;
  durationMs: number;
}

interface Run {
  language: 'javascript' | 'typescript' | 'python';
  code: string;
  timeLimitMs?: number;
  memoryLimitBytes?: number;
  /** Presses Stop this long after the run is asked for. */
  stopAfterMs?: number;
}

const MB = 1024 * 1024;
const assets = resolve(__dirname, '../../../dist/apps/web/assets');
const runnerChunk = readdirSync(assets).find((name) => /^runner-[\w-]+\.js$/.test(name));

const product = watchedBrowser();
let page: Page;
const requests: string[] = [];
const responses: string[] = [];

beforeAll(async () => {
  if (!runnerChunk) throw new Error(`no runner chunk in ${assets}: build the web app first`);
  page = await product.newPage();
  page.on('request', (request) => requests.push(request.url()));
  page.on('response', (response) => responses.push(response.url()));
  await page.goto('/');
  // As text: Jest's transpiler would turn an import() in a function into a require().
  await page.evaluate(
    `import('/assets/${runnerChunk}').then((runner) => { globalThis.runner = runner; })`,
  );
});

/** The runner module, as the page imported it. */
interface Runner {
  runCode(request: object): Promise<RunResult>;
}

function run({ stopAfterMs, ...request }: Run): Promise<RunResult> {
  return page.evaluate(
    async ({ request, stopAfterMs }) => {
      const { runner } = globalThis as unknown as { runner: Runner };
      const stop = new AbortController();
      if (stopAfterMs !== undefined) setTimeout(() => stop.abort(), stopAfterMs);
      return runner.runCode({
        timeLimitMs: 5000,
        memoryLimitBytes: 64 * 1024 * 1024,
        ...request,
        signal: stop.signal,
      });
    },
    { request, stopAfterMs },
  );
}

describe('JavaScript and TypeScript, in QuickJS', () => {
  it('prints what console.log writes, in order, with promise callbacks run', async () => {
    const result = await run({
      language: 'javascript',
      code: `console.log('hello', 1 + 1, { a: [1] });
Promise.resolve().then(() => console.error('later'));
console.warn('now');`,
    });
    expect(result).toMatchObject({ status: 'ok', output: 'hello 2 {"a":[1]}\nnow\nlater\n' });
  });

  it('runs TypeScript with its types stripped', async () => {
    const result = await run({
      language: 'typescript',
      code: `interface Limit { perMinute: number }
const limit: Limit = { perMinute: 60 };
console.log(limit.perMinute as number);`,
    });
    expect(result).toMatchObject({ status: 'ok', output: '60\n' });
  });

  it('reports a thrown error with its message', async () => {
    const result = await run({ language: 'javascript', code: `throw new RangeError('too far')` });
    expect(result.status).toBe('error');
    expect(result.output).toContain('RangeError: too far');
  });

  it('stops an infinite loop at the time limit, and runs again after', async () => {
    const result = await run({
      language: 'javascript',
      code: 'while (true) {}',
      timeLimitMs: 1000,
    });
    expect(result.status).toBe('timeout');
    // Timed from the code's first line, after the runtime's start: a few ms either side of it.
    expect(result.durationMs).toBeGreaterThanOrEqual(900);
    expect(result.durationMs).toBeLessThan(2500);
    expect(await run({ language: 'javascript', code: `console.log('again')` })).toMatchObject({
      status: 'ok',
      output: 'again\n',
    });
  });

  it('stops at the memory limit', async () => {
    const result = await run({
      language: 'javascript',
      code: 'const kept = []; while (true) kept.push(new Uint8Array(MB));'.replace(
        'MB',
        String(MB),
      ),
      memoryLimitBytes: 16 * MB,
      // QuickJS polls its deadline between instructions, not inside an allocation, which is slow.
      timeLimitMs: 20_000,
    });
    expect(result.status).toBe('memory');
  });

  it('stops when Stop is pressed', async () => {
    const result = await run({ language: 'javascript', code: 'for (;;) {}', stopAfterMs: 1500 });
    expect(result.status).toBe('stopped');
  });

  it('has no fetch to call our API with', async () => {
    const result = await run({
      language: 'javascript',
      code: `fetch('${product.url}/api/health')`,
    });
    expect(result.status).toBe('error');
    expect(result.output).toContain("ReferenceError: 'fetch' is not defined");
  });
});

describe('Python, in Pyodide', () => {
  it('prints what print writes, standard error interleaved', async () => {
    const result = await run({
      language: 'python',
      code: `import sys, json
print("hello from", "python")
print("to stderr", file=sys.stderr)
print(json.dumps({"n": sum(range(10))}))
if __name__ == "__main__":
    print("main")`,
    });
    expect(result).toMatchObject({
      status: 'ok',
      output: 'hello from python\nto stderr\n{"n": 45}\nmain\n',
    });
  });

  it('reports an exception with the traceback of the candidate code only', async () => {
    const result = await run({ language: 'python', code: 'def f():\n    return 1 / 0\nf()' });
    expect(result.status).toBe('error');
    expect(result.output).toContain('ZeroDivisionError: division by zero');
    expect(result.output).not.toContain('_pyodide');
  });

  it('stops an infinite loop at the time limit, and runs again after', async () => {
    const result = await run({
      language: 'python',
      code: 'while True:\n    pass',
      timeLimitMs: 2000,
    });
    expect(result.status).toBe('timeout');
    expect(await run({ language: 'python', code: 'print("again")' })).toMatchObject({
      status: 'ok',
      output: 'again\n',
    });
  });

  it('stops at the memory limit with a MemoryError', async () => {
    const result = await run({
      language: 'python',
      code: 'kept = bytearray(200 * 1024 * 1024)',
      memoryLimitBytes: 64 * MB,
    });
    expect(result.status).toBe('memory');
    expect(result.output).toContain('MemoryError');
  });

  it('cannot reach our API', async () => {
    const before = responses.length;
    const result = await run({
      language: 'python',
      code: `from js import XMLHttpRequest
request = XMLHttpRequest.new()
request.open("GET", "${product.url}/api/health", False)
request.send()
print(request.status)`,
    });
    expect(result.status).toBe('error');
    expect(result.output).toMatch(/NetworkError|Failed to execute 'send'/);
    // Chromium reports the request it refused, when its report comes in time; the frame's CSP
    // stopped it before it left, and nothing else may have gone wrong.
    const refused = `failed: GET ${product.url}/api/health csp`;
    expect(
      product
        .problemsOf(page)
        .splice(0)
        .filter((seen) => seen !== refused),
    ).toEqual([]);
    expect(responses.slice(before).filter((url) => url.includes('/api/'))).toEqual([]);
  });
});

it('loaded every runtime from our own origin, and nothing from anywhere else', () => {
  const ours = requests.filter((url) => !url.startsWith('blob:') && !url.startsWith('data:'));
  expect(ours.filter((url) => !url.startsWith(product.url))).toEqual([]);
  for (const runtime of [
    /emscripten-module-.+\.wasm$/,
    /pyodide\.asm-.+\.wasm$/,
    /python_stdlib-.+\.zip$/,
  ]) {
    expect(ours.filter((url) => runtime.test(url))).toHaveLength(1);
  }
});
