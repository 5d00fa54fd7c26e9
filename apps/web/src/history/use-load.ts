import { useCallback, useEffect, useRef, useState } from 'react';

export type Loaded<T> =
  { status: 'loading' } | { status: 'done'; data: T } | { status: 'failed'; error: unknown };

interface Settled<T> {
  key: string;
  attempt: number;
  result: Loaded<T>;
}

/**
 * Runs `load` whenever `key` changes (or `retry` is called) and aborts the request it replaces.
 * A result is only shown for the key and attempt that asked for it, so a slow answer for an old
 * key can never overwrite a newer one. A null key loads nothing.
 */
export function useLoad<T>(
  key: string | null,
  load: (signal: AbortSignal) => Promise<T>,
): { loaded: Loaded<T>; retry: () => void } {
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });
  const [attempt, setAttempt] = useState(0);
  const [settled, setSettled] = useState<Settled<T> | null>(null);

  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    const settle = (result: Loaded<T>) => {
      if (!controller.signal.aborted) setSettled({ key, attempt, result });
    };
    loadRef.current(controller.signal).then(
      (data) => settle({ status: 'done', data }),
      (error: unknown) => settle({ status: 'failed', error }),
    );
    return () => controller.abort();
  }, [key, attempt]);

  const retry = useCallback(() => setAttempt((value) => value + 1), []);
  const current =
    settled !== null && settled.key === key && settled.attempt === attempt
      ? settled.result
      : ({ status: 'loading' } as const);
  return { loaded: current, retry };
}
