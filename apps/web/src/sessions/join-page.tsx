import { ROLE_LABELS } from '@signal-room/domain';
import type { InvitePreview } from '@signal-room/protocol';
import type { ReactNode } from 'react';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiRequestError, acceptInvite, listSessions, previewInvite } from '../api/client';
import { useAuth } from '../auth/auth-store';
import { withNext } from '../auth/next-path';
import { useCatalog } from '../catalog/use-catalog';
import { ErrorNotice } from '../ui/error-notice';
import { HomeLink } from '../ui/home-link';
import { ROLE_DUTIES, formatDateTime, roundName, roundNamesOf } from './labels';
import styles from './join-page.module.css';

type PreviewState =
  | { status: 'loading' }
  | { status: 'ready'; preview: InvitePreview }
  | { status: 'failed'; error: unknown };

/** A token that matches no link, as opposed to a request that failed on the way. */
const isUnknownLink = (error: unknown): boolean =>
  error instanceof ApiRequestError &&
  (error.code === 'INVITE_INVALID' || error.code === 'NOT_FOUND' || error.status === 404);

// The choice to join, kept for this tab while the visitor signs up or in, so the invite page
// they come back to joins at once. It lives in session storage, not in the address: a link
// someone sends must not be able to join a signed-in person to a session by itself.
const JOIN_KEY = 'signal-room.join';

function rememberJoin(token: string): void {
  try {
    sessionStorage.setItem(JOIN_KEY, token);
  } catch {
    // Storage refused (a private window): the visitor presses Join once back, that is all.
  }
}

function joinWasAsked(token: string): boolean {
  try {
    return sessionStorage.getItem(JOIN_KEY) === token;
  } catch {
    return false;
  }
}

function forgetJoin(): void {
  try {
    sessionStorage.removeItem(JOIN_KEY);
  } catch {
    // Nothing was kept.
  }
}

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
      <Shell title="Join a session">
        <p className="muted" role="status">
          Checking your invite link…
        </p>
      </Shell>
    );
  }
  if (state.status === 'failed') {
    if (isUnknownLink(state.error)) {
      return (
        <ClosedLink title="This invite link does not work">
          <p>
            No invite link has this address. Check that it was copied whole, or ask the person who
            sent it for a new one.
          </p>
        </ClosedLink>
      );
    }
    return (
      <Shell title="Join a session">
        <ErrorNotice
          error={state.error}
          onRetry={() => {
            setState({ status: 'loading' });
            setAttempt((previous) => previous + 1);
          }}
        />
      </Shell>
    );
  }
  const { preview } = state;
  switch (preview.status) {
    case 'open':
      return <Invitation token={token} preview={preview} />;
    case 'taken':
    case 'full':
      return <UsedLink token={token} preview={preview} />;
    case 'expired':
      return (
        <ClosedLink title="This invite link has expired">
          <p>
            It stopped working on{' '}
            <time dateTime={preview.expiresAt}>{formatDateTime(preview.expiresAt)}</time>. Ask{' '}
            {preview.invitedBy} for a new one.
          </p>
        </ClosedLink>
      );
    case 'revoked':
      return (
        <ClosedLink title="This invite link was withdrawn">
          <p>
            {preview.invitedBy} revoked it, so it no longer lets anyone in. Ask them for a new link
            if you still mean to join.
          </p>
        </ClosedLink>
      );
  }
}

function Shell({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className={styles.page}>
      <title>{`${title} · Signal Room`}</title>
      <h1 className={styles.title}>{title}</h1>
      {children}
    </div>
  );
}

/** A link that will never let anyone in again. */
function ClosedLink({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Shell title={title}>
      <div className={`card ${styles.card}`} role="alert">
        {children}
      </div>
      <p>
        <HomeLink />
      </p>
    </Shell>
  );
}

/** Whether the signed-in visitor is in the link's session; `failed`: their list did not load. */
type Membership = 'unknown' | 'member' | 'stranger' | 'failed';

/**
 * A link whose place is filled. The person who filled it may be the one holding it (opening the
 * invite again from their mail), so a signed-in visitor is told whether they are already in.
 */
