import { formatOffset } from '@signal-room/domain';
import { useId, useState } from 'react';
import styles from './mark-panel.module.css';

export interface MarkOption<Id extends string> {
  id: Id;
  name: string;
  description: string;
}

export interface ShownMark<Id extends string> {
  id: string;
  kind: Id;
  offsetMs: number;
  pending: boolean;
}

interface MarkPanelProps<Id extends string> {
  title: string;
  intro: string;
  options: readonly MarkOption<Id>[];
  marks: readonly ShownMark<Id>[];
  /** Without these the panel only lists the marks (observers see them, but may not mark). */
  onMark?: (kind: Id) => void;
  onUndo?: (markId: string) => void;
  disabled?: boolean;
  tone?: 'neutral' | 'warning';
}

/**
 * One-press timestamped marks, for the communication moves and the failure modes alike: a button
 * per option, a count of how often it was marked, and the marks by time with an undo each.
 */
export function MarkPanel<Id extends string>({
  title,
  intro,
  options,
  marks,
  onMark,
  onUndo,
  disabled = false,
  tone = 'neutral',
}: MarkPanelProps<Id>) {
  const id = useId();
  const [status, setStatus] = useState('');
  const nameOf = (kind: Id) => options.find((option) => option.id === kind)?.name ?? kind;
  const count = (kind: Id) => marks.filter((mark) => mark.kind === kind).length;

  return (
    <section className={`${styles.panel} ${styles[tone]}`} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className={styles.heading}>
        {title}
      </h2>
      <p className={styles.intro}>{intro}</p>
      {onMark && (
        <ul className={styles.options}>
          {options.map((option) => {
            const times = count(option.id);
            return (
              <li key={option.id}>
                <button
                  type="button"
                  className={styles.option}
                  disabled={disabled}
                  aria-describedby={`${id}-${option.id}`}
                  onClick={() => {
                    onMark(option.id);
                    setStatus(`Marked: ${option.name}.`);
                  }}
                >
                  <span>{option.name}</span>
                  {times > 0 && (
                    <span className={styles.count}>
                      <span aria-hidden="true">×{times}</span>
                      <span className="visually-hidden">, marked {times} times so far</span>
                    </span>
                  )}
                </button>
                <span id={`${id}-${option.id}`} hidden>
                  {option.description}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {marks.length > 0 ? (
        <ol className={styles.marks} aria-label={`${title}: marked so far`}>
          {marks.map((mark) => (
            <li key={mark.id} className={mark.pending ? styles.pending : undefined}>
              <span className={styles.time}>{formatOffset(mark.offsetMs)}</span>
              <span className={styles.name}>{nameOf(mark.kind)}</span>
              {mark.pending && <span className={styles.unsent}>Not sent yet</span>}
              {onUndo && (
                <button
                  type="button"
                  className="button button--quiet"
                  disabled={disabled}
                  onClick={() => {
                    onUndo(mark.id);
                    setStatus(`Undone: ${nameOf(mark.kind)}.`);
                  }}
                >
                  Undo
                  <span className="visually-hidden">
                    {' '}
                    {nameOf(mark.kind)} at {formatOffset(mark.offsetMs)}
                  </span>
                </button>
              )}
            </li>
          ))}
        </ol>
      ) : (
        <p className={`${styles.intro} muted`}>Nothing marked yet.</p>
      )}
      <p role="status" className="visually-hidden">
        {status}
      </p>
    </section>
  );
}
