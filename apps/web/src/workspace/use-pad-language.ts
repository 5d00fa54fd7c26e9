import { useCallback, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import type { Language } from './languages';
import { observePadLanguage, padLanguage } from './pad-document';

/** The pad's shared language, re-rendering whenever anyone in the pad picks another. */
export function usePadLanguage(doc: Y.Doc): Language {
  const subscribe = useCallback((onChange: () => void) => observePadLanguage(doc, onChange), [doc]);
  return useSyncExternalStore(subscribe, () => padLanguage(doc));
}
