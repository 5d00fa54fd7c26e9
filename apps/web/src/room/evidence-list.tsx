import type { Evidence, Polarity, SignalId } from '@signal-room/domain';
import { POLARITIES, SIGNAL_IDS, formatOffset, signalById } from '@signal-room/domain';
import type { CommandPayload } from '@signal-room/protocol';
import type { KeyboardEvent } from 'react';
import { useId, useRef, useState } from 'react';
import { ReplayMoment } from '../history/replay-moment';
import { NoteField } from './note-field';
import type { Pendable } from './pending';
import type { RoomActions } from './room-actions';
import styles from './evidence-list.module.css';

const POLARITY_WORDS: Record<Polarity, string> = { strong: 'Strong', weak: 'Weak' };
const POLARITY_SIGNS: Record<Polarity, string> = { strong: '+', weak: '−' };

/** Strong or weak, as sign plus word so it never rests on colour alone. */
export function PolarityTag({ polarity }: { polarity: Polarity }) {
  return (
    <span className={`${styles.polarity} ${styles[polarity]}`}>
      <span aria-hidden="true">{POLARITY_SIGNS[polarity]} </span>
      {POLARITY_WORDS[polarity]}
    </span>
  );
}

interface EvidenceListProps {
  items: readonly (Evidence | Pendable<Evidence>)[];
  /** The accessible name of the list, e.g. "Evidence for Problem framing". */
  label: string;
  /** With these, the viewer may edit and remove their own items. */
  editing?: { actions: RoomActions; viewerId: string; disabled?: boolean };
  emptyText?: string;
  /** Once the round has ended: the session whose replay each note's time opens. */
  replayOf?: string;
}

/** Timestamped evidence, strong or weak, with the viewer's own items editable in place. */
export function EvidenceList({
  items,
  label,
  editing,
  emptyText = 'No evidence yet.',
  replayOf,
}: EvidenceListProps) {
  const listRef = useRef<HTMLUListElement>(null);
  const [editingId, setEditingId] = useState<string | null>(null);
  // Closing the editor hands the keyboard back to the Edit button that opened it.
  const refocusId = useRef<string | null>(null);
  const closeEditor = () => {
    refocusId.current = editingId;
    setEditingId(null);
  };

  if (items.length === 0) return <p className={`${styles.empty} muted`}>{emptyText}</p>;

  return (
    <ul className={styles.list} aria-label={label} ref={listRef} tabIndex={-1}>
      {items.map((item) => {
        const own = editing && item.authorId === editing.viewerId && !editing.disabled;
        const pending = 'pending' in item && item.pending;
        return (
          <li key={item.id} className={`${styles.item} ${pending ? styles.pendingItem : ''}`}>
            {editing && own && editingId === item.id ? (
              <EvidenceEditor item={item} actions={editing.actions} onClose={closeEditor} />
            ) : (
              <>
                {replayOf ? (
                  <ReplayMoment
                    sessionId={replayOf}
                    ms={item.offsetMs}
                    anchor={item.anchor}
                    className={styles.time}
                  />
                ) : (
                  <span className={styles.time}>
                    <span className="visually-hidden">At </span>
                    {formatOffset(item.offsetMs)}
                  </span>
                )}
                <PolarityTag polarity={item.polarity} />
                <span className={styles.note}>{item.note}</span>
                {pending && <span className={styles.pending}>Not sent yet</span>}
                {editing && own && (
                  <span className={styles.tools}>
                    <button
                      type="button"
                      className="button button--quiet"
                      ref={(button) => {
                        if (button && refocusId.current === item.id) {
                          refocusId.current = null;
                          button.focus();
                        }
                      }}
                      onClick={() => setEditingId(item.id)}
                    >
                      Edit
                      <span className="visually-hidden">
                        {' '}
                        the note at {formatOffset(item.offsetMs)}
                      </span>
                    </button>
                    <button
                      type="button"
                      className="button button--quiet"
                      onClick={() => {
                        editing.actions.send('evidence.remove', { evidenceId: item.id });
                        // The button goes with its item; keep the keyboard in the list.
                        listRef.current?.focus();
                      }}
                    >
                      Remove
                      <span className="visually-hidden">
                        {' '}
                        the note at {formatOffset(item.offsetMs)}
                      </span>
                    </button>
                  </span>
                )}
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}

interface EvidenceEditorProps {
  item: Evidence;
  actions: RoomActions;
  onClose: () => void;
}

/**
 * Edits one note in place; Enter saves what changed (Shift+Enter is a new line in the note),
 * Escape leaves it as it was.
 */
function EvidenceEditor({ item, actions, onClose }: EvidenceEditorProps) {
  const id = useId();
  const [note, setNote] = useState(item.note);
  const [polarity, setPolarity] = useState<Polarity>(item.polarity);
  const [signal, setSignal] = useState<SignalId>(item.signal);
  const trimmed = note.trim();

  const save = () => {
    if (!trimmed) return;
    const changes: Omit<CommandPayload<'evidence.edit'>, 'evidenceId'> = {};
    if (trimmed !== item.note) changes.note = trimmed;
    if (polarity !== item.polarity) changes.polarity = polarity;
    if (signal !== item.signal) changes.signal = signal;
    if (Object.keys(changes).length > 0) {
      actions.send('evidence.edit', { evidenceId: item.id, ...changes });
    }
    onClose();
  };

  const onEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    onClose();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    onEscape(event);
    if (!event.defaultPrevented && event.key === 'Enter' && !event.nativeEvent.isComposing) {
      event.preventDefault();
      save();
    }
  };

  return (
    <div
      className={styles.editor}
      role="group"
      aria-label={`Edit the note at ${formatOffset(item.offsetMs)}`}
    >
      <div className="field">
        <label htmlFor={`${id}-note`}>Note</label>
        {/* Opening the editor is a deliberate step, so the field takes the keyboard at once. */}
        <NoteField
          id={`${id}-note`}
          value={note}
          maxLength={2000}
          autoFocus
          onChange={(event) => setNote(event.target.value)}
          onKeyDown={onEscape}
          onEnter={save}
        />
      </div>
      <div className={styles.editorRow}>
        <div className="field">
          <label htmlFor={`${id}-signal`}>Signal</label>
          <select
            id={`${id}-signal`}
            value={signal}
            onChange={(event) => setSignal(event.target.value as SignalId)}
            onKeyDown={onKeyDown}
          >
            {SIGNAL_IDS.map((option) => (
              <option key={option} value={option}>
                {signalById(option).name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-polarity`}>Strong or weak</label>
          <select
            id={`${id}-polarity`}
            value={polarity}
            onChange={(event) => setPolarity(event.target.value as Polarity)}
            onKeyDown={onKeyDown}
          >
            {POLARITIES.map((option) => (
              <option key={option} value={option}>
                {POLARITY_WORDS[option]}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="button button--primary" disabled={!trimmed} onClick={save}>
          Save
        </button>
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </div>
  );
}
