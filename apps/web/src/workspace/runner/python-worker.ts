import { loadPyodide } from 'pyodide';
import createPyodideModule from 'pyodide/pyodide.asm.mjs';
import type { WorkerRequest } from './messages';
import { pythonFailure, pythonTraceback } from './failure';
import { onRequest, outputWriter, reply } from './worker-scope';
import type { OutputWriter } from './worker-scope';

type PyodideAPI = Awaited<ReturnType<typeof loadPyodide>>;

/**
 * Where Pyodide believes its files are. Nothing is fetched from here: the fetch below answers
 * these names from the bytes the page sent, and the frame's CSP refuses every other request.
 */
const FILES_ROOT = 'file:///pyodide/';

const contentTypeOf = (name: string) =>
  name.endsWith('.wasm') ? 'application/wasm' : 'application/octet-stream';

function serveFiles(files: Record<string, ArrayBuffer>): void {
  const network = globalThis.fetch.bind(globalThis);
  globalThis.fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const bytes = url.startsWith(FILES_ROOT) ? files[url.slice(FILES_ROOT.length)] : undefined;
    if (!bytes) return network(input, init);
    const headers = { 'Content-Type': contentTypeOf(url) };
    return Promise.resolve(new Response(bytes, { headers }));
  };
}

// Pyodide's heap is one WebAssembly memory that only grows. Refusing to grow it past the
// ceiling makes malloc fail inside Python, which raises MemoryError in the candidate's code
// instead of the tab running out of memory.
let ceilingBytes = Infinity;
const grow = WebAssembly.Memory.prototype.grow;
WebAssembly.Memory.prototype.grow = function (this: WebAssembly.Memory, pages: number) {
  if (this.buffer.byteLength + pages * 65_536 > ceilingBytes) {
    throw new RangeError('past the memory limit of this run');
  }
  return grow.call(this, pages);
};

/** The heap's size once Python is up: the memory limit counts from here. */
const heapBytes = (pyodide: PyodideAPI) =>
  (pyodide as unknown as { _module: { HEAP8: Int8Array } })._module.HEAP8.buffer.byteLength;

let python: Promise<{ pyodide: PyodideAPI; loadedBytes: number }> | undefined;

// Pyodide refuses a classic worker, which it detects by importScripts of a data: URL working.
// Here the frame's CSP refuses that import, so it goes on; it never imports anything itself,
// as createPyodideModule is handed over below.
async function load(files: Record<string, ArrayBuffer>) {
  serveFiles(files);
  const lock = files['pyodide-lock.json'];
  const pyodide = await loadPyodide({
    indexURL: FILES_ROOT,
    // Given explicitly, so Pyodide has no reason to derive a CDN address for packages.
    packageBaseUrl: FILES_ROOT,
    lockFileContents: lock ? new TextDecoder().decode(lock) : undefined,
    createPyodideModule,
  });
  return { pyodide, loadedBytes: heapBytes(pyodide) };
}

/** Python's writes, decoded as they come, so a character split across writes survives. */
function writerTo(out: OutputWriter) {
  const decoder = new TextDecoder();
  return {
    write(buffer: Uint8Array) {
      out.write(decoder.decode(buffer, { stream: true }));
      return buffer.length;
    },
  };
}

function run(
  { pyodide, loadedBytes }: { pyodide: PyodideAPI; loadedBytes: number },
  request: Extract<WorkerRequest, { type: 'run' }>,
): void {
  const out = outputWriter();
  pyodide.setStdout(writerTo(out));
  pyodide.setStderr(writerTo(out));
  // Fresh globals per run, named as a script's are, so `if __name__ == "__main__":` runs.
  const globals = pyodide.toPy({ __name__: '__main__' });
  ceilingBytes = loadedBytes + request.memoryLimitBytes;
  reply({ type: 'started' });
  const startedAt = performance.now();
  let status: 'ok' | ReturnType<typeof pythonFailure> = 'ok';
  try {
    pyodide.runPython(request.code, { globals });
  } catch (error) {
    const { type, message } = error as { type?: string; message?: string };
    status = pythonFailure(type ?? '');
    out.write(pythonTraceback(message ?? String(error)));
  } finally {
    ceilingBytes = Infinity;
    globals.destroy();
  }
  const durationMs = performance.now() - startedAt;
  pyodide.runPython('import sys; sys.stdout.flush(); sys.stderr.flush()');
  out.flush();
  reply({ type: 'done', status, durationMs });
}

onRequest(async (request) => {
  if (request.type === 'load') {
    python = load(request.files);
    return;
  }
  if (!python) throw new Error('The Python runtime was not loaded.');
  run(await python, request);
});
