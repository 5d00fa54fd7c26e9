/** Languages the code pad offers, each with the name people know it by. */
export const PAD_LANGUAGES = [
  'javascript',
  'typescript',
  'python',
  'java',
  'go',
  'cpp',
  'sql',
  'text',
] as const;
export type PadLanguage = (typeof PAD_LANGUAGES)[number];

export const PAD_LANGUAGE_LABELS: Record<PadLanguage, string> = {
  javascript: 'JavaScript',
  typescript: 'TypeScript',
  python: 'Python',
  java: 'Java',
  go: 'Go',
  cpp: 'C++',
  sql: 'SQL',
  text: 'Plain text',
};

/** Of those, the ones a browser can run (QuickJS and Pyodide); the rest are written, not run. */
export const RUNNABLE_LANGUAGES = ['javascript', 'typescript', 'python'] as const;
export type RunnableLanguage = (typeof RUNNABLE_LANGUAGES)[number];

export const isRunnable = (language: string): language is RunnableLanguage =>
  (RUNNABLE_LANGUAGES as readonly string[]).includes(language);

/**
 * How a run ended: it finished, threw, ran out of time or memory, or someone pressed Stop. Code
 * runs in the browser of whoever pressed Run, so the room records what they report.
 */
export const RUN_STATUSES = ['ok', 'error', 'timeout', 'memory', 'stopped'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** How each ending reads after "the run …". */
export const RUN_STATUS_LABELS: Record<RunStatus, string> = {
  ok: 'finished',
  error: 'stopped on an error',
  timeout: 'hit the time limit',
  memory: 'ran out of memory',
  stopped: 'was stopped',
};

/**
 * What the room keeps of a run's output. Everyone in the room sees it and snapshots carry it,
 * so a run that prints a lot keeps its first part; the runner says it was cut.
 */
export const MAX_RUN_OUTPUT = 8_000;
/** Runs a room keeps; past it a person is told to carry on without recording more. */
export const MAX_RUNS = 300;

/** A run as reported by the browser that ran it. */
export interface RunReport {
  language: RunnableLanguage;
  status: RunStatus;
  output: string;
  durationMs: number;
  /** SHA-256 (hex) of the code that ran: ties the run to the pad's text at that moment. */
  codeVersion: string;
}

/** A run as the room keeps it: who ran it and when in the round. */
export interface CodeRun extends RunReport {
  id: string;
  userId: string;
  offsetMs: number;
  at: number;
}
