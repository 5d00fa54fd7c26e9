import { randomUUID } from 'node:crypto';
import type { RoomEvent, RoomState } from '@signal-room/domain';
import { SYSTEM_ACTOR_ID, promptsFor } from '@signal-room/domain';
import type { AuthResponse, SessionSummary } from '@signal-room/protocol';
import type { TestClient, TestApp } from '../testing/test-app';
import { roomViewOf, startSecondNode, startTestApp } from '../testing/test-app';
import { TEST_DATABASE_KINDS } from '../testing/test-databases';
import { accepted, admit, bearer, createSession } from '../testing/test-http';
import { RoomsScheduler } from './rooms.scheduler';
import { RoomsService } from './rooms.service';

const MINUTE = 60_000;
const realNow = Date.now.bind(Date);

/**
 * Moves the clock the app reads (every time on the room's write path is the app's Date.now,
 * passed into the domain) `ms` ahead, still ticking. The database keeps its own clock, which
 * the room never consults.
 */
const skipAhead = (ms: number) => jest.spyOn(Date, 'now').mockImplementation(() => realNow() + ms);

/** Polls a client's view until `done` holds. */
async function until(
  client: TestClient,
  done: (state: RoomState) => boolean,
  timeoutMs = 5000,
): Promise<RoomState> {
  const deadline = Date.now() + timeoutMs;
  while (!client.state || !done(client.state)) {
    if (Date.now() > deadline) throw new Error(`client state never matched: ${client.state?.seq}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return client.state;
}

interface EndRow {
  status: string;
  deadline_at: Date | null;
  ended_at: Date | null;
  ends: string;
  feedback: string;
}

const endRowOf = async (t: TestApp, sessionId: string): Promise<EndRow | undefined> =>
  (
    await t.dataSource.query<EndRow[]>(
      `SELECT s.status, s.deadline_at, s.ended_at,
              (SELECT count(*)::text FROM session_events e
                WHERE e.session_id = s.id AND e.type = 'session.ended') AS ends,
              (SELECT count(*)::text FROM feedback f WHERE f.session_id = s.id) AS feedback
         FROM sessions s WHERE s.id = $1`,
      [sessionId],
    )
  )[0];

/** The end of the round as a client received it live, if it did. */
function liveEndOf(client: TestClient): RoomEvent | undefined {
  for (const frame of client.frames) {
    if (frame.name === 'room:event' && frame.message.event.type === 'session.ended') {
      return frame.message.event;
    }
  }
  return undefined;
}

describe.each(TEST_DATABASE_KINDS)('the life of a round on %s PostgreSQL', (kind) => {
  afterEach(() => jest.restoreAllMocks());

  describe('when its time runs out', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp(kind, { endGraceMs: MINUTE });
    });
    afterAll(() => t?.close());

    it('is ended by the scheduler after the grace, and everyone in the room hears it live', async () => {
      const [alice, bob] = await Promise.all([t.register('Alice'), t.register('Bob')]);
      const session = await createSession(t, alice, { durationMinutes: 5 });
      await admit(t, session.id, alice, bob, 'candidate');
      const interviewer = await t.connect(alice.token);
      const candidate = await t.connect(bob.token);
      await interviewer.join(session.id);
      await candidate.join(session.id);
      await accepted(interviewer.command(session.id, 'timer.start', {}));

      // Out of time but within the grace: the interviewer may still be wrapping up.
      skipAhead(5 * MINUTE + 30_000);
      expect(await t.app.get(RoomsService).endOverdue()).toBe(0);
      expect(await endRowOf(t, session.id)).toMatchObject({ status: 'live', ends: '0' });

      // Past the grace, nobody sends anything: the scheduler's sweep alone ends the round.
      skipAhead(6 * MINUTE + 5_000);
      for (const client of [interviewer, candidate]) {
        const state = await until(client, (view) => view.status === 'ended');
        expect(state.endReason).toBe('time-up');
        expect(liveEndOf(client)).toMatchObject({
          actorId: SYSTEM_ACTOR_ID,
          payload: { reason: 'time-up' },
        });
      }
      expect(await endRowOf(t, session.id)).toMatchObject({
        status: 'ended',
        deadline_at: null,
        ended_at: expect.any(Date),
        ends: '1',
        feedback: '1',
      });
      const summary = await t
        .http()
        .get(`/api/sessions/${session.id}`)
        .set(bearer(alice.token))
        .expect(200);
      expect(summary.body).toMatchObject({ status: 'ended', endedAt: expect.any(String) });
    });
  });

  describe('when two nodes race to end it', () => {
    let first: TestApp;
    let second: TestApp;

    beforeAll(async () => {
      first = await startTestApp(kind, { endGraceMs: 0 });
      second = await startSecondNode(first);
      // The test sweeps itself, on both nodes at once, rather than waiting on their timers.
      for (const node of [first, second]) {
        await node.app.get(RoomsScheduler).onApplicationShutdown();
      }
    });
    afterAll(async () => {
      await second?.close();
      await first?.close();
    });

    const sweepBoth = () =>
      Promise.all([first, second].map((node) => node.app.get(RoomsService).endOverdue()));

    it('ends each overdue round exactly once, and whoever is in the room learns of it', async () => {
      const [alice, bob] = await Promise.all([first.register('Alice'), first.register('Bob')]);
      const sessions: SessionSummary[] = [];
      for (let index = 0; index < 4; index += 1) {
        sessions.push(await createSession(first, alice, { durationMinutes: 5 }));
      }
      const [watched] = sessions;
      if (!watched) throw new Error('no session');
      await admit(first, watched.id, alice, bob, 'candidate');

      // Bob is in the room through the second node, Alice through the first.
      const onSecond = await second.connect(bob.token);
      const onFirst = await first.connect(alice.token);
      await onSecond.join(watched.id);
      await onFirst.join(watched.id);
      for (const session of sessions) {
        await accepted(onFirst.command(session.id, 'timer.start', {}));
      }
      // Events committed on one node reach the other's clients when they rejoin.
      await onSecond.join(watched.id, onSecond.state?.seq);
      expect(await sweepBoth()).toEqual([0, 0]);

      const clock = skipAhead(6 * MINUTE);
      const [byFirst = 0, bySecond = 0] = await sweepBoth();
      expect(byFirst + bySecond).toBe(sessions.length);
      for (const session of sessions) {
        expect(await endRowOf(first, session.id)).toMatchObject({
          status: 'ended',
          deadline_at: null,
          ended_at: expect.any(Date),
          ends: '1',
          feedback: '1',
        });
      }
      expect(await sweepBoth()).toEqual([0, 0]);
      // socket.io's client reads the same clock: it is put back before the clients speak again.
      clock.mockRestore();

      // The node that ended the round told its own client at once.
      for (const client of [onFirst, onSecond]) await client.flush();
      const live = [onFirst, onSecond].map(liveEndOf).filter((event) => event !== undefined);
      expect(live.length).toBeGreaterThanOrEqual(1);
      expect(live[0]).toMatchObject({
        actorId: SYSTEM_ACTOR_ID,
        payload: { reason: 'time-up' },
      });
      // Any client that has not heard yet is brought up to date by rejoining; then every
      // client holds exactly what the server says it may see.
      const server = await roomViewOf(second, watched.id, alice.token);
      expect(server).toMatchObject({ status: 'ended', endReason: 'time-up' });
      for (const [client, viewer] of [
        [onFirst, alice],
        [onSecond, bob],
      ] as const) {
        if (!liveEndOf(client)) {
          expect(await client.join(watched.id, client.state?.seq)).toMatchObject({ ok: true });
        }
        expect(await client.settle(server.seq)).toEqual(
          await roomViewOf(first, watched.id, viewer.token),
        );
      }
    });

    it('leaves a paused round alone, however long ago it started', async () => {
      const alice = await first.register('Alice');
      const session = await createSession(first, alice, { durationMinutes: 5 });
      const interviewer = await first.connect(alice.token);
      await interviewer.join(session.id);
      await accepted(interviewer.command(session.id, 'timer.start', {}));
      await accepted(interviewer.command(session.id, 'timer.pause', {}));
      interviewer.close();

      skipAhead(30 * MINUTE);
      expect(await sweepBoth()).toEqual([0, 0]);
      expect(await endRowOf(first, session.id)).toMatchObject({
        status: 'live',
        deadline_at: null,
        ends: '0',
      });
      // Half an hour later Alice is back: the time spent paused did not count.
      const back = await second.connect(alice.token);
      await back.join(session.id);
      await accepted(back.command(session.id, 'timer.resume', {}));
      expect(await sweepBoth()).toEqual([0, 0]);
      const [row] = await first.dataSource.query<{ deadline_at: Date }[]>(
        'SELECT deadline_at FROM sessions WHERE id = $1',
        [session.id],
      );
      expect(row?.deadline_at.getTime()).toBeGreaterThan(Date.now() + 4 * MINUTE);
    });
  });

  describe('in peer mode', () => {
    let t: TestApp;
    let alice: AuthResponse;
    let bob: AuthResponse;
    let olga: AuthResponse;

    beforeAll(async () => {
      t = await startTestApp(kind);
      [alice, bob, olga] = await Promise.all(
        ['Alice', 'Bob', 'Olga'].map((name) => t.register(name)),
      );
    });
    afterAll(() => t?.close());

    const summaryOf = async (sessionId: string, user: AuthResponse) =>
      (await t.http().get(`/api/sessions/${sessionId}`).set(bearer(user.token)).expect(200))
        .body as SessionSummary;

    it('swaps the peers into a linked second round with a fresh prompt, once', async () => {
      const session = await createSession(t, alice, {
        roundType: 'system-design',
        promptId: 'system-design-usage-metering',
        peerMode: true,
      });
      await admit(t, session.id, alice, bob, 'candidate');
      await admit(t, session.id, alice, olga, 'observer');
      const interviewer = await t.connect(alice.token);
      const candidate = await t.connect(bob.token);
      await interviewer.join(session.id);
      await candidate.join(session.id);

      const early = await candidate.command(session.id, 'roles.swap', {});
      expect(early).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });

      await accepted(interviewer.command(session.id, 'timer.start', {}));
      await accepted(interviewer.command(session.id, 'session.end', {}));
      const swapId = randomUUID();
      const seq = await accepted(candidate.command(session.id, 'roles.swap', {}, swapId));
      // A retry of the same command is answered, not applied: still one linked round.
      expect(await candidate.command(session.id, 'roles.swap', {}, swapId)).toEqual({
        ok: true,
        seq,
        duplicate: true,
      });
      const linked = await t.dataSource.query<{ id: string }[]>(
        'SELECT id FROM sessions WHERE previous_session_id = $1',
        [session.id],
      );
      expect(linked).toHaveLength(1);
      const nextId = linked[0]?.id ?? '';

      for (const client of [interviewer, candidate]) {
        expect((await client.settle(seq)).nextSessionId).toBe(nextId);
      }
      expect((await summaryOf(session.id, alice)).nextSessionId).toBe(nextId);

      const asBob = await summaryOf(nextId, bob);
      expect(asBob).toMatchObject({
        roundType: 'system-design',
        peerMode: true,
        status: 'waiting',
        myRole: 'interviewer',
        previousSessionId: session.id,
        nextSessionId: null,
        durationMinutes: session.durationMinutes,
        visibility: session.visibility,
      });
      expect(asBob.promptTitle).not.toBeNull();
      expect(asBob.promptTitle).not.toBe(session.promptTitle);
      expect((await summaryOf(nextId, alice)).myRole).toBe('candidate');
      expect((await summaryOf(nextId, olga)).myRole).toBe('observer');
      const room = await roomViewOf(t, nextId, bob.token);
      expect(room.interviewerId).toBe(bob.user.id);
      expect(room.prompt?.promptId).not.toBe('system-design-usage-metering');

      const again = await interviewer.command(session.id, 'roles.swap', {});
      expect(again).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });

      // In the new round the roles really are swapped.
      const newInterviewer = await t.connect(bob.token);
      const newCandidate = await t.connect(alice.token);
      expect(await newInterviewer.join(nextId)).toMatchObject({ ok: true, role: 'interviewer' });
      expect(await newCandidate.join(nextId)).toMatchObject({ ok: true, role: 'candidate' });
      const refused = await newCandidate.command(nextId, 'timer.start', {});
      expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ROLE' } });
      await accepted(newInterviewer.command(nextId, 'timer.start', {}));
    });

    it('gives each next round a prompt neither peer has answered as candidate, and says when it cannot', async () => {
      const [pia, quinn] = await Promise.all(['Pia', 'Quinn'].map((name) => t.register(name)));
      const [auction, metering, search] = promptsFor('system-design').map((prompt) => prompt.id);
      /** Ends the round and swaps: the linked round's prompt and note, as its interviewer sees. */
      const swap = async (sessionId: string, asker: AuthResponse, answerer: AuthResponse) => {
        const interviewer = await t.connect(asker.token);
        await interviewer.join(sessionId);
        await accepted(interviewer.command(sessionId, 'session.end', {}));
        await accepted(interviewer.command(sessionId, 'roles.swap', {}));
        interviewer.close();
        const { nextSessionId } = await summaryOf(sessionId, asker);
        const next = await summaryOf(nextSessionId ?? '', answerer);
        const room = await roomViewOf(t, next.id, answerer.token);
        return { id: next.id, promptId: room.prompt?.promptId, note: next.promptNote };
      };

      const first = await createSession(t, pia, {
        roundType: 'system-design',
        promptId: auction,
        peerMode: true,
      });
      await admit(t, first.id, pia, quinn, 'candidate');
      expect(first.promptNote).toBeNull();
      const second = await swap(first.id, pia, quinn);
      expect(second).toMatchObject({ promptId: metering, note: null });
      // Quinn answered the first prompt, Pia the second: the third round has a third.
      const third = await swap(second.id, quinn, pia);
      expect(third).toMatchObject({ promptId: search, note: null });
      // Between them every prompt is used: Pia gets the one only Quinn has answered, and is told.
      const fourth = await swap(third.id, pia, quinn);
      expect(fourth.promptId).toBe(auction);
      expect(fourth.note).toContain('new to the candidate');
      expect((await summaryOf(fourth.id, quinn)).promptNote).toBe(fourth.note);
    });

    it('lets no observer swap roles', async () => {
      const session = await createSession(t, alice, { peerMode: true });
      await admit(t, session.id, alice, bob, 'candidate');
      await admit(t, session.id, alice, olga, 'observer');
      const interviewer = await t.connect(alice.token);
      const observer = await t.connect(olga.token);
      await interviewer.join(session.id);
      await observer.join(session.id);
      await accepted(interviewer.command(session.id, 'session.end', {}));
      const refused = await observer.command(session.id, 'roles.swap', {});
      expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ROLE' } });
    });

    it('refuses to swap roles outside peer mode, and creates nothing', async () => {
      const session = await createSession(t, alice, { peerMode: false });
      const interviewer = await t.connect(alice.token);
      await interviewer.join(session.id);
      await accepted(interviewer.command(session.id, 'session.end', {}));
      const refused = await interviewer.command(session.id, 'roles.swap', {});
      expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
      const linked = await t.dataSource.query<unknown[]>(
        'SELECT id FROM sessions WHERE previous_session_id = $1',
        [session.id],
      );
      expect(linked).toEqual([]);
    });

    it('refuses to swap a round that has no candidate, and creates nothing', async () => {
      const session = await createSession(t, alice, { peerMode: true });
      const interviewer = await t.connect(alice.token);
      await interviewer.join(session.id);
      await accepted(interviewer.command(session.id, 'session.end', {}));
      const refused = await interviewer.command(session.id, 'roles.swap', {});
      expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
      const linked = await t.dataSource.query<unknown[]>(
        'SELECT id FROM sessions WHERE previous_session_id = $1',
        [session.id],
      );
      expect(linked).toEqual([]);
    });
  });
});
