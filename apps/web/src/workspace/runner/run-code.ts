// The spec build checks this file too, without the app build's Vite types for ?url imports.
/// <reference types="vite/client" />
import quickjsWasmUrl from '@jitl/quickjs-wasmfile-release-sync/wasm?url';
import pyodideLockUrl from 'pyodide/pyodide-lock.json?url';
import pyodideWasmUrl from 'pyodide/pyodide.asm.wasm?url';
import pythonStdlibUrl from 'pyodide/python_stdlib.zip?url';
import type { WorkerReply } from './messages';
import { CappedOutput } from './output';
import type { RunRequest, RunResult, RunStatus } from './run-result';
import { SandboxedWorker } from './sandbox';
import { stripTypes } from './strip-types';
import javascriptWorkerUrl from './javascript-worker.ts?worker&url';
import pythonWorkerUrl from './python-worker.ts?worker&url';

/** A runtime: its worker's script and the files it loads, all hashed files of our own build. */
interface Runtime {
  workerUrl: string;
  files: Record<string, string>;
  /**
   * How long past the time limit the page waits before ending the worker. QuickJS stops
   * itself at the limit (its interrupt handler), so this is only for a stuck host call;
   * Python cannot be interrupted without shared memory, so its worker is ended at the limit.
   */
  graceMs: number;
}

const RUNTIMES = {
  javascript: { workerUrl: javascriptWorkerUrl, files: { wasm: quickjsWasmUrl }, graceMs: 1000 },
  python: {
    workerUrl: pythonWorkerUrl,
    // The names pyodide asks for under its index URL (see python-worker.ts).
    files: {
      'pyodide.asm.wasm': pyodideWasmUrl,
      'python_stdlib.zip': pythonStdlibUrl,
      'pyodide-lock.json': pyodideLockUrl,
    },
    graceMs: 0,
  },
} satisfies Record<string, Runtime>;

/** Each file once per page; a failed fetch is forgotten so the next run tries again. */
const fetched = new Map<string, Promise<ArrayBuffer>>();
function bytesOf(url: string): Promise<ArrayBuffer> {
  let bytes = fetched.get(url);
  if (!bytes) {
    bytes = fetch(url).then((response) => {
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
      return response.arrayBuffer();
    });
    bytes.catch(() => fetched.delete(url));
    fetched.set(url, bytes);
  }
  return bytes;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** One language's worker, kept between runs, replaced after one is ended from outside. */
class LanguageRunner {
  private worker: Promise<SandboxedWorker> | undefined;
  private listener: ((reply: WorkerReply) => void) | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly runtime: Runtime) {}

  run(request: RunRequest): Promise<RunResult> {
    const result = this.queue.then(() => this.runNow(request));
    this.queue = result;
    return result;
  }

  private started(): Promise<SandboxedWorker> {
    this.worker ??= (async () => {
      const names = Object.keys(this.runtime.files);
      const [source, ...files] = await Promise.all([
        bytesOf(this.runtime.workerUrl),
        ...Object.values(this.runtime.files).map(bytesOf),
      ]);
      const worker = await SandboxedWorker.start(source ?? new ArrayBuffer(0), (reply) =>
        this.listener?.(reply),
      );
      // Copies, sent away: the page keeps its own for the next worker.
      const copies = files.map((bytes) => bytes.slice(0));
      const named = Object.fromEntries(names.map((name, index) => [name, copies[index]]));
      worker.post({ type: 'load', files: named as Record<string, ArrayBuffer> }, copies);
      return worker;
    })();
    return this.worker;
  }

  /** Ends the worker, whatever it is doing; the next run starts a fresh one. */
  private retire(): void {
    const worker = this.worker;
    this.worker = undefined;
    worker?.then(
      (started) => started.terminate(),
      () => undefined,
    );
  }

  private runNow({ code, timeLimitMs, memoryLimitBytes, signal }: RunRequest): Promise<RunResult> {
    const output = new CappedOutput();
    if (signal?.aborted) return Promise.resolve({ status: 'stopped', output: '', durationMs: 0 });
    return new Promise((resolve) => {
      let startedAt: number | undefined;
      let hardStop: ReturnType<typeof setTimeout> | undefined;
      let settled = false;
      const elapsed = () => (startedAt === undefined ? 0 : performance.now() - startedAt);
      const finish = (status: RunStatus, durationMs: number, retire: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(hardStop);
        signal?.removeEventListener('abort', onAbort);
        this.listener = undefined;
        if (retire) this.retire();
        resolve({ status, output: output.toString(), durationMs: Math.round(durationMs) });
      };
      const onAbort = () => finish('stopped', elapsed(), true);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.listener = (reply) => {
        switch (reply.type) {
          case 'started':
            startedAt = performance.now();
            hardStop = setTimeout(
              () => finish('timeout', elapsed(), true),
              timeLimitMs + this.runtime.graceMs,
            );
            return;
          case 'output':
            output.append(reply.text);
            return;
          case 'done':
            // Python's heap never shrinks: after a run that hit the ceiling, start clean.
            finish(reply.status, reply.durationMs, reply.status === 'memory');
            return;
          case 'failed':
            output.append(`The runner stopped: ${reply.message}\n`);
            finish('error', elapsed(), true);
            return;
        }
      };
      this.started().then(
        (worker) => {
          if (!settled) worker.post({ type: 'run', code, timeLimitMs, memoryLimitBytes });
        },
        (error: unknown) => {
          output.append(`The runner could not load: ${messageOf(error)}\n`);
          finish('error', 0, true);
        },
      );
    });
  }
}

const runners = new Map<keyof typeof RUNTIMES, LanguageRunner>();
const runnerFor = (runtime: keyof typeof RUNTIMES): LanguageRunner => {
  let runner = runners.get(runtime);
  if (!runner) {
    runner = new LanguageRunner(RUNTIMES[runtime]);
    runners.set(runtime, runner);
  }
  return runner;
};

/**
 * Runs the candidate's code in a worker inside a sandboxed frame, never on the server. Each
 * runtime is fetched from our own origin on its language's first run and kept for the page.
 */
export async function runCode(request: RunRequest): Promise<RunResult> {
  if (request.language !== 'typescript') return runnerFor(request.language).run(request);
  const stripped = await stripTypes(request.code);
  if ('error' in stripped) {
    const output = new CappedOutput();
    output.append(stripped.error);
    return { status: 'error', output: output.toString(), durationMs: 0 };
  }
  return runnerFor('javascript').run({ ...request, code: stripped.code });
}
