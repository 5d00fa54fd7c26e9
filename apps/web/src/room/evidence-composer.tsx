import type {
  EvidenceAnchor,
  Polarity,
  RoundType,
  Score,
  SignalId,
  TimerState,
} from '@signal-room/domain';
import {
  POLARITIES,
  SCORE_LABELS,
  SCORES,
  SIGNAL_IDS,
  describeAnchor,
  elapsedAt,
  formatOffset,
  layerOf,
  signalById,
} from '@signal-room/domain';
import type { KeyboardEvent } from 'react';
import { useEffect, useId, useRef, useState } from 'react';
import { LayerMark } from '../catalog/layer-mark';
import { NoteField } from './note-field';
import type { RoomActions } from './room-actions';
import styles from './evidence-composer.module.css';

const POLARITY_KEYS: Record<Polarity, { code: string; label: string; word: string }> = {
  strong: { code: 'KeyS', label: 'Alt+S', word: 'Strong' },
  weak: { code: 'KeyW', label: 'Alt+W', word: 'Weak' },
};

/**
 * The signal an Alt+digit chord picks, or null. It reads the physical key (event.code) first,
 * because on a Mac Option+1 types "¡" and event.key no longer says which digit was pressed.
 */
function signalForChord(event: KeyboardEvent): SignalId | null {
  const digit = /^(?:Digit|Numpad)([1-7])$/.exec(event.code)?.[1] ?? /^[1-7]$/.exec(event.key)?.[0];
  return digit ? SIGNAL_IDS[Number(digit) - 1] : null;
}

/**
 * The score an Alt+Shift+digit chord gives, or null. Only the physical key tells: with Shift
 * held, event.key is the digit's symbol ("!", "@", … or another on other layouts).
 */
function scoreForChord(event: KeyboardEvent): Score | null {
  const digit = Number(/^(?:Digit|Numpad)([1-5])$/.exec(event.code)?.[1]);
  return SCORES.find((score) => score === digit) ?? null;
}

function polarityForChord(event: KeyboardEvent): Polarity | null {
  for (const polarity of POLARITIES) {
    const { code } = POLARITY_KEYS[polarity];
    if (event.code === code || event.key.toLowerCase() === code.slice(3).toLowerCase()) {
      return polarity;
    }
  }
  return null;
}

const NOT_TEXT = ['button', 'checkbox', 'color', 'file', 'radio', 'range', 'reset', 'submit'];

/** Whether the key went to something that takes text, where "/" must stay a character. */
function typesText(target: EventTarget | null): boolean {
  if (target instanceof HTMLInputElement) return !NOT_TEXT.includes(target.type);
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['TEXTAREA', 'SELECT'].includes(target.tagName);
}

interface EvidenceComposerProps {
  actions: RoomActions;
  timer: TimerState;
  roundType: RoundType;
  /** How many of the viewer's notes are still waiting to be sent. */
  unsent?: number;
  /** Scorecards close once feedback is released. */
  disabled?: boolean;
  /**
   * What is selected in the workspace (the pad's lines or the board's shapes, whichever was
   * selected last), which Alt+N points the next note at; null with nothing selected, left out
   * where the room has no workspace.
   */
  workspaceSelection?: EvidenceAnchor | null;
}

/**
 * Writes one observation at a time without leaving the keyboard: type the note, pick the signal
 * with Alt+1…Alt+7 and strong or weak with Alt+S / Alt+W, Enter to save, Escape to clear; and
 * score the chosen signal with Alt+Shift+1…Alt+Shift+5 without the trip through the page to the
 * scorecard. The signal and polarity stay chosen after a save, since notes often come in runs on
 * one topic.
 */
