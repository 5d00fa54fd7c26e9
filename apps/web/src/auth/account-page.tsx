import type { ChangePasswordBody } from '@signal-room/protocol';
import { PASSWORD_MIN_LENGTH, changePasswordBodySchema } from '@signal-room/protocol';
import { useState } from 'react';
import { changePassword } from '../api/client';
import { ErrorNotice } from '../ui/error-notice';
import { NEW_PASSWORD_HINT, PasswordField } from './auth-field';
import { useAuth } from './auth-store';
import styles from './auth-page.module.css';
import { useAuthForm } from './use-auth-form';

type Field = keyof ChangePasswordBody;

const FIELDS: readonly Field[] = ['currentPassword', 'newPassword'];

const FIELD_ERRORS: Record<Field, string> = {
  currentPassword: 'Enter the password you sign in with now.',
  newPassword: `Use ${PASSWORD_MIN_LENGTH} to 200 characters.`,
};

const EMPTY: Record<Field, string> = { currentPassword: '', newPassword: '' };

export default function AccountPage() {
  const auth = useAuth();
  const [values, setValues] = useState(EMPTY);
  const [changed, setChanged] = useState(false);
  const { invalid, busy, failure, submit, inputRef } = useAuthForm({
    schema: changePasswordBodySchema,
    fields: FIELDS,
    send: changePassword,
    onDone: () => {
      setValues(EMPTY);
      setChanged(true);
    },
  });

  const change = (field: Field) => (event: { target: { value: string } }) =>
    setValues((previous) => ({ ...previous, [field]: event.target.value }));
  const errorOf = (field: Field) => (invalid.has(field) ? FIELD_ERRORS[field] : undefined);

  return (
    <div className={styles.page}>
      <h1 className={styles.title}>Your account</h1>
      <p className={styles.lead}>Signed in as {auth?.user.email}.</p>
      <form
        className={`card ${styles.form}`}
        noValidate
        aria-busy={busy}
        aria-labelledby="account-password-title"
        onSubmit={(event) => {
          setChanged(false);
          void submit(event, values);
        }}
      >
        <h2 id="account-password-title" className={styles.subtitle}>
          Change your password
        </h2>
        {failure !== null && <ErrorNotice error={failure} />}
        {changed && (
          <p className="notice" role="status">
            Password changed. Every other device signed in to this account has been signed out.
          </p>
        )}
        <PasswordField
          id="account-current-password"
          ref={inputRef('currentPassword')}
          label="Current password"
          autoComplete="current-password"
          required
          value={values.currentPassword}
          onChange={change('currentPassword')}
          error={errorOf('currentPassword')}
        />
        <PasswordField
          id="account-new-password"
          ref={inputRef('newPassword')}
          label="New password"
          hint={NEW_PASSWORD_HINT}
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN_LENGTH}
          maxLength={200}
          value={values.newPassword}
          onChange={change('newPassword')}
          error={errorOf('newPassword')}
        />
        <button
          type="submit"
          className={`button button--primary ${styles.submit}`}
          aria-disabled={busy}
        >
          {busy ? 'Changing your password…' : 'Change password'}
        </button>
      </form>
    </div>
  );
}
