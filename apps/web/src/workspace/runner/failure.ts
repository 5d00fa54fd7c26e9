import type { RunStatus } from './run-result';

type Failure = Extract<RunStatus, 'error' | 'timeout' | 'memory'>;

/** An error as QuickJS dumps it out of the VM: usually an Error's fields, sometimes anything. */
export interface DumpedError {
  name?: unknown;
  message?: unknown;
  stack?: unknown;
}

/**
 * Why QuickJS stopped: its interrupt handler ends a run past the deadline with "interrupted",
 * and its allocator past the memory limit with "out of memory", both as InternalError.
 */
export function quickJSFailure(error: DumpedError): Failure {
  if (error.name !== 'InternalError') return 'error';
  if (error.message === 'interrupted') return 'timeout';
  if (error.message === 'out of memory') return 'memory';
  return 'error';
}

/** The text a thrown value leaves in the output: name, message and the VM's stack. */
export function quickJSErrorText(error: unknown): string {
  if (typeof error !== 'object' || error === null) return `Uncaught ${String(error)}\n`;
  const { name, message, stack } = error as DumpedError;
  const head = `${String(name ?? 'Error')}: ${String(message ?? '')}`;
  return typeof stack === 'string' && stack ? `${head}\n${stack}` : `${head}\n`;
}

/** Python's own MemoryError is what our heap ceiling turns into (see python-worker.ts). */
export const pythonFailure = (errorType: string): Failure =>
  errorType === 'MemoryError' ? 'memory' : 'error';

/**
 * A traceback without the frames of Pyodide's own evaluation code above the candidate's, which
 * name files the candidate never wrote.
 */
export function pythonTraceback(message: string): string {
  const lines = message.split('\n');
  const own = lines.findIndex((line) => line.includes('File "<exec>"'));
  if (own <= 0 || !lines[0]?.startsWith('Traceback')) return message;
  return [lines[0], ...lines.slice(own)].join('\n');
}
