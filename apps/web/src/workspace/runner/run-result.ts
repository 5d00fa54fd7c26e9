import type { RunnableLanguage, RunStatus } from '@signal-room/domain';

export type { RunStatus };

export interface RunLimits {
  timeLimitMs: number;
  memoryLimitBytes: number;
}

export interface RunRequest extends RunLimits {
  language: RunnableLanguage;
  code: string;
  /** Aborting it stops the run (the Stop button). */
  signal?: AbortSignal;
}

export interface RunResult {
  status: RunStatus;
  /** Standard output and standard error in the order they were written, capped. */
  output: string;
  /** From the first line of the candidate's code running; loading the runtime is not counted. */
  durationMs: number;
}

export const DEFAULT_LIMITS: RunLimits = {
  timeLimitMs: 5_000,
  memoryLimitBytes: 64 * 1024 * 1024,
};

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

/** The one line the output pane shows above the output. */
export function describeRun({ status, durationMs }: RunResult, limits: RunLimits): string {
  switch (status) {
    case 'ok':
      return `Finished in ${seconds(durationMs)}`;
    case 'error':
      return `Ended with an error after ${seconds(durationMs)}`;
    case 'timeout':
      return `Stopped after ${seconds(limits.timeLimitMs)}: time limit`;
    case 'memory':
      return `Out of memory (limit ${megabytes(limits.memoryLimitBytes)})`;
    case 'stopped':
      return `Stopped after ${seconds(durationMs)}`;
  }
}
