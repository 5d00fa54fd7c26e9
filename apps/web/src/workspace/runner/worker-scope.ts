import type { WorkerReply, WorkerRequest } from './messages';
import { OUTPUT_LIMIT } from './output';

// The app is typed against the DOM library; a worker's global is the little of it used here.
const scope = globalThis as unknown as {
  postMessage(message: WorkerReply): void;
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
};

export const reply = (message: WorkerReply): void => scope.postMessage(message);

/** Handles the page's requests strictly in order, each after the one before has settled. */
export function onRequest(handle: (request: WorkerRequest) => Promise<void>): void {
  let previous = Promise.resolve();
  scope.onmessage = ({ data }) => {
    previous = previous.then(() =>
      handle(data).catch((error: unknown) =>
        reply({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
      ),
    );
  };
}

export interface OutputWriter {
  write(text: string): void;
  flush(): void;
}

/**
 * Sends output in batches (a line per message would flood the page from a print in a loop)
 * and stops sending just past the page's cap, so the page can tell that it was cut.
 */
export function outputWriter(): OutputWriter {
  const BATCH_CHARS = 4096;
  const BATCH_MS = 50;
  let pending = '';
  let sent = 0;
  let lastSent = performance.now();
  const flush = () => {
    if (pending) reply({ type: 'output', text: pending });
    pending = '';
    lastSent = performance.now();
  };
  return {
    write(text) {
      const piece = text.slice(0, Math.max(0, OUTPUT_LIMIT + 1 - sent));
      sent += piece.length;
      pending += piece;
      if (pending.length >= BATCH_CHARS || performance.now() - lastSent >= BATCH_MS) flush();
    },
    flush,
  };
}
