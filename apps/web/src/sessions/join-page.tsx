import type { InvitePreview } from '@signal-room/protocol';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiRequestError, acceptInvite, previewInvite } from '../api/client';
import { useAuth } from '../auth/auth-store';
import { withNext } from '../auth/next-path';
import { useCatalog } from '../catalog/use-catalog';
import { ErrorNotice } from '../ui/error-notice';
import { ROLE_DUTIES, ROLE_LABELS, formatDateTime, roundName, roundNamesOf } from './labels';
import styles from './join-page.module.css';

type PreviewState =
  | { status: 'loading' }
  | { status: 'ready'; preview: InvitePreview }
  | { status: 'failed'; error: unknown };

/** A link that will never work, as opposed to a request that failed on the way. */
const isDeadLink = (error: unknown): boolean =>
  error instanceof ApiRequestError &&
  (error.code === 'INVITE_INVALID' || error.code === 'NOT_FOUND' || error.status === 404);

export default function JoinPage() {
  const { token = '' } = useParams();
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<PreviewState>({ status: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    previewInvite(token, controller.signal).then(
      (preview) => setState({ status: 'ready', preview }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'failed', error });
      },
    );
    return () => controller.abort();
  }, [token, attempt]);

  if (state.status === 'loading') {
    return (
      <div className={styles.page}>
        <h1 className={styles.title}>Join a session</h1>
        <p className="muted" role="status">
          Checking your invite link…
        </p>
      </div>
    );
  }
  if (state.status === 'failed') {
    if (isDeadLink(state.error)) return <DeadLink />;
    return (
      <div className={styles.page}>
        <h1 className={styles.title}>Join a session</h1>
        <ErrorNotice
          error={state.error}
          onRetry={() => {
            setState({ status: 'loading' });
            setAttempt((previous) => previous + 1);
          }}
        />
      </div>
    );
  }
  return <Invitation token={token} preview={state.preview} />;
}

function DeadLink() {
  const auth = useAuth();
  return (
    <div className={styles.page}>
      <h1 className={styles.title}>This invite link does not work</h1>
      <div className={`card ${styles.card}`} role="alert">
        <p>
          It may have expired, been revoked, or already been used by a candidate. Ask the person who
          sent it for a new link.
        </p>
      </div>
      <p>
        {auth ? (
          <Link to="/dashboard">Go to your sessions</Link>
        ) : (
          <Link to="/">Go to the home page</Link>
        )}
      </p>
    </div>
  );
}

function Invitation({ token, preview }: { token: string; preview: InvitePreview }) {
  const auth = useAuth();
  const navigate = useNavigate();
  const { state: catalog } = useCatalog();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const name = roundName(
    roundNamesOf(catalog.status === 'ready' ? catalog.catalog : null),
    preview.roundType,
  );
  const role = ROLE_LABELS[preview.role];
  const here = `/join/${token}`;

  async function join() {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    try {
      const session = await acceptInvite(token);
      void navigate(`/sessions/${session.id}`, { replace: true });
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  }

  return (
    <div className={styles.page}>
      <div>
        <p className={styles.eyebrow}>You are invited</p>
        <h1 className={styles.title}>{name}</h1>
      </div>
      <div className={`card ${styles.card}`}>
        <dl className={styles.facts}>
          <dt>Your role</dt>
          <dd>
            <span className="badge">{role}</span>
          </dd>
          <dt>Link works until</dt>
          <dd>
            <time dateTime={preview.expiresAt}>{formatDateTime(preview.expiresAt)}</time>
          </dd>
        </dl>
        <p className={styles.duty}>{ROLE_DUTIES[preview.role]}</p>
        {failure !== null && <ErrorNotice error={failure} />}
        {auth ? (
          <div className={styles.actions}>
            <button
              type="button"
              className="button button--primary"
              aria-disabled={busy}
              onClick={() => void join()}
            >
              {busy ? 'Joining…' : `Join as ${role.toLowerCase()}`}
            </button>
            <p className={styles.who}>Signed in as {auth.user.displayName}.</p>
          </div>
        ) : (
          <div className={styles.actions}>
            <p className={styles.who}>
              Sign in or create an account to join. You will come back here.
            </p>
            <Link to={withNext('/signin', here)} className="button button--primary">
              Sign in
            </Link>
            <Link to={withNext('/signup', here)} className="button">
              Create account
            </Link>
          </div>
        )}
      </div>
    </div>
  );
}
