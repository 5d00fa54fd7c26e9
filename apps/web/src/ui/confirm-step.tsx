import type { ReactNode } from 'react';
import { useId } from 'react';
import styles from './confirm-step.module.css';

interface ConfirmStepProps {
  children: ReactNode;
  /** The action asked about, in the button that takes it. */
  confirmLabel: string;
  /** The safe choice: it has the focus, so a stray Enter never takes the action. */
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/** An inline question before an action that cannot be undone; Escape or the safe choice backs out. */
export function ConfirmStep({
  children,
  confirmLabel,
  cancelLabel,
  onConfirm,
  onCancel,
}: ConfirmStepProps) {
  const id = useId();
  return (
    <div
      className={styles.confirm}
      role="alertdialog"
      aria-labelledby={id}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <p id={id}>{children}</p>
      <div className={styles.row}>
        <button type="button" className="button button--danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" className="button" autoFocus onClick={onCancel}>
          {cancelLabel}
        </button>
      </div>
    </div>
  );
}
