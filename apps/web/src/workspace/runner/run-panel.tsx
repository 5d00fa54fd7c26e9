import { useEffect, useId, useRef, useState } from 'react';
import type { RunLimits, RunResult } from './run-result';
import { isRunnable } from '@signal-room/domain';
import { DEFAULT_LIMITS, describeRun } from './run-result';
import styles from './run-panel.module.css';

interface RunPanelProps {
  language: string;
  getCode: () => string;
  /** Each finished run, with the code exactly as it ran (the pad may have moved on since). */
  onRun?: (result: RunResult & { language: string; code: string }) => void;
  limits?: RunLimits;
}

type PanelState = { phase: 'idle' } | { phase: 'running' } | { phase: 'ended'; result: RunResult };

/**
 * Run and Stop for the pad's code, with what it printed. The runner and its runtimes are
 * fetched on the first Run, never with the page.
 */
export function RunPanel({ language, getCode, onRun, limits = DEFAULT_LIMITS }: RunPanelProps) {
  const id = useId();
  const [state, setState] = useState<PanelState>({ phase: 'idle' });
  const stop = useRef<AbortController | null>(null);
  const runnable = isRunnable(language);

  // Leaving the page stops a run in progress rather than leaving its worker spinning.
  useEffect(() => () => stop.current?.abort(), []);

  const run = async () => {
    if (!isRunnable(language)) return;
    const controller = new AbortController();
    stop.current = controller;
    setState({ phase: 'running' });
    const { runCode } = await import('./run-code');
    const code = getCode();
    const result = await runCode({
      language,
      code,
      ...limits,
      signal: controller.signal,
    });
    stop.current = null;
    setState({ phase: 'ended', result });
    onRun?.({ ...result, language, code });
  };

  const status =
    state.phase === 'running'
      ? 'Running…'
      : state.phase === 'ended'
        ? describeRun(state.result, limits)
        : '';

  return (
    <section className={styles.panel} aria-labelledby={`${id}-heading`}>
      <div className={styles.bar}>
        <h2 id={`${id}-heading`} className={styles.heading}>
          Output
        </h2>
        {state.phase === 'running' ? (
          <button type="button" className="button" onClick={() => stop.current?.abort()}>
            Stop
          </button>
        ) : (
          <button
            type="button"
            className="button button--primary"
            disabled={!runnable}
            aria-describedby={runnable ? undefined : `${id}-why`}
            onClick={() => void run()}
          >
            Run
          </button>
        )}
      </div>
      {!runnable && (
        <p id={`${id}-why`} className="muted">
          Runs in the browser for JavaScript, TypeScript and Python.
        </p>
      )}
      <p className={styles.status} role="status" aria-live="polite">
        {status}
      </p>
      {state.phase === 'ended' && (
        <pre className={styles.output} tabIndex={0} aria-label="Output of the last run">
          {state.result.output || 'Nothing was printed.'}
        </pre>
      )}
    </section>
  );
}
