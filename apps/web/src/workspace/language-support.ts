import type { Compartment } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import { useEffect, useState } from 'react';
import type { Language } from './languages';

/**
 * Loads the language's mode into the editor's `slot` whenever the language changes; answers the
 * language whose mode failed to load, if the current one did, so the editor can say so.
 */
export function useLanguageSupport(
  view: EditorView | null,
  language: Language,
  slot: Compartment,
): Language | null {
  const [failed, setFailed] = useState<Language | null>(null);
  useEffect(() => {
    if (!view) return;
    let current = true;
    language.load().then(
      (support) => {
        if (current) view.dispatch({ effects: slot.reconfigure(support) });
      },
      () => {
        if (current) setFailed(language);
      },
    );
    return () => {
      current = false;
    };
  }, [view, language, slot]);
  return failed === language ? failed : null;
}

/**
 * The page's CSP nonce, which the server writes into index.html per response: CodeMirror puts
 * its generated styles in a <style> element, which the policy admits only with it.
 */
export const cspNonce = (): string =>
  document.querySelector('meta[name="csp-nonce"]')?.getAttribute('content') ?? '';
