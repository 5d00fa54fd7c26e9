import { defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import type { Extension, Range } from '@codemirror/state';
import { Compartment, EditorState, StateEffect, StateField } from '@codemirror/state';
import type { DecorationSet } from '@codemirror/view';
import { Decoration, EditorView, highlightSpecialChars, lineNumbers } from '@codemirror/view';
import { USER_COLORS, selectionTint } from '@signal-room/domain';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { LineRange } from '../code-pad';
import { editorTheme } from '../editor-theme';
import { cspNonce, useLanguageSupport } from '../language-support';
import { languageFor } from '../languages';
import { userColorIndex } from '../user-color';
import type { ReplayUpdate } from './pad-replay';
import { PadReplay } from './pad-replay';
import styles from './pad-replay-view.module.css';

export interface PadReplayViewProps {
  /** The pad's stored updates, in the order they were stored. */
  updates: readonly ReplayUpdate[];
  /** How many of them are in at the moment shown. */
  count: number;
  /** The lines a note points at, highlighted. */
  highlight: LineRange | null;
}

/** What the latest step typed, tinted in its author's colour. */
interface Typed {
  from: number;
  to: number;
  colorIndex: number;
}

const setHighlight = StateEffect.define<LineRange | null>();
const setTyped = StateEffect.define<Typed | null>();

const anchoredLine = Decoration.line({ class: 'cm-replay-anchored' });
const typedMarks = USER_COLORS.map((_, index) =>
  Decoration.mark({ class: `cm-replay-typed cm-replay-typed-${index}` }),
);

function decorate(state: EditorState, highlight: LineRange | null, typed: Typed | null) {
  const ranges: Range<Decoration>[] = [];
  if (highlight) {
    const last = Math.min(highlight.to, state.doc.lines);
    for (let line = Math.max(1, highlight.from); line <= last; line += 1) {
      ranges.push(anchoredLine.range(state.doc.line(line).from));
    }
  }
  const mark = typed && typedMarks[typed.colorIndex];
  if (typed && mark && typed.to > typed.from && typed.to <= state.doc.length) {
    ranges.push(mark.range(typed.from, typed.to));
  }
  return Decoration.set(ranges, true);
}

/** The highlighted lines and the latest typing, kept as the text changes under them. */
const replayMarks = StateField.define<{
  highlight: LineRange | null;
  typed: Typed | null;
  set: DecorationSet;
}>({
  create: () => ({ highlight: null, typed: null, set: Decoration.none }),
  update(value, transaction) {
    let { highlight, typed } = value;
    for (const effect of transaction.effects) {
      if (effect.is(setHighlight)) highlight = effect.value;
      if (effect.is(setTyped)) typed = effect.value;
    }
    if (highlight === value.highlight && typed === value.typed && !transaction.docChanged) {
      return value;
    }
    return { highlight, typed, set: decorate(transaction.state, highlight, typed) };
  },
  provide: (field) => EditorView.decorations.from(field, (value) => value.set),
});

// Classes, not style attributes: the page's policy refuses inline styles the editor would write.
const replayTheme = EditorView.theme({
  '.cm-replay-anchored': {
    backgroundColor: 'var(--color-accent-soft)',
    boxShadow: 'inset 3px 0 0 var(--color-accent)',
  },
  '.cm-replay-typed': { borderRadius: '2px' },
  ...Object.fromEntries(
    USER_COLORS.map((color, index) => [
      `.cm-replay-typed-${index}`,
      { backgroundColor: selectionTint(color), boxShadow: `0 1px 0 ${color}` },
    ]),
  ),
});

const languageSlot = new Compartment();

/** Only a short step forward is shown as typing; a jump would tint half the pad. */
const TYPED_STEP_LIMIT = 40;

/** The one change that turns `before` into `after`: the text between their common ends. */
function changeBetween(before: string, after: string) {
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start += 1;
  let end = 0;
  while (
    end < shorter - start &&
    before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)
  ) {
    end += 1;
  }
  return { from: start, to: before.length - end, insert: after.slice(start, after.length - end) };
}

/**
 * The pad as it stood at one moment of the round, read only: the text, its language, the lines a
 * note points at and what was just typed, in the typist's colour.
 */
export function PadReplayView({ updates, count, highlight }: PadReplayViewProps) {
  const replay = useMemo(() => new PadReplay(updates), [updates]);
  const frame = useMemo(() => replay.frameAt(count), [replay, count]);
  const parent = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<EditorView | null>(null);
  // What the editor shows; null until its first frame, which is a moment opened, not typing.
  const shown = useRef<{ count: number } | null>(null);

  useEffect(() => {
    const extensions: Extension[] = [
      lineNumbers(),
      highlightSpecialChars(),
      syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
      EditorState.readOnly.of(true),
      EditorView.editable.of(false),
      EditorView.contentAttributes.of({ 'aria-label': 'Code pad at this moment' }),
      EditorView.cspNonce.of(cspNonce()),
      languageSlot.of([]),
      replayMarks,
      editorTheme,
      replayTheme,
    ];
    const editor = new EditorView({
      parent: parent.current ?? undefined,
      state: EditorState.create({ extensions }),
    });
    shown.current = null;
    setView(editor);
    return () => {
      editor.destroy();
      setView(null);
    };
  }, [replay]);

  useEffect(() => {
    if (!view) return;
    const change = changeBetween(view.state.doc.toString(), frame.text);
    const step = shown.current === null ? 0 : frame.count - shown.current.count;
    const author = updates[frame.count - 1]?.authorId;
    const typed =
      author !== undefined && step > 0 && step <= TYPED_STEP_LIMIT && change.insert.length > 0
        ? {
            from: change.from,
            to: change.from + change.insert.length,
            colorIndex: userColorIndex(author),
          }
        : null;
    shown.current = { count: frame.count };
    view.dispatch({
      changes: change.from === change.to && change.insert === '' ? undefined : change,
      effects: [setTyped.of(typed), ...(typed ? [EditorView.scrollIntoView(typed.to)] : [])],
    });
  }, [view, frame, updates]);

  useEffect(() => {
    if (!view) return;
    view.dispatch({ effects: setHighlight.of(highlight) });
    if (highlight && highlight.from <= view.state.doc.lines) {
      const line = view.state.doc.line(Math.max(1, highlight.from));
      view.dispatch({ effects: EditorView.scrollIntoView(line.from, { y: 'center' }) });
    }
  }, [view, highlight]);

  const language = languageFor(frame.language);
  const failed = useLanguageSupport(view, language, languageSlot);
  return (
    <div className={styles.replay}>
      <div ref={parent} className={styles.editor} />
      {failed && (
        <p className={styles.note} role="status">
          Highlighting for {language.label} did not load. The code itself is unaffected.
        </p>
      )}
    </div>
  );
}
