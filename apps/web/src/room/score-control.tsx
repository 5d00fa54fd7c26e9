import type { Score, SignalId, SignalLayer } from '@signal-room/domain';
import { SCORE_LABELS, SCORES, describeScore } from '@signal-room/domain';
import { useId, useState } from 'react';
import { SignalBadge } from './signal-badge';
import styles from './score-control.module.css';

interface ScoreControlProps {
  signal: SignalId;
  layer?: SignalLayer;
  /** The chosen score; null is "not shown" where that choice is offered, undefined is no choice. */
  value: Score | null | undefined;
  onChange: (score: Score | null) => void;
  /** Offer "not shown" as a choice of its own (the self-assessment); its value is null. */
  noneOption?: { label: string; description: string };
  /** Offer a button that clears the score (the scorecard). */
  onClear?: () => void;
  /** The chosen score has not reached the server yet. */
  pending?: boolean;
  disabled?: boolean;
}

type Shown = Score | 'none';

/**
 * A 1–5 radio group for one signal. The rubric descriptor of the score under the pointer or the
 * keyboard focus, or else of the chosen one, shows beneath the choices, so the scorer reads what
 * a score means at the moment they give it. Each radio also carries its descriptor as its
 * accessible description, so a screen reader hears it on focus.
 */
export function ScoreControl({
  signal,
  layer,
  value,
  onChange,
  noneOption,
  onClear,
  pending = false,
  disabled = false,
}: ScoreControlProps) {
  const id = useId();
  const [preview, setPreview] = useState<Shown | null>(null);
  const chosen: Shown | null =
    value === undefined ? null : value === null ? (noneOption ? 'none' : null) : value;
  const shown = preview ?? chosen;
  const descriptionId = (option: Shown) => `${id}-describe-${option}`;
  // One tab stop per signal, chosen or not: Tab goes from signal to signal and the arrow keys
  // move within one (a group with nothing chosen would otherwise stop at every score in some
  // browsers, and at none in others).
  const tabStop: Shown = chosen ?? SCORES[0];

  const option = (key: Shown, label: string, number?: Score) => (
    <label
      key={key}
      className={`${styles.option} ${chosen === key ? styles.chosen : ''}`}
      onMouseEnter={() => setPreview(key)}
      onMouseLeave={() => setPreview(null)}
    >
      <input
        type="radio"
        className={styles.input}
        name={id}
        value={key}
        checked={chosen === key}
        tabIndex={key === tabStop ? 0 : -1}
        disabled={disabled}
        aria-describedby={descriptionId(key)}
        onChange={() => onChange(key === 'none' ? null : key)}
        onFocus={() => setPreview(key)}
        onBlur={() => setPreview(null)}
      />
      {number !== undefined && <span className={styles.number}>{number}</span>}
      <span className={styles.word}>{label}</span>
    </label>
  );

  return (
    <fieldset className={styles.control} disabled={disabled}>
      <legend className={styles.legend}>
        <SignalBadge signal={signal} layer={layer} />
        {pending && <span className={styles.pending}>Not sent yet</span>}
      </legend>
      <div className={styles.row}>
        <div className={styles.options}>
          {SCORES.map((score) => option(score, SCORE_LABELS[score], score))}
          {noneOption && option('none', noneOption.label)}
        </div>
        {onClear && (
          <button
            type="button"
            className="button button--quiet"
            disabled={disabled || value === null || value === undefined}
            onClick={onClear}
          >
            Clear<span className="visually-hidden"> the score</span>
          </button>
        )}
      </div>
      <div className={styles.descriptor}>
        {SCORES.map((score) => (
          <p key={score} id={descriptionId(score)} hidden={shown !== score}>
            <span className={styles.descriptorLabel}>
              {score} · {SCORE_LABELS[score]}:
            </span>{' '}
            {describeScore(signal, score)}
          </p>
        ))}
        {noneOption && (
          <p id={descriptionId('none')} hidden={shown !== 'none'}>
            <span className={styles.descriptorLabel}>{noneOption.label}:</span>{' '}
            {noneOption.description}
          </p>
        )}
        {shown === null && (
          <p className="muted">Point at or focus a score to read what it means for this signal.</p>
        )}
      </div>
    </fieldset>
  );
}
