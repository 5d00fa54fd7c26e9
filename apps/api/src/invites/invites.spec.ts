import { promptsFor } from '@signal-room/domain';
import type { AuthResponse, Invite, SessionSummary } from '@signal-room/protocol';
import { invitePreviewSchema, inviteSchema, sessionSummarySchema } from '@signal-room/protocol';
import { MAX_PARTICIPANTS } from '../sessions/sessions.service';
import type { TestApp } from '../testing/test-app';
import { roomViewOf, startTestApp } from '../testing/test-app';
import { TEST_DATABASE_KINDS } from '../testing/test-databases';
import { admit, bearer, createInvite, createSession, errorOf } from '../testing/test-http';

/** Every sentence-long string in a prompt's parts, to look for where none may appear. */
const textsIn = (value: unknown): string[] => {
  if (typeof value === 'string') return value.length >= 20 ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(textsIn);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(textsIn);
  return [];
};

describe.each(TEST_DATABASE_KINDS)('invite links on %s PostgreSQL', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(kind, { publicUrl: 'https://signal.example' });
  });
  afterAll(() => t?.close());

  let alice: AuthResponse;
  let bob: AuthResponse;
  let olga: AuthResponse;
  let mallory: AuthResponse;
  let session: SessionSummary;

  beforeAll(async () => {
    [alice, bob, olga, mallory] = await Promise.all(
      ['Alice', 'Bob', 'Olga', 'Mallory'].map((name) => t.register(name)),
    );
    session = await createSession(t, alice, { roundType: 'coding-screen' });
    await admit(t, session.id, alice, bob, 'candidate');
    await admit(t, session.id, alice, olga, 'observer');
  });

  const preview = (token: string) => t.http().get(`/api/invites/${token}`);
  const accept = (token: string, user: AuthResponse) =>
    t.http().post(`/api/invites/${token}/accept`).set(bearer(user.token));
  const listInvites = async (sessionId: string) => {
    const response = await t
      .http()
      .get(`/api/sessions/${sessionId}/invites`)
      .set(bearer(alice.token))
      .expect(200);
    return (response.body as unknown[]).map((invite) => inviteSchema.parse(invite));
  };

  it('lets only the interviewer make, list and revoke links', async () => {
    const invite = await createInvite(t, session.id, alice, 'observer');
    for (const [user, status, code] of [
      [bob, 403, 'FORBIDDEN_ROLE'],
      [olga, 403, 'FORBIDDEN_ROLE'],
      [mallory, 404, 'SESSION_NOT_FOUND'],
    ] as const) {
      const made = await t
        .http()
        .post(`/api/sessions/${session.id}/invites`)
        .set(bearer(user.token))
        .send({ role: 'observer' })
        .expect(status);
      expect(errorOf(made.body).code).toBe(code);
      const listed = await t
        .http()
        .get(`/api/sessions/${session.id}/invites`)
        .set(bearer(user.token))
        .expect(status);
      expect(errorOf(listed.body).code).toBe(code);
      const revoked = await t
        .http()
        .delete(`/api/sessions/${session.id}/invites/${invite.id}`)
        .set(bearer(user.token))
        .expect(status);
      expect(errorOf(revoked.body).code).toBe(code);
    }
    // None of those attempts revoked the link or made another.
    const invites = await listInvites(session.id);
    expect(invites.find((listed) => listed.id === invite.id)?.revokedAt).toBeNull();
    expect(invites).toHaveLength(3);
  });

  it('never makes an interviewer link', async () => {
    const response = await t
      .http()
      .post(`/api/sessions/${session.id}/invites`)
      .set(bearer(alice.token))
      .send({ role: 'interviewer' })
      .expect(400);
    expect(errorOf(response.body).code).toBe('INVALID_PAYLOAD');
  });

  it('shows the token once, at creation, and keeps only its hash', async () => {
    const response = await t
      .http()
      .post(`/api/sessions/${session.id}/invites`)
      .set(bearer(alice.token))
      .send({ role: 'observer', expiresInHours: 2 })
      .expect(201);
    const invite = inviteSchema.parse(response.body);
    expect(invite.token).toEqual(expect.any(String));
    expect(invite.url).toBe(`https://signal.example/join/${invite.token}`);
    expect(Date.parse(invite.expiresAt) - Date.now()).toBeGreaterThan(2 * 3_600_000 - 60_000);
    expect(Date.parse(invite.expiresAt) - Date.now()).toBeLessThanOrEqual(2 * 3_600_000);

    const listed = (await listInvites(session.id)).find((item) => item.id === invite.id);
    expect(listed).toEqual({ ...invite, token: null, url: null });

    const rows = await t.dataSource.query<{ token_hash: string }[]>(
      'SELECT token_hash FROM invites WHERE id = $1',
      [invite.id],
    );
    expect(rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]?.token_hash).not.toContain(invite.token ?? '');
  });

  it('previews a link to anyone, signed in or not: who made it, for what, and until when', async () => {
    const invite = await createInvite(t, session.id, alice, 'observer');
    const response = await preview(invite.token).expect(200);
    expect(invitePreviewSchema.parse(response.body)).toEqual({
      sessionId: session.id,
      role: 'observer',
      roundType: 'coding-screen',
      promptTitle: promptsFor('coding-screen')[0]?.title,
      invitedBy: 'Alice',
      status: 'open',
      createdAt: invite.createdAt,
      expiresAt: invite.expiresAt,
    });
    const unknown = await preview('no-such-token').expect(410);
    expect(errorOf(unknown.body).code).toBe('INVITE_INVALID');
  });

  it('previews a bank prompt by its title alone: none of its text, hints or guide', async () => {
    const prompt = promptsFor('system-design')[0];
    if (!prompt) throw new Error('the bank has no system-design prompt');
    const bank = await createSession(t, alice, {
      roundType: 'system-design',
      promptId: prompt.id,
    });
    const invite = await createInvite(t, bank.id, alice, 'candidate');
    const response = await preview(invite.token).expect(200);
    expect(invitePreviewSchema.parse(response.body).promptTitle).toBe(prompt.title);
    const text = JSON.stringify(response.body);
    const secrets = textsIn([prompt.body, prompt.hints, prompt.followUps, prompt.guide]);
    expect(secrets.length).toBeGreaterThan(5);
    expect(secrets.filter((secret) => text.includes(secret))).toEqual([]);
  });

  it('joins with the link role, and accepting twice changes nothing', async () => {
    const carol = await t.register('Carol');
    const invite = await createInvite(t, session.id, alice, 'observer');
    const first = await accept(invite.token, carol).expect(201);
    expect(sessionSummarySchema.parse(first.body)).toMatchObject({
      id: session.id,
      myRole: 'observer',
    });
    const again = await accept(invite.token, carol).expect(201);
    expect(again.body).toEqual(first.body);
    expect((again.body as SessionSummary).participants).toHaveLength(4);

    const listed = (await listInvites(session.id)).find((item) => item.id === invite.id);
    expect(listed?.usedBy).toEqual([
      { userId: carol.user.id, displayName: 'Carol', role: 'observer' },
    ]);
    expect(listed?.status).toBe('open');
    const room = await roomViewOf(t, session.id, carol.token);
    expect(room.sessionId).toBe(session.id);
  });

  it('keeps the role of someone already in the session', async () => {
    const invite = await createInvite(t, session.id, alice, 'observer');
    const response = await accept(invite.token, bob).expect(201);
    expect(response.body).toMatchObject({ myRole: 'candidate' });
    const own = await createInvite(t, session.id, alice, 'candidate');
    const interviewer = await accept(own.token, alice).expect(201);
    expect(interviewer.body).toMatchObject({ myRole: 'interviewer' });
  });

  it('previews a revoked link as revoked and refuses it with 410 INVITE_INVALID', async () => {
    const invite = await createInvite(t, session.id, alice, 'observer');
    const revoked = await t
      .http()
      .delete(`/api/sessions/${session.id}/invites/${invite.id}`)
      .set(bearer(alice.token))
      .expect(200);
    const first = inviteSchema.parse(revoked.body);
    expect(first.revokedAt).not.toBeNull();
    expect(first.token).toBeNull();
    expect(first.status).toBe('revoked');

    const previewed = invitePreviewSchema.parse((await preview(invite.token).expect(200)).body);
    expect(previewed).toMatchObject({ status: 'revoked', invitedBy: 'Alice', promptTitle: null });
    const dave = await t.register('Dave');
    const refused = await accept(invite.token, dave).expect(410);
    expect(errorOf(refused.body).code).toBe('INVITE_INVALID');
    await t.http().get(`/api/sessions/${session.id}`).set(bearer(dave.token)).expect(404);

    // Revoking again is harmless and keeps the first time.
    const again = await t
      .http()
      .delete(`/api/sessions/${session.id}/invites/${invite.id}`)
      .set(bearer(alice.token))
      .expect(200);
    expect((again.body as Invite).revokedAt).toBe(first.revokedAt);
  });

  it('refuses to revoke a link of another session with 404', async () => {
    const other = await createSession(t, alice);
    const invite = await createInvite(t, other.id, alice, 'observer');
    const response = await t
      .http()
      .delete(`/api/sessions/${session.id}/invites/${invite.id}`)
      .set(bearer(alice.token))
      .expect(404);
    expect(errorOf(response.body).code).toBe('NOT_FOUND');
    expect((await listInvites(other.id))[0]?.revokedAt).toBeNull();
  });

  it('previews an expired link as expired and refuses it with 410 INVITE_INVALID', async () => {
    const invite = await createInvite(t, session.id, alice, 'observer');
    await t.dataSource.query(
      "UPDATE invites SET expires_at = now() - interval '1 minute' WHERE id = $1",
      [invite.id],
    );
    const previewed = invitePreviewSchema.parse((await preview(invite.token).expect(200)).body);
    expect(previewed).toMatchObject({ status: 'expired', promptTitle: null });
    expect((await listInvites(session.id)).find((item) => item.id === invite.id)?.status).toBe(
      'expired',
    );
    const erin = await t.register('Erin');
    const refused = await accept(invite.token, erin).expect(410);
    expect(errorOf(refused.body).code).toBe('INVITE_INVALID');
  });

  it('admits one candidate: anyone else on a candidate link gets 410', async () => {
    const fresh = await createSession(t, alice);
    const link = await createInvite(t, fresh.id, alice, 'candidate');
    const [first, second] = await Promise.all(['Frank', 'Gina'].map((name) => t.register(name)));
    if (!first || !second) throw new Error('registration failed');
    // Both at once: the session row lock lets exactly one in.
    const answers = await Promise.all([accept(link.token, first), accept(link.token, second)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 410]);
    const loser = answers.find((answer) => answer.status === 410);
    expect(errorOf(loser?.body).code).toBe('INVITE_INVALID');

    // A second candidate link does not make room for a second candidate either.
    const another = await createInvite(t, fresh.id, alice, 'candidate');
    // Both links say so before anyone tries them, and so does the interviewer's list.
    for (const token of [link.token, another.token]) {
      const previewed = invitePreviewSchema.parse((await preview(token).expect(200)).body);
      expect(previewed).toMatchObject({ status: 'taken', promptTitle: null });
    }
    const listed = await t
      .http()
      .get(`/api/sessions/${fresh.id}/invites`)
      .set(bearer(alice.token))
      .expect(200);
    expect((listed.body as Invite[]).map((invite) => invite.status)).toEqual(['taken', 'taken']);
    const henry = await t.register('Henry');
    await accept(another.token, henry).expect(410);
    const summary = await t
      .http()
      .get(`/api/sessions/${fresh.id}`)
      .set(bearer(alice.token))
      .expect(200);
    const candidates = (summary.body as SessionSummary).participants.filter(
      (participant) => participant.role === 'candidate',
    );
    expect(candidates).toHaveLength(1);
  });

  it(`holds ${MAX_PARTICIPANTS} people at most: one more gets 409 ROOM_FULL`, async () => {
    const full = await createSession(t, alice);
    const link = await createInvite(t, full.id, alice, 'observer');
    const guests = await Promise.all(
      Array.from({ length: MAX_PARTICIPANTS }, (_, index) => t.register(`Guest${index}`)),
    );
    const extra = guests.pop();
    if (!extra) throw new Error('registration failed');
    for (const guest of guests) await accept(link.token, guest).expect(201);
    const previewed = invitePreviewSchema.parse((await preview(link.token).expect(200)).body);
    expect(previewed.status).toBe('full');
    const refused = await accept(link.token, extra).expect(409);
    expect(errorOf(refused.body).code).toBe('ROOM_FULL');
    const summary = await t
      .http()
      .get(`/api/sessions/${full.id}`)
      .set(bearer(alice.token))
      .expect(200);
    expect((summary.body as SessionSummary).participants).toHaveLength(MAX_PARTICIPANTS);
    // Someone already inside may still accept again.
    await accept(link.token, guests[0] ?? extra).expect(201);
  });
});
