import type { LoginBody } from '@signal-room/protocol';
import { loginBodySchema } from '@signal-room/protocol';
import { useState } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { login } from '../api/client';
import { ErrorNotice } from '../ui/error-notice';
import { AuthField, PasswordField } from './auth-field';
import { useAuth } from './auth-store';
import { nextPathFrom, withNext } from './next-path';
import styles from './auth-page.module.css';
import { useAuthForm } from './use-auth-form';

type Field = keyof LoginBody;

const FIELD_ERRORS: Record<Field, string> = {
  email: 'Enter your email address, like name@example.com.',
  password: 'Enter your password.',
};

export default function SignInPage() {
  const [params] = useSearchParams();
  const next = nextPathFrom(params);
  const auth = useAuth();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { invalid, busy, failure, submit, inputRef } = useAuthForm({
    schema: loginBodySchema,
    fields: ['email', 'password'] as const,
    send: login,
    next,
  });

  // Someone already signed in has nothing to do here; while submitting, the handler navigates.
  if (auth && !busy) return <Navigate to={next} replace />;

  return (
    <div className={styles.page}>
      <h1 className={styles.title}>Sign in</h1>
      <p className={styles.lead}>Welcome back. Your sessions and feedback are waiting.</p>
      <form
        className={`card ${styles.form}`}
        noValidate
        aria-busy={busy}
        onSubmit={(event) => void submit(event, { email, password })}
      >
        {failure !== null && <ErrorNotice error={failure} />}
        <AuthField
          id="sign-in-email"
          ref={inputRef('email')}
          label="Email"
          type="email"
          autoComplete="email"
          spellCheck={false}
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={invalid.has('email') ? FIELD_ERRORS.email : undefined}
        />
        <PasswordField
          id="sign-in-password"
          ref={inputRef('password')}
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={invalid.has('password') ? FIELD_ERRORS.password : undefined}
        />
        <button
          type="submit"
          className={`button button--primary ${styles.submit}`}
          aria-disabled={busy}
        >
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p className={styles.switch}>
        New to Signal Room? <Link to={withNext('/signup', next)}>Create an account</Link>
      </p>
    </div>
  );
}
