import { PASSWORD_MIN_LENGTH } from '@signal-room/protocol';
import type { InputHTMLAttributes, Ref } from 'react';
import { useState } from 'react';
import styles from './auth-page.module.css';

/** What a new password must be: the length rule is the schema's, the rest the server's. */
export const NEW_PASSWORD_HINT = `At least ${PASSWORD_MIN_LENGTH} characters, not a common password or your email address. A short phrase is easy to remember and hard to guess.`;

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

type PasswordFieldProps = Omit<AuthFieldProps, 'type' | 'label'> & { label?: string };

/** The password input with a "show" switch, so a long phrase can be checked before sending. */
export function PasswordField({ label = 'Password', ...props }: PasswordFieldProps) {
  const [shown, setShown] = useState(false);
  return (
    <>
      <AuthField {...props} label={label} type={shown ? 'text' : 'password'} />
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
