import type { RegisterBody } from '@signal-room/protocol';
import { PASSWORD_MIN_LENGTH, registerBodySchema } from '@signal-room/protocol';
import { useState } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { ApiRequestError, register } from '../api/client';
import { ErrorNotice } from '../ui/error-notice';
import { AuthField, NEW_PASSWORD_HINT, PasswordField } from './auth-field';
import { useAuth } from './auth-store';
import { nextPathFrom, withNext } from './next-path';
import styles from './auth-page.module.css';
import { useAuthForm } from './use-auth-form';

type Field = keyof RegisterBody;

const FIELDS: readonly Field[] = ['displayName', 'email', 'password'];

const FIELD_ERRORS: Record<Field, string> = {
  displayName: 'Enter the name others will see, up to 80 characters.',
  email: 'Enter your email address, like name@example.com.',
  password: `Use ${PASSWORD_MIN_LENGTH} to 200 characters.`,
};

export default function SignUpPage() {
  const [params] = useSearchParams();
  const next = nextPathFrom(params);
  const auth = useAuth();
  const [values, setValues] = useState<Record<Field, string>>({
    displayName: '',
    email: '',
    password: '',
  });
  const { invalid, busy, failure, submit, inputRef } = useAuthForm({
    schema: registerBodySchema,
    fields: FIELDS,
    send: register,
    next,
  });

  // Someone already signed in has nothing to do here; while submitting, the handler navigates.
  if (auth && !busy) return <Navigate to={next} replace />;

  const change = (field: Field) => (event: { target: { value: string } }) =>
    setValues((previous) => ({ ...previous, [field]: event.target.value }));
  const errorOf = (field: Field) => (invalid.has(field) ? FIELD_ERRORS[field] : undefined);

  const emailTaken = failure instanceof ApiRequestError && failure.code === 'EMAIL_TAKEN';

  return (
    <div className={styles.page}>
      <h1 className={styles.title}>Create an account</h1>
      <p className={styles.lead}>
        Run mock interviews with peers, or join one you were invited to.
      </p>
      <form
        className={`card ${styles.form}`}
        noValidate
        aria-busy={busy}
        onSubmit={(event) => void submit(event, values)}
      >
        {failure !== null && <ErrorNotice error={failure} />}
        {emailTaken && (
          <p className={styles.aside}>
            Already have an account? <Link to={withNext('/signin', next)}>Sign in instead</Link>.
          </p>
        )}
        <AuthField
          id="sign-up-name"
          ref={inputRef('displayName')}
          label="Your name"
          hint="Shown to the people you interview with."
          autoComplete="name"
          required
          maxLength={80}
          value={values.displayName}
          onChange={change('displayName')}
          error={errorOf('displayName')}
        />
        <AuthField
          id="sign-up-email"
          ref={inputRef('email')}
          label="Email"
          type="email"
          autoComplete="email"
          spellCheck={false}
          required
          value={values.email}
          onChange={change('email')}
          error={errorOf('email')}
        />
        <PasswordField
          id="sign-up-password"
          ref={inputRef('password')}
          hint={NEW_PASSWORD_HINT}
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN_LENGTH}
          maxLength={200}
          value={values.password}
          onChange={change('password')}
          error={errorOf('password')}
        />
        <button
          type="submit"
          className={`button button--primary ${styles.submit}`}
          aria-disabled={busy}
        >
          {busy ? 'Creating your account…' : 'Create account'}
        </button>
      </form>
      <p className={styles.switch}>
        Already have an account? <Link to={withNext('/signin', next)}>Sign in</Link>
      </p>
    </div>
  );
}
