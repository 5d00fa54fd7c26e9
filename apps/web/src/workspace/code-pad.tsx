import { closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, indentWithTab } from '@codemirror/commands';
import {
  bracketMatching,
  defaultHighlightStyle,
  indentOnInput,
  syntaxHighlighting,
} from '@codemirror/language';
import { highlightSelectionMatches, search, searchKeymap } from '@codemirror/search';
import type { Extension } from '@codemirror/state';
import { Compartment, EditorState } from '@codemirror/state';
import type { ViewUpdate } from '@codemirror/view';
import {
  EditorView,
  drawSelection,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import { useEffect, useId, useRef, useState } from 'react';
import { yCollab, yUndoManagerKeymap } from 'y-codemirror.next';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { editorTheme } from './editor-theme';
import { cspNonce, useLanguageSupport } from './language-support';
import { LANGUAGES, languageFor } from './languages';
import { padCode, setPadLanguage } from './pad-document';
import { PadPeople } from './pad-people';
import { usePadLanguage } from './use-pad-language';
import { userColor } from './user-color';
import styles from './code-pad.module.css';

/** The lines a selection covers, counted from 1, both ends included. */
export interface LineRange {
  from: number;
  to: number;
}

export interface CodePadProps {
  doc: Y.Doc;
  awareness: Awareness;
  access: 'write' | 'read';
  user: { id: string; name: string };
  /** The local selection's lines as it changes, null when nothing is selected. */
  onSelectionChange?: (lines: LineRange | null) => void;
  /** The shared code (the default), or the staff's private notes: plain text, no language. */
  kind?: 'code' | 'notes';
}

const KINDS = {
  code: { heading: 'Code', label: 'Code pad', readOnly: 'Read only — observers follow along' },
  notes: {
    heading: 'Private notes',
    label: 'Private notes',
    readOnly: 'Read only — the interviewer writes these',
  },
} as const;

// Slots reconfigured while the editor lives; a compartment is only a key, so every pad shares them.
const languageSlot = new Compartment();
const accessSlot = new Compartment();

// A read-only editor takes no focus, so only a writer is told how to leave it.
const accessExtension = (access: CodePadProps['access'], hintId: string): Extension => [
  EditorState.readOnly.of(access === 'read'),
  EditorView.editable.of(access === 'write'),
  access === 'write' ? EditorView.contentAttributes.of({ 'aria-describedby': hintId }) : [],
];

function selectedLines(state: EditorState): LineRange | null {
  const { from, to, empty } = state.selection.main;
  if (empty) return null;
  const first = state.doc.lineAt(from);
  const last = state.doc.lineAt(to);
  // Whole lines selected with Shift+Down end at the start of the next one, which is not part of it.
  const lastNumber = last.number > first.number && to === last.from ? last.number - 1 : last.number;
  return { from: first.number, to: lastNumber };
}

/**
 * The shared code pad: one Y.Text edited by everyone with write access, with each person's caret
 * and selection in their colour. Undo takes back only one's own typing.
 */
export function CodePad({
  doc,
  awareness,
  access,
  user,
  onSelectionChange,
  kind = 'code',
}: CodePadProps) {
  const text = KINDS[kind];
  const id = useId();
  const hintId = `${id}-hint`;
  const parent = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<EditorView | null>(null);
  const language = usePadLanguage(doc);

  // Read through a ref by the editor's listener, so a new callback does not rebuild the editor.
  const selectionListener = useRef(onSelectionChange);
  useEffect(() => {
    selectionListener.current = onSelectionChange;
  }, [onSelectionChange]);

  useEffect(() => {
    const code = padCode(doc);
    const undoManager = new Y.UndoManager(code);
    let lines: LineRange | null = null;
    const reportSelection = EditorView.updateListener.of((update: ViewUpdate) => {
      if (!update.selectionSet && !update.docChanged) return;
      const next = selectedLines(update.state);
      if (next?.from === lines?.from && next?.to === lines?.to) return;
      lines = next;
      selectionListener.current?.(next);
    });
    const editor = new EditorView({
      parent: parent.current ?? undefined,
      state: EditorState.create({
        doc: code.toString(),
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          highlightSpecialChars(),
          drawSelection(),
          indentOnInput(),
          bracketMatching(),
          closeBrackets(),
          highlightSelectionMatches(),
          search(),
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          // Tab indents. Escape then Tab leaves the editor, as the hint says; Ctrl+M (Shift+Alt+M on
          // a Mac) turns Tab into moving focus until pressed again.
          keymap.of([
            ...closeBracketsKeymap,
            ...defaultKeymap,
            ...searchKeymap,
            ...yUndoManagerKeymap,
            indentWithTab,
          ]),
          yCollab(code, awareness, { undoManager }),
          languageSlot.of([]),
          // Read only until the access effect says otherwise: never writable by mistake.
          accessSlot.of(accessExtension('read', hintId)),
          EditorView.contentAttributes.of({ 'aria-label': KINDS[kind].label }),
          EditorView.cspNonce.of(cspNonce()),
          editorTheme,
          reportSelection,
        ],
      }),
    });
    setView(editor);
    return () => {
      editor.destroy();
      undoManager.destroy();
      setView(null);
    };
  }, [doc, awareness, hintId, kind]);

  useEffect(() => {
    view?.dispatch({ effects: accessSlot.reconfigure(accessExtension(access, hintId)) });
  }, [view, access, hintId]);

  const failed = useLanguageSupport(view, language, languageSlot);

  const { id: userId, name } = user;
  useEffect(() => {
    awareness.setLocalStateField('user', { name, ...userColor(userId) });
  }, [awareness, userId, name]);

  return (
    <section
      className={`${styles.pad} ${kind === 'notes' ? styles.notes : ''}`}
      aria-labelledby={`${id}-heading`}
    >
      <div className={styles.toolbar}>
        <h2 id={`${id}-heading`} className={styles.heading}>
          {text.heading}
        </h2>
        {kind === 'code' && (
          <label className={styles.picker}>
            Language
            <select
              value={language.id}
              disabled={access === 'read'}
              onChange={(event) => setPadLanguage(doc, languageFor(event.target.value).id)}
            >
              {LANGUAGES.map(({ id: value, label }) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
        )}
        {kind === 'notes' && (
          <p className={styles.readOnly}>Staff only: never shown to the candidate</p>
        )}
        {access === 'read' && <p className={styles.readOnly}>{text.readOnly}</p>}
        <PadPeople awareness={awareness} />
      </div>
      <div ref={parent} className={styles.editor} />
      {failed && (
        <p className={styles.hint} role="status">
          Highlighting for {language.label} did not load. The code itself is unaffected.
        </p>
      )}
      {access === 'write' && (
        <p id={hintId} className={styles.hint}>
          Tab indents. To leave the editor, press Esc, then Tab.
        </p>
      )}
    </section>
  );
}
