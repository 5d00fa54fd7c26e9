import type { Extension } from '@codemirror/state';
import type { PadLanguage } from '@signal-room/domain';
import { PAD_LANGUAGE_LABELS } from '@signal-room/domain';

interface LanguageSpec {
  id: PadLanguage;
  label: string;
  /** Without the dot, for a file exported from the pad. */
  fileExtension: string;
  /** Each mode is its own chunk, fetched only when someone picks that language. */
  load: () => Promise<Extension>;
}

/** The domain's pad languages (PAD_LANGUAGES), in the order the picker lists them. */
export const LANGUAGES = [
  {
    id: 'javascript',
    label: PAD_LANGUAGE_LABELS.javascript,
    fileExtension: 'js',
    load: () => import('@codemirror/lang-javascript').then(({ javascript }) => javascript()),
  },
  {
    id: 'typescript',
    label: PAD_LANGUAGE_LABELS.typescript,
    fileExtension: 'ts',
    load: () =>
      import('@codemirror/lang-javascript').then(({ javascript }) =>
        javascript({ typescript: true }),
      ),
  },
  {
    id: 'python',
    label: PAD_LANGUAGE_LABELS.python,
    fileExtension: 'py',
    load: () => import('@codemirror/lang-python').then(({ python }) => python()),
  },
  {
    id: 'java',
    label: PAD_LANGUAGE_LABELS.java,
    fileExtension: 'java',
    load: () => import('@codemirror/lang-java').then(({ java }) => java()),
  },
  {
    id: 'go',
    label: PAD_LANGUAGE_LABELS.go,
    fileExtension: 'go',
    load: () => import('@codemirror/lang-go').then(({ go }) => go()),
  },
  {
    id: 'cpp',
    label: PAD_LANGUAGE_LABELS.cpp,
    fileExtension: 'cpp',
    load: () => import('@codemirror/lang-cpp').then(({ cpp }) => cpp()),
  },
  {
    id: 'sql',
    label: PAD_LANGUAGE_LABELS.sql,
    fileExtension: 'sql',
    load: () => import('@codemirror/lang-sql').then(({ sql }) => sql()),
  },
  {
    id: 'text',
    label: PAD_LANGUAGE_LABELS.text,
    fileExtension: 'txt',
    load: () => Promise.resolve([]),
  },
] as const satisfies readonly LanguageSpec[];

export type Language = (typeof LANGUAGES)[number];
export type LanguageId = Language['id'];

const PLAIN_TEXT = LANGUAGES[LANGUAGES.length - 1];

/**
 * The language for a stored value. Anything unknown reads as plain text: the value comes from a
 * shared document, which a peer on another version of the app may have written.
 */
export function languageFor(value: unknown): Language {
  return LANGUAGES.find((language) => language.id === value) ?? PLAIN_TEXT;
}
