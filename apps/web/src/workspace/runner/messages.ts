import type { RunLimits, RunStatus } from './run-result';

/** What the page asks of a runtime worker: load once, then any number of runs, one at a time. */
export type WorkerRequest =
  | { type: 'load'; files: Record<string, ArrayBuffer> }
  | ({ type: 'run'; code: string } & RunLimits);

/** What a runtime worker answers; `failed` also stands for a worker that died or never loaded. */
export type WorkerReply =
  | { type: 'started' }
  | { type: 'output'; text: string }
  | { type: 'done'; status: Exclude<RunStatus, 'stopped'>; durationMs: number }
  | { type: 'failed'; message: string };

/**
 * What the page asks of the sandboxed frame (public/runner-frame.html), which only starts,
 * feeds and ends workers: every decision stays on this side.
 */
export type FrameRequest =
  | { type: 'spawn'; id: number; source: ArrayBuffer }
  | { type: 'post'; id: number; message: WorkerRequest; transfer: ArrayBuffer[] }
  | { type: 'terminate'; id: number };

/** A worker's message, or its error event's text, passed back by the frame. */
export interface FrameReply {
  id: number;
  message?: WorkerReply;
  error?: string;
}
