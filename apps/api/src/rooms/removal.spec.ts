import type { Invite } from '@signal-room/protocol';
import { errorResponseSchema } from '@signal-room/protocol';
import type { Cast, TestClient, TestApp } from '../testing/test-app';
import { createStaffedSession, registerCast, startTestApp } from '../testing/test-app';
import { TEST_DATABASE_KINDS } from '../testing/test-databases';

describe.each(TEST_DATABASE_KINDS)('removing a participant, on %s PostgreSQL', (kind) => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await startTestApp(kind);
    cast = await registerCast(t);
  });
  afterAll(() => t?.close());

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  async function liveRoom() {
    const { id } = await createStaffedSession(t, cast);
    const seats = {} as Record<keyof Cast, TestClient>;
    for (const seat of ['interviewer', 'candidate', 'observer'] as const) {
      seats[seat] = await t.connect(cast[seat].token);
      expect(await seats[seat].join(id)).toMatchObject({ ok: true });
    }
    expect(await seats.interviewer.command(id, 'timer.start', {})).toMatchObject({ ok: true });
    return { id, ...seats };
  }

  const removedFrom = (client: TestClient) =>
    new Promise<string>((resolve) =>
      client.socket.once('room:removed', ({ sessionId }) => resolve(sessionId)),
    );

  it('takes every socket of the person out of the room at once, and keeps them out', async () => {
    const room = await liveRoom();
    const secondTab = await t.connect(cast.observer.token);
    expect(await secondTab.join(room.id)).toMatchObject({ ok: true });
    const told = Promise.all([removedFrom(room.observer), removedFrom(secondTab)]);

    const ack = await room.interviewer.command(room.id, 'participant.remove', {
      userId: cast.observer.user.id,
    });
    expect(ack).toMatchObject({ ok: true });
    expect(await told).toEqual([room.id, room.id]);
    const state = await room.interviewer.settle(ack.ok ? ack.seq : 0);
    expect(Object.keys(state.participants)).not.toContain(cast.observer.user.id);

    // Nothing more reaches their sockets, and nothing they send is taken.
    const framesBefore = room.observer.frames.length;
    expect(await room.interviewer.command(room.id, 'hint.reveal', {})).toBeDefined();
    await room.candidate.flush();
    await room.observer.flush();
    expect(room.observer.frames.length).toBe(framesBefore);
    expect(
      await room.observer.command(room.id, 'score.set', { signal: 'framing', score: 3 }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_A_PARTICIPANT' } });
    expect(await secondTab.join(room.id)).toMatchObject({
      ok: false,
      error: { code: 'NOT_A_PARTICIPANT' },
    });
    const read = await t.http().get(`/api/sessions/${room.id}`).set(bearer(cast.observer.token));
    expect(read.status).toBe(404);
    expect(errorResponseSchema.parse(read.body).error.code).toBe('SESSION_NOT_FOUND');
  });

  it('does not let an old link bring the person back; a link made after does', async () => {
    const room = await liveRoom();
    const invite = async () =>
      (
        await t
          .http()
          .post(`/api/sessions/${room.id}/invites`)
          .set(bearer(cast.interviewer.token))
          .send({ role: 'observer' })
          .expect(201)
      ).body as Invite;
    const before = await invite();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(
      await room.interviewer.command(room.id, 'participant.remove', {
        userId: cast.observer.user.id,
      }),
    ).toMatchObject({ ok: true });
    const refused = await t
      .http()
      .post(`/api/invites/${before.token ?? ''}/accept`)
      .set(bearer(cast.observer.token));
    expect(refused.status).toBe(410);
    expect(errorResponseSchema.parse(refused.body).error.code).toBe('INVITE_INVALID');

    const after = await invite();
    await t
      .http()
      .post(`/api/invites/${after.token ?? ''}/accept`)
      .set(bearer(cast.observer.token))
      .expect(201);
    const back = await t.connect(cast.observer.token);
    expect(await back.join(room.id)).toMatchObject({ ok: true, role: 'observer' });
  });

  it('is the interviewer’s alone, never of the interviewer, and only of participants', async () => {
    const room = await liveRoom();
    const seq = room.interviewer.state?.seq ?? 0;
    const remove = (client: TestClient, userId: string) =>
      client.command(room.id, 'participant.remove', { userId });
    expect(await remove(room.candidate, cast.observer.user.id)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_ROLE' },
    });
    expect(await remove(room.observer, cast.candidate.user.id)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_ROLE' },
    });
    expect(await remove(room.interviewer, cast.interviewer.user.id)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    });
    const stranger = await t.register('Stranger');
    expect(await remove(room.interviewer, stranger.user.id)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    // Nothing was written, and everyone is still in.
    await room.interviewer.flush();
    expect(room.interviewer.state?.seq).toBe(seq);
    const members = await t.dataSource.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM participants WHERE session_id = $1',
      [room.id],
    );
    expect(members[0]?.n).toBe(3);
  });
});
