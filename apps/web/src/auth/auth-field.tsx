import type { InputHTMLAttributes, Ref } from 'react';
import { useState } from 'react';
import styles from './auth-page.module.css';

interface AuthFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  id: string;
  label: string;
  hint?: string;
  /** Why the value was refused; read with the field when it takes focus. */
  error?: string;
  ref?: Ref<HTMLInputElement>;
}

/** One labelled input with its hint and its error, both tied to it for screen readers. */
export function AuthField({ id, label, hint, error, ref, ...input }: AuthFieldProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint && hintId, error && errorId].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={hintId} className={`hint ${styles.hint}`}>
          {hint}
        </p>
      )}
      <input
        {...input}
        id={id}
        ref={ref}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      {error && (
        <p id={errorId} className={styles.fieldError}>
          {error}
        </p>
      )}
    </div>
  );
}

type PasswordFieldProps = Omit<AuthFieldProps, 'type' | 'label'>;

/** The password input with a "show" switch, so a long phrase can be checked before sending. */
export function PasswordField(props: PasswordFieldProps) {
  const [shown, setShown] = useState(false);
  return (
    <>
      <AuthField {...props} label="Password" type={shown ? 'text' : 'password'} />
      <label className={styles.check}>
        <input
          type="checkbox"
          checked={shown}
          onChange={(event) => setShown(event.target.checked)}
        />
        Show password
      </label>
    </>
  );
}
