import { ROLE_LABELS } from '@signal-room/domain';
import type { Role } from '@signal-room/domain';
import type { Invite, InviteStatus } from '@signal-room/protocol';
import { useEffect, useId, useState } from 'react';
import { createInvite, listInvites, revokeInvite } from '../api/client';
import { ErrorNotice } from '../ui/error-notice';
import { formatDateTime } from './labels';
import styles from './invite-panel.module.css';

type InvitableRole = Exclude<Role, 'interviewer'>;

const INVITABLE: readonly InvitableRole[] = ['candidate', 'observer'];
const EXPIRES_IN_HOURS = 72;

type ListState =
  | { status: 'loading' }
  | { status: 'ready'; invites: Invite[] }
  | { status: 'failed'; error: unknown };

const STATUS_LABELS: Record<InviteStatus, string> = {
  open: 'Open',
  taken: 'Used',
  full: 'Session full',
  expired: 'Expired',
  revoked: 'Revoked',
};

/** Links that still stand: they can be revoked, and let back in whoever came by them. */
const standing = (status: InviteStatus): boolean => status !== 'expired' && status !== 'revoked';

const names = new Intl.ListFormat('en', { type: 'conjunction' });

const usedBy = (invite: Invite): string =>
  invite.usedBy.length === 0
    ? 'Not used yet'
    : `Used by ${names.format(invite.usedBy.map((person) => person.displayName))}`;

// The address is built on this page's origin, so it opens this client wherever it is served.
const joinUrl = (token: string): string =>
  `${window.location.origin}/join/${encodeURIComponent(token)}`;

interface InvitePanelProps {
  sessionId: string;
  /** While the round runs the panel starts folded, out of the way of scoring. */
  live: boolean;
  /** Everyone in the room: when it changes, someone may have come in by a link. */
  members: readonly string[];
}

