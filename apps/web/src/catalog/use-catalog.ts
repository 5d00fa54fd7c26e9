import type { CatalogResponse } from '@signal-room/protocol';
import { useCallback, useEffect, useState } from 'react';
import { ApiRequestError, getCatalog } from '../api/client';

export type CatalogState =
  | { status: 'loading' }
  | { status: 'ready'; catalog: CatalogResponse }
  | { status: 'failed'; error: ApiRequestError };

function asRequestError(error: unknown): ApiRequestError {
  if (error instanceof ApiRequestError) return error;
  return new ApiRequestError('Something went wrong while loading the catalogue.', {
    status: null,
    code: null,
    retryable: true,
  });
}

/** Loads the catalogue once per attempt; `retry` starts a new attempt. */
export function useCatalog(): { state: CatalogState; retry: () => void } {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<CatalogState>({ status: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    void getCatalog(controller.signal).then(
      (catalog) => setState({ status: 'ready', catalog }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ status: 'failed', error: asRequestError(error) });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((previous) => previous + 1);
  }, []);

  return { state, retry };
}
