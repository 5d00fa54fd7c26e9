import { DOCUMENT_CONTENT } from '@signal-room/domain';
import type * as Y from 'yjs';
import type { Language, LanguageId } from './languages';
import { languageFor } from './languages';

// The pad's shape inside its shared document; the runner, the export and the replay read the same.
const CODE = DOCUMENT_CONTENT.pad;
const SETTINGS = 'pad';
const LANGUAGE = 'language';

export const padCode = (doc: Y.Doc): Y.Text => doc.getText(CODE);

const padSettings = (doc: Y.Doc): Y.Map<unknown> => doc.getMap<unknown>(SETTINGS);

/** The language everyone in the pad sees; plain text until someone picks one. */
export const padLanguage = (doc: Y.Doc): Language => languageFor(padSettings(doc).get(LANGUAGE));

export function setPadLanguage(doc: Y.Doc, language: LanguageId): void {
  padSettings(doc).set(LANGUAGE, language);
}

export function observePadLanguage(doc: Y.Doc, onChange: () => void): () => void {
  const settings = padSettings(doc);
  const listener = (event: Y.YMapEvent<unknown>) => {
    if (event.keysChanged.has(LANGUAGE)) onChange();
  };
  settings.observe(listener);
  return () => settings.unobserve(listener);
}