/** Invite links for a session: make candidate and observer links, copy them, revoke them. */
export function InvitePanel({ sessionId, live, members }: InvitePanelProps) {
  const id = useId();
  // The interviewer's own choice wins; until they make one, open while waiting, folded live.
  const [expanded, setExpanded] = useState<boolean | null>(null);
  const open = expanded ?? !live;
  const roster = members.join(' ');
  const [attempt, setAttempt] = useState(0);
  const [list, setList] = useState<ListState>({ status: 'loading' });
  // Links made or revoked here, kept apart so a slow or failed load cannot hide them.
  const [local, setLocal] = useState<Invite[]>([]);
  // The server returns a link's token only when it is made, so addresses live here alone.
  const [urls, setUrls] = useState<Record<string, string>>({});
  const [creating, setCreating] = useState<InvitableRole | null>(null);
  const [revoking, setRevoking] = useState<ReadonlySet<string>>(new Set());
  const [failure, setFailure] = useState<unknown>(null);
  const [copiedId, setCopiedId] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState({ text: '', count: 0 });
  const [focusTarget, setFocusTarget] = useState<string | null>(null);

  // Loaded when shown, and again whenever the room's roster changes, so "used by" keeps up.
  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    listInvites(sessionId, controller.signal).then(
      (invites) => setList({ status: 'ready', invites }),
      (error: unknown) => {
        if (!controller.signal.aborted) setList({ status: 'failed', error });
      },
    );
    return () => controller.abort();
  }, [sessionId, attempt, open, roster]);

  // Focus follows the action: to a new link's Copy button, or to a row whose button went away.
  useEffect(() => {
    if (!focusTarget) return;
    document.getElementById(focusTarget)?.focus();
    setFocusTarget(null);
  }, [focusTarget]);

  const announce = (text: string) =>
    // A trailing space on every other message makes a repeat ("Copied" twice) be read again.
    setAnnouncement((previous) => ({
      text: previous.count % 2 ? text : `${text}\u00a0`,
      count: previous.count + 1,
    }));

  const rowId = (invite: Invite) => `${id}-invite-${invite.id}`;
  const copyId = (invite: Invite) => `${id}-copy-${invite.id}`;
  const fieldId = (invite: Invite) => `${id}-url-${invite.id}`;

  function remember(invite: Invite) {
    setLocal((previous) =>
      previous.some((known) => known.id === invite.id)
        ? previous.map((known) => (known.id === invite.id ? invite : known))
        : [...previous, invite],
    );
  }

  async function create(role: InvitableRole) {
    if (creating) return;
    setCreating(role);
    setFailure(null);
    try {
      const invite = await createInvite(sessionId, { role, expiresInHours: EXPIRES_IN_HOURS });
      if (invite.token) {
        const url = joinUrl(invite.token);
        setUrls((previous) => ({ ...previous, [invite.id]: url }));
      }
      remember(invite);
      setFocusTarget(copyId(invite));
      announce(`${ROLE_LABELS[role]} link created. Copy it and send it on.`);
    } catch (error) {
      setFailure(error);
    } finally {
      setCreating(null);
    }
  }

  async function copy(invite: Invite, url: string) {
    const role = ROLE_LABELS[invite.role].toLowerCase();
    try {
      await navigator.clipboard.writeText(url);
      setCopiedId(invite.id);
      announce(`Copied the ${role} link.`);
    } catch {
      // No clipboard (an insecure page, a refused permission): leave the address ready to copy.
      const field = document.getElementById(fieldId(invite));
      if (field instanceof HTMLInputElement) {
        field.focus();
        field.select();
      }
      announce(`Could not copy. The ${role} link is selected: copy it with Ctrl+C or ⌘C.`);
    }
  }

  async function revoke(invite: Invite) {
    if (revoking.has(invite.id)) return;
    setRevoking((previous) => new Set(previous).add(invite.id));
    setFailure(null);
    try {
      const revoked = await revokeInvite(sessionId, invite.id);
      remember(revoked);
      setUrls(({ [invite.id]: _gone, ...rest }) => rest);
      setFocusTarget(rowId(invite));
      const holders = revoked.usedBy.length;
      announce(
        `${ROLE_LABELS[invite.role]} link revoked. It no longer lets anyone in.` +
          (holders > 0
            ? ` ${holders === 1 ? 'The person who joined with it stays' : `The ${holders} people who joined with it stay`} in the session; remove them from the list of people in the room if they should leave.`
            : ''),
      );
    } catch (error) {
      setFailure(error);
    } finally {
      setRevoking((previous) => {
        const next = new Set(previous);
        next.delete(invite.id);
        return next;
      });
    }
  }

  const loaded = list.status === 'ready' ? list.invites : [];
  const known = new Map(local.map((invite) => [invite.id, invite]));
  const loadedIds = new Set(loaded.map((invite) => invite.id));
  // The list is reloaded as people join, so it is the newer word on a link, with one exception:
  // a revocation made here is final, whatever a list asked for before it says.
  const newer = (invite: Invite): Invite => {
    const mine = known.get(invite.id);
    return mine?.revokedAt && !invite.revokedAt ? mine : invite;
  };
  // Newest first: a link just made is the one the interviewer wants next.
  const invites = [
    ...loaded.map(newer),
    ...local.filter((invite) => !loadedIds.has(invite.id)),
  ].reverse();
  const hiddenAddresses = invites.some((invite) => invite.status === 'open' && !urls[invite.id]);
  // Once the candidate is in, a new candidate link could only ever read "used".
  const hasCandidate = invites.some(
    (invite) => invite.role === 'candidate' && invite.status === 'taken',
  );
  const headingId = `${id}-heading`;
  const bodyId = `${id}-body`;

  return (
    <section className={styles.panel} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.heading}>
        {live ? (
          <button
            type="button"
            className={styles.toggle}
            aria-expanded={open}
            aria-controls={bodyId}
            onClick={() => setExpanded(!open)}
          >
            Invite people
          </button>
        ) : (
          'Invite people'
        )}
      </h2>
      {live && !open && (
        <p className={styles.hint}>
          The round is running. Open this to add an observer, copy a new link or see who joined.
        </p>
      )}
      {open && (
        <div id={bodyId} className={styles.body}>
          <p className={styles.hint}>
            A session has one candidate and any number of observers. Links work for{' '}
            {EXPIRES_IN_HOURS / 24} days, or until you revoke them.
          </p>
          <div className={styles.create}>
            {INVITABLE.filter((role) => !(role === 'candidate' && hasCandidate)).map((role) => (
              <button
                key={role}
                type="button"
                className={`button ${role === 'candidate' ? 'button--primary' : ''}`}
                aria-disabled={creating !== null}
                onClick={() => void create(role)}
              >
                {creating === role ? 'Creating…' : `New ${role} link`}
              </button>
            ))}
          </div>
          {failure !== null && <ErrorNotice error={failure} />}

          <h3 className={styles.subheading}>Links</h3>
          {list.status === 'loading' && <p className={styles.hint}>Loading links…</p>}
          {list.status === 'failed' && (
            <ErrorNotice
              error={list.error}
              onRetry={() => {
                setList({ status: 'loading' });
                setAttempt((previous) => previous + 1);
              }}
            />
          )}
          {list.status === 'ready' && invites.length === 0 && (
            <p className={styles.hint}>No links yet. Make one for your candidate to get started.</p>
          )}
          {hiddenAddresses && (
            <p className={styles.hint}>
              A link’s address is shown only when it is made. If you need one again, make a new
              link.
            </p>
          )}
          {invites.length > 0 && (
            <ul className={styles.list}>
              {invites.map((invite) => {
                const role = ROLE_LABELS[invite.role];
                const url = invite.status === 'open' ? urls[invite.id] : undefined;
                const when = formatDateTime(invite.revokedAt ?? invite.expiresAt);
                return (
                  <li key={invite.id} id={rowId(invite)} tabIndex={-1} className={styles.row}>
                    <div className={styles.rowHead}>
                      <span className={styles.role}>{role} link</span>
                      <span className={`${styles.state} ${styles[invite.status]}`}>
                        {STATUS_LABELS[invite.status]}
                      </span>
                    </div>
                    <p className={styles.meta}>
                      {invite.status === 'expired'
                        ? `Expired ${when}`
                        : invite.status === 'revoked'
                          ? `Revoked ${when}`
                          : `Expires ${when}`}
                      {' · '}
                      {usedBy(invite)}
                    </p>
                    {url && (
                      <div className={styles.copy}>
                        <label htmlFor={fieldId(invite)} className="visually-hidden">
                          {role} link address
                        </label>
                        <input
                          id={fieldId(invite)}
                          className={styles.url}
                          readOnly
                          value={url}
                          onFocus={(event) => event.target.select()}
                        />
                        <button
                          id={copyId(invite)}
                          type="button"
                          className="button"
                          onClick={() => void copy(invite, url)}
                        >
                          {copiedId === invite.id ? 'Copied' : 'Copy'}
                          <span className="visually-hidden"> {invite.role} link</span>
                        </button>
                      </div>
                    )}
                    {standing(invite.status) && (
                      <button
                        type="button"
                        className={`button button--danger ${styles.revoke}`}
                        aria-disabled={revoking.has(invite.id)}
                        onClick={() => void revoke(invite)}
                      >
                        {revoking.has(invite.id) ? 'Revoking…' : 'Revoke'}
                        <span className="visually-hidden">
                          {' '}
                          {invite.role} link that expires {when}
                        </span>
                      </button>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      )}
      <p className="visually-hidden" role="status">
        {announcement.text}
      </p>
    </section>
  );
}
