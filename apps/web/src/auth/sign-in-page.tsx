import type { LoginBody } from '@signal-room/protocol';
import { loginBodySchema } from '@signal-room/protocol';
import type { FormEvent } from 'react';
import { useRef, useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { login } from '../api/client';
import { ErrorNotice } from '../ui/error-notice';
import { AuthField, PasswordField } from './auth-field';
import { setAuth, useAuth } from './auth-store';
import { nextPathFrom, withNext } from './next-path';
import styles from './auth-page.module.css';

type Field = keyof LoginBody;

const FIELD_ERRORS: Record<Field, string> = {
  email: 'Enter your email address, like name@example.com.',
  password: 'Enter your password.',
};

export default function SignInPage() {
  const [params] = useSearchParams();
  const next = nextPathFrom(params);
  const navigate = useNavigate();
  const auth = useAuth();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [invalid, setInvalid] = useState<ReadonlySet<Field>>(new Set());
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const inputs = {
    email: useRef<HTMLInputElement>(null),
    password: useRef<HTMLInputElement>(null),
  };

  // Someone already signed in has nothing to do here; while submitting, the handler navigates.
  if (auth && !busy) return <Navigate to={next} replace />;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const parsed = loginBodySchema.safeParse({ email, password });
    if (!parsed.success) {
      const fields = new Set(parsed.error.issues.map((issue) => issue.path[0] as Field));
      setInvalid(fields);
      const first = (['email', 'password'] as const).find((field) => fields.has(field));
      if (first) inputs[first].current?.focus();
      return;
    }
    setInvalid(new Set());
    setFailure(null);
    setBusy(true);
    try {
      setAuth(await login(parsed.data));
      void navigate(next, { replace: true });
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  }

  return (
    <div className={styles.page}>
      <h1 className={styles.title}>Sign in</h1>
      <p className={styles.lead}>Welcome back. Your sessions and feedback are waiting.</p>
      <form
        className={`card ${styles.form}`}
        noValidate
        aria-busy={busy}
        onSubmit={(event) => void submit(event)}
      >
        {failure !== null && <ErrorNotice error={failure} />}
        <AuthField
          id="sign-in-email"
          ref={inputs.email}
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
          ref={inputs.password}
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