function UsedLink({ token, preview }: { token: string; preview: InvitePreview }) {
  const auth = useAuth();
  const [membership, setMembership] = useState<Membership>('unknown');

  useEffect(() => {
    if (!auth) return;
    const controller = new AbortController();
    listSessions(controller.signal).then(
      ({ sessions }) =>
        setMembership(
          sessions.some((session) => session.id === preview.sessionId) ? 'member' : 'stranger',
        ),
      () => {
        if (!controller.signal.aborted) setMembership('failed');
      },
    );
    return () => controller.abort();
  }, [auth, preview.sessionId]);

  if (auth && membership === 'unknown') {
    return (
      <Shell title="Join a session">
        <p className="muted" role="status">
          Checking your sessions…
        </p>
      </Shell>
    );
  }
  if (auth && membership === 'member') {
    return (
      <Shell title="You are in this session">
        <div className={`card ${styles.card}`}>
          <p>You joined this session earlier, so the room is open to you.</p>
          <div className={styles.actions}>
            <Link to={`/sessions/${preview.sessionId}`} className="button button--primary">
              Open the room
            </Link>
          </div>
        </div>
      </Shell>
    );
  }
  const taken = preview.status === 'taken';
  return (
    <ClosedLink title={taken ? 'This candidate link has been used' : 'This session is full'}>
      <p>
        {taken
          ? `${preview.invitedBy}’s session already has its candidate, so this link lets no one else in.`
          : `${preview.invitedBy}’s session holds as many people as it can.`}{' '}
        {!auth
          ? 'If you joined with it before, sign in to open the room.'
          : membership === 'stranger'
            ? `You are signed in as ${auth.user.displayName}, who is not in it. Ask ${preview.invitedBy} for an observer link if you mean to watch.`
            : 'If you joined with it before, the session is among yours.'}
      </p>
      {!auth && (
        <div className={styles.actions}>
          <Link to={withNext('/signin', `/join/${token}`)} className="button button--primary">
            Sign in
          </Link>
        </div>
      )}
    </ClosedLink>
  );
}

function Invitation({ token, preview }: { token: string; preview: InvitePreview }) {
  const auth = useAuth();
  const navigate = useNavigate();
  const { state: catalog } = useCatalog();
  // Back from signing up or in with the choice to join made: join without a second press.
  const [joining, setJoining] = useState(() => auth !== null && joinWasAsked(token));
  const [failure, setFailure] = useState<unknown>(null);
  const name = roundName(
    roundNamesOf(catalog.status === 'ready' ? catalog.catalog : null),
    preview.roundType,
  );
  const role = ROLE_LABELS[preview.role];
  const here = `/join/${token}`;

  useEffect(() => {
    if (!joining) return;
    forgetJoin();
    let current = true;
    acceptInvite(token).then(
      (session) => void navigate(`/sessions/${session.id}`, { replace: true }),
      (error: unknown) => {
        if (!current) return;
        setFailure(error);
        setJoining(false);
      },
    );
    return () => {
      current = false;
    };
  }, [joining, token, navigate]);

  return (
    <div className={styles.page}>
      <title>{`${preview.invitedBy} invited you · Signal Room`}</title>
      <div>
        <p className={styles.eyebrow}>{preview.invitedBy} invited you</p>
        <h1 className={styles.title}>{name}</h1>
        {preview.promptTitle && <p className={styles.prompt}>{preview.promptTitle}</p>}
      </div>
      <div className={`card ${styles.card}`}>
        <dl className={styles.facts}>
          <dt>Your role</dt>
          <dd>
            <span className="badge">{role}</span>
          </dd>
          <dt>Invited</dt>
          <dd>
            <time dateTime={preview.createdAt}>{formatDateTime(preview.createdAt)}</time>
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
              aria-disabled={joining}
              onClick={() => {
                setFailure(null);
                setJoining(true);
              }}
            >
              {joining ? 'Joining…' : `Join as ${role.toLowerCase()}`}
            </button>
            <p className={styles.who}>Signed in as {auth.user.displayName}.</p>
          </div>
        ) : (
          <div className={styles.actions}>
            <p className={styles.who}>
              New here? Make an account in a minute and you go straight into the room.
            </p>
            <Link
              to={withNext('/signup', here)}
              className="button button--primary"
              onClick={() => rememberJoin(token)}
            >
              Create account and join
            </Link>
            <Link
              to={withNext('/signin', here)}
              className="button"
              onClick={() => rememberJoin(token)}
            >
              Sign in and join
            </Link>
          </div>
        )}
      </div>
    </div>
  );
}