export function EvidenceComposer({
  actions,
  timer,
  roundType,
  unsent = 0,
  disabled = false,
  workspaceSelection,
}: EvidenceComposerProps) {
  const id = useId();
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const [note, setNote] = useState('');
  const [signal, setSignal] = useState<SignalId | null>(null);
  const [polarity, setPolarity] = useState<Polarity>('strong');
  // The offset is taken when the first character is typed, not at Enter: a note takes a while
  // to write, and the evidence should point at the moment the candidate did the thing.
  const [startedAtMs, setStartedAtMs] = useState<number | null>(null);
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState('');
  const [anchor, setAnchor] = useState<EvidenceAnchor | null>(null);

  // "/" from anywhere on the page outside a text field jumps to the note, and is not typed there:
  // the key was a jump. Inside a text field it is a character ("and/or", "p99/p50").
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key !== '/' || event.altKey || event.ctrlKey || event.metaKey) return;
      if (typesText(event.target) || disabled) return;
      event.preventDefault();
      inputRef.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [disabled]);

  // "Note on selection": Alt+N from anywhere, the pad and the board included, points the note at
  // what is selected there and moves to the note. The physical key, since Option+N is a dead key
  // on a Mac.
  const noteOnSelection = useRef<() => void>(() => undefined);
  noteOnSelection.current = () => {
    if (!workspaceSelection) {
      setStatus('Select lines in the code pad or shapes on the board first, then press Alt+N.');
      return;
    }
    setAnchor(workspaceSelection);
    setStatus(`The note points at ${describeAnchor(workspaceSelection)}.`);
    inputRef.current?.focus();
  };
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.code !== 'KeyN' || !event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.shiftKey || disabled) return;
      event.preventDefault();
      noteOnSelection.current();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [disabled]);

  const elapsedNow = () => Math.floor(elapsedAt(timer, actions.serverNow()));

  const chooseSignal = (next: SignalId) => {
    setSignal(next);
    setProblem('');
    setStatus(`Signal: ${signalById(next).name}.`);
  };

  const choosePolarity = (next: Polarity) => {
    setPolarity(next);
    setStatus(`${POLARITY_KEYS[next].word} evidence.`);
  };

  const clear = () => {
    setNote('');
    setStartedAtMs(null);
    setProblem('');
    setAnchor(null);
  };

  const score = (value: Score) => {
    if (!signal) {
      setProblem('Choose a signal to score first: Alt+1 to Alt+7, or pick one below.');
      return;
    }
    actions.send('score.set', { signal, score: value });
    setStatus(`Scored ${signalById(signal).name} ${value} (${SCORE_LABELS[value]}).`);
  };

  const save = () => {
    const text = note.trim();
    if (!text) return;
    if (!signal) {
      setProblem('Choose a signal first: Alt+1 to Alt+7, or pick one below.');
      return;
    }
    const offsetMs = startedAtMs ?? elapsedNow();
    actions.send('evidence.add', {
      signal,
      polarity,
      note: text,
      offsetMs,
      ...(anchor ? { anchor } : {}),
    });
    clear();
    const where = anchor ? `, on ${describeAnchor(anchor)},` : '';
    setStatus(
      `Saved ${polarity} evidence for ${signalById(signal).name}${where} at ${formatOffset(offsetMs)}.`,
    );
    inputRef.current?.focus();
  };

  /** Picks what a chord says; false when the keys are no chord of ours. */
  const chord = (event: KeyboardEvent): boolean => {
    if (event.shiftKey) {
      const chosenScore = scoreForChord(event);
      if (chosenScore !== null) score(chosenScore);
      return chosenScore !== null;
    }
    const chosenSignal = signalForChord(event);
    const chosenPolarity = chosenSignal ? null : polarityForChord(event);
    if (chosenSignal) chooseSignal(chosenSignal);
    else if (chosenPolarity) choosePolarity(chosenPolarity);
    return chosenSignal !== null || chosenPolarity !== null;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.altKey && !event.ctrlKey && !event.metaKey) {
      // The chord must not also type a character (Option+S is "ß" on a Mac).
      if (chord(event)) event.preventDefault();
      return;
    }
    if (event.key === 'Escape' && note) {
      event.preventDefault();
      clear();
      setStatus('Note cleared.');
    }
  };

  const onChange = (value: string) => {
    setNote(value);
    if (!value.trim()) setStartedAtMs(null);
    else if (startedAtMs === null) setStartedAtMs(elapsedNow());
  };

  const selection = signal
    ? `${POLARITY_KEYS[polarity].word} evidence for ${signalById(signal).name}`
    : `${POLARITY_KEYS[polarity].word} evidence, no signal chosen yet`;

  return (
    <section className={styles.composer} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className={styles.heading}>
        Note evidence
      </h2>
      <div className={styles.entry}>
        <label htmlFor={`${id}-note`} className={styles.label}>
          What did the candidate do?
        </label>
        <div className={styles.inputRow}>
          <NoteField
            id={`${id}-note`}
            ref={inputRef}
            className={styles.input}
            value={note}
            maxLength={2000}
            disabled={disabled}
            autoComplete="off"
            aria-describedby={`${id}-selection ${id}-keys${problem ? ` ${id}-problem` : ''}`}
            aria-invalid={problem ? true : undefined}
            onChange={(event) => onChange(event.target.value)}
            onKeyDown={onKeyDown}
            onEnter={save}
          />
          <button
            type="button"
            className="button button--primary"
            disabled={disabled || !note.trim()}
            onClick={save}
          >
            Save
          </button>
        </div>
        <p id={`${id}-selection`} className={styles.selection}>
          {selection}
          {startedAtMs !== null && <> · at {formatOffset(startedAtMs)}</>}
        </p>
        {anchor && (
          <p className={styles.anchor}>
            On {describeAnchor(anchor)}{' '}
            <button type="button" className="button button--quiet" onClick={() => setAnchor(null)}>
              Unpoint
            </button>
          </p>
        )}
        {problem && (
          <p id={`${id}-problem`} className={styles.problem}>
            {problem}
          </p>
        )}
        <p id={`${id}-keys`} className={styles.keys}>
          <kbd>Alt+1</kbd> to <kbd>Alt+7</kbd> signal · <kbd>Alt+S</kbd> strong · <kbd>Alt+W</kbd>{' '}
          weak · <kbd>Alt+Shift+1</kbd> to <kbd>Alt+Shift+5</kbd> score the signal ·{' '}
          <kbd>Enter</kbd> save · <kbd>Shift+Enter</kbd> new line · <kbd>Esc</kbd> clear ·{' '}
          <kbd>/</kbd> from elsewhere on the page jumps here (in here it types a /)
          {workspaceSelection !== undefined && (
            <>
              {' '}
              · <kbd>Alt+N</kbd> note on what is selected in the pad or on the board
            </>
          )}
        </p>
      </div>

      <fieldset className={styles.choices} disabled={disabled}>
        <legend className={styles.legend}>Signal</legend>
        {SIGNAL_IDS.map((option, index) => (
          <label
            key={option}
            className={`${styles.choice} ${signal === option ? styles.chosen : ''}`}
          >
            <input
              type="radio"
              className={styles.radio}
              name={`${id}-signal`}
              checked={signal === option}
              onChange={() => chooseSignal(option)}
            />
            <kbd className={styles.key} aria-hidden="true">
              {index + 1}
            </kbd>
            {signalById(option).name}
            <span className={styles.layer}>
              <LayerMark layer={layerOf(roundType, option)} />
            </span>
          </label>
        ))}
      </fieldset>

      <fieldset className={styles.choices} disabled={disabled}>
        <legend className={styles.legend}>Strong or weak</legend>
        {POLARITIES.map((option) => (
          <label
            key={option}
            className={`${styles.choice} ${styles[option]} ${polarity === option ? styles.chosen : ''}`}
          >
            <input
              type="radio"
              className={styles.radio}
              name={`${id}-polarity`}
              checked={polarity === option}
              onChange={() => choosePolarity(option)}
            />
            {POLARITY_KEYS[option].word}
            <kbd className={styles.key} aria-hidden="true">
              {POLARITY_KEYS[option].label}
            </kbd>
          </label>
        ))}
      </fieldset>

      {unsent > 0 && (
        <p className={styles.unsent}>
          {unsent === 1 ? '1 note is' : `${unsent} notes are`} kept on this device and will be sent
          as soon as the room is reachable.
        </p>
      )}
      {disabled && (
        <p className="muted">Feedback is released, so the scorecards are closed to new notes.</p>
      )}
      <p role="status" className={styles.status}>
        {status}
      </p>
    </section>
  );
}
