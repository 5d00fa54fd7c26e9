import { randomUUID } from 'node:crypto';
import type { RoomState } from '@signal-room/domain';
import type { CommandAck, CreateSessionBody, JoinAck } from '@signal-room/protocol';
import type { Server } from 'socket.io';
import type { Cast, TestClient, TestApp } from '../testing/test-app';
import { createStaffedSession, roomViewOf, startTestApp } from '../testing/test-app';
import { TEST_DATABASE_KINDS } from '../testing/test-databases';
import { viewerRoom } from './room-broadcaster';
import { MAX_MESSAGE_BYTES, RoomsGateway } from './rooms.gateway';
import { SessionEventEntity } from './session-event.entity';

type Seat = keyof Cast;

/** Commands per second per socket; bursts may reach twice this. */
const RATE = 20;

interface Room {
  sessionId: string;
  interviewer: TestClient;
  candidate: TestClient;
  observer: TestClient;
}

const seqOf = (ack: CommandAck): number => {
  if (!ack.ok) throw new Error(`command refused: ${ack.error.code} ${ack.error.message}`);
  return ack.seq;
};

const refusal = (code: string) => ({
  ok: false,
  error: expect.objectContaining({ code, message: expect.any(String) }),
});

describe.each(TEST_DATABASE_KINDS)('room reliability on %s PostgreSQL', (kind) => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await startTestApp(kind, { commandRatePerSecond: RATE });
    cast = {
      interviewer: await t.register('Iris'),
      candidate: await t.register('Cole'),
      observer: await t.register('Omar'),
    };
  });
  afterAll(() => t?.close());

  async function openRoom(body?: Partial<CreateSessionBody>): Promise<Room> {
    const { id: sessionId } = await createStaffedSession(t, cast, body);
    const room = { sessionId } as Room;
    for (const seat of ['interviewer', 'candidate', 'observer'] as const) {
      room[seat] = await t.connect(cast[seat].token);
      expect(await room[seat].join(sessionId)).toMatchObject({ ok: true, role: seat });
    }
    return room;
  }

  const viewOf = (room: Room, seat: Seat): Promise<RoomState> =>
    roomViewOf(t, room.sessionId, cast[seat].token);

  /** Closes a seat's socket and waits until everyone else has seen it leave. */
  async function leave(room: Room, seat: Seat): Promise<void> {
    const before = (await viewOf(room, 'interviewer')).seq;
    room[seat].close();
    for (const other of ['interviewer', 'candidate', 'observer'] as const) {
      if (other !== seat) await room[other].settle(before + 1);
    }
    expect((await viewOf(room, 'interviewer')).participants[cast[seat].user.id]?.online).toBe(
      false,
    );
  }

  /** A new socket for the seat that starts from the view it held before it dropped. */
  async function reconnect(room: Room, seat: Seat, held: RoomState): Promise<JoinAck> {
    const client = await t.connect(cast[seat].token);
    client.state = held;
    room[seat] = client;
    return client.join(room.sessionId, held.seq);
  }

  describe('idempotent retries', () => {
    it.each(['one after another', 'all at once'])(
      'the same command sent ten times %s is applied once',
      async (mode) => {
        const room = await openRoom();
        const clientEventId = randomUUID();
        const send = () =>
          room.interviewer.command(
            room.sessionId,
            'evidence.add',
            { signal: 'production', polarity: 'strong', note: 'Named the retry storm' },
            clientEventId,
          );
        let acks: CommandAck[] = [];
        if (mode === 'all at once') {
          acks = await Promise.all(Array.from({ length: 10 }, send));
        } else {
          for (let i = 0; i < 10; i += 1) acks.push(await send());
        }

        const seq = seqOf(acks[0] as CommandAck);
        for (const ack of acks)
          expect(ack).toEqual({ ok: true, seq, duplicate: expect.any(Boolean) });
        const firsts = acks.filter((ack) => ack.ok && !ack.duplicate);
        expect(firsts).toHaveLength(1);
        if (mode === 'one after another') expect(acks[0]).toMatchObject({ duplicate: false });

        const view = await viewOf(room, 'interviewer');
        expect(view.seq).toBe(seq);
        expect(view.scorecards[cast.interviewer.user.id]?.evidence).toEqual([
          expect.objectContaining({ id: clientEventId, note: 'Named the retry storm' }),
        ]);
        await expect(
          t.dataSource
            .getRepository(SessionEventEntity)
            .countBy({ sessionId: room.sessionId, type: 'evidence.added' }),
        ).resolves.toBe(1);
        await room.interviewer.flush();
        const added = room.interviewer.frames.filter(
          (frame) => frame.name === 'room:event' && frame.message.event.type === 'evidence.added',
        );
        expect(added).toHaveLength(1);
      },
    );

    it('a retried two-event command is answered with the seq of its last event', async () => {
      const room = await openRoom({ visibility: 'coaching' });
      const clientEventId = randomUUID();
      const first = await room.interviewer.command(
        room.sessionId,
        'session.end',
        {},
        clientEventId,
      );
      const seq = seqOf(first);
      const view = await viewOf(room, 'interviewer');
      // Ending a coaching round releases its feedback in the same batch.
      expect(view).toMatchObject({ seq, status: 'ended', feedbackReleased: true });
      // A later event by the same person must not be taken for part of the first command.
      seqOf(await room.interviewer.command(room.sessionId, 'prompt.reveal', {}));
      const retry = await room.interviewer.command(
        room.sessionId,
        'session.end',
        {},
        clientEventId,
      );
      expect(retry).toEqual({ ok: true, seq, duplicate: true });
    });

    it('a retry on a new connection, after the first answer was lost, is answered alike', async () => {
      const room = await openRoom();
      const clientEventId = randomUUID();
      const first = await room.interviewer.command(
        room.sessionId,
        'phase.change',
        { phaseId: 'choose-design' },
        clientEventId,
      );
      await leave(room, 'interviewer');
      const again = await t.connect(cast.interviewer.token);
      const retry = await again.command(
        room.sessionId,
        'phase.change',
        { phaseId: 'choose-design' },
        clientEventId,
      );
      expect(retry).toEqual({ ok: true, seq: seqOf(first), duplicate: true });
      expect((await viewOf(room, 'interviewer')).phases).toEqual([
        expect.objectContaining({ phaseId: 'choose-design' }),
      ]);
    });
  });

  describe('catching up after a reconnect', () => {
    it('a client that missed a few events it may see gets those events', async () => {
      const room = await openRoom();
      await room.candidate.flush();
      const before = structuredClone(await room.candidate.settle(0));
      await leave(room, 'candidate');
      seqOf(await room.interviewer.command(room.sessionId, 'timer.start', {}));
      seqOf(
        await room.interviewer.command(room.sessionId, 'phase.change', {
          phaseId: 'clarify-scope',
        }),
      );
      // Private to staff: it must be skipped, not sent and not turned into a snapshot.
      seqOf(
        await room.interviewer.command(room.sessionId, 'evidence.add', {
          signal: 'framing',
          polarity: 'weak',
          note: 'Jumped to a queue before asking about volume',
        }),
      );
      seqOf(await room.interviewer.command(room.sessionId, 'timer.pause', {}));

      const answer = await reconnect(room, 'candidate', before);
      expect(answer).toMatchObject({ ok: true, role: 'candidate', snapshot: null });
      expect(answer.ok && answer.events.map((event) => event.type)).toEqual([
        'participant.left',
        'timer.started',
        'phase.changed',
        'timer.paused',
        'participant.joined',
      ]);
      const view = await viewOf(room, 'candidate');
      expect(room.candidate.state).toEqual(view);
      expect(view.scorecards).toEqual({});
    });

    it.each([
      ['candidate', 'feedback was released'],
      ['observer', 'the round ended'],
    ] as const)('the %s, who could see more once %s, gets a snapshot', async (seat, _moment) => {
      const room = await openRoom();
      await room[seat].flush();
      const held = structuredClone(await room[seat].settle(0));
      await leave(room, seat);
      seqOf(
        await room.interviewer.command(room.sessionId, 'evidence.add', {
          signal: 'architecture',
          polarity: 'strong',
          note: 'Compared a log with a queue',
        }),
      );
      seqOf(
        await room.interviewer.command(room.sessionId, 'score.set', {
          signal: 'architecture',
          score: 4,
        }),
      );
      seqOf(await room.interviewer.command(room.sessionId, 'session.end', {}));
      if (seat === 'candidate') {
        seqOf(await room.interviewer.command(room.sessionId, 'feedback.release', {}));
      }

      const answer = await reconnect(room, seat, held);
      expect(answer).toMatchObject({ ok: true, role: seat, events: [] });
      expect(answer.ok && answer.snapshot).toBeTruthy();
      const view = await viewOf(room, seat);
      expect(room[seat].state).toEqual(view);
      expect(view.scorecards[cast.interviewer.user.id]?.scores.architecture).toBe(4);
    });

    it('a client claiming a sequence the server never reached gets a snapshot', async () => {
      const room = await openRoom();
      const client = await t.connect(cast.candidate.token);
      const answer = await client.join(room.sessionId, 10_000);
      expect(answer).toMatchObject({ ok: true, events: [] });
      expect(answer.ok && answer.snapshot).toEqual(await viewOf(room, 'candidate'));
    });
  });

  describe('refused messages', () => {
    type Body = (sessionId: string) => unknown;
    const command = (type: string, payload: unknown) => (sessionId: string) => ({
      sessionId,
      clientEventId: randomUUID(),
      type,
      payload,
    });
    const commandCases: [string, string, Body][] = [
      [
        'a score that is a string',
        'INVALID_PAYLOAD',
        command('score.set', { signal: 'framing', score: '4' }),
      ],
      [
        'a score out of range',
        'INVALID_PAYLOAD',
        command('score.set', { signal: 'framing', score: 6 }),
      ],
      [
        'an unknown signal',
        'INVALID_PAYLOAD',
        command('score.set', { signal: 'charisma', score: 4 }),
      ],
      [
        'a timer extension by a fraction',
        'INVALID_PAYLOAD',
        command('timer.extend', { byMs: 6e4 + 0.5 }),
      ],
      ['a payload that is a string', 'INVALID_PAYLOAD', command('score.set', 'framing=4')],
      ['a missing payload', 'INVALID_PAYLOAD', command('score.set', undefined)],
      ['a null payload', 'INVALID_PAYLOAD', command('prompt.reveal', null)],
      [
        'an extra field in the payload',
        'INVALID_PAYLOAD',
        command('score.set', { signal: 'framing', score: 4, weight: 2 }),
      ],
      [
        'an extra field in an empty payload',
        'INVALID_PAYLOAD',
        command('session.end', { reason: 'time-up' }),
      ],
      [
        'an extra field in the envelope',
        'INVALID_PAYLOAD',
        (sessionId) => ({
          ...command('timer.start', {})(sessionId),
          actorId: cast.candidate.user.id,
        }),
      ],
      ['an unknown command type', 'INVALID_PAYLOAD', command('session.delete', {})],
      [
        'a missing clientEventId',
        'INVALID_PAYLOAD',
        (sessionId) => ({ sessionId, type: 'timer.start', payload: {} }),
      ],
      [
        'a clientEventId that is not a UUID',
        'INVALID_PAYLOAD',
        (sessionId) => ({ sessionId, clientEventId: 'retry-1', type: 'timer.start', payload: {} }),
      ],
      [
        'a sessionId that is not a UUID',
        'INVALID_PAYLOAD',
        () => command('timer.start', {})('session-1'),
      ],
      ['a body that is a string', 'INVALID_PAYLOAD', () => 'timer.start'],
      ['a body that is null', 'INVALID_PAYLOAD', () => null],
      [
        'a __proto__ key in the payload',
        'INVALID_PAYLOAD',
        command(
          'score.set',
          JSON.parse('{"signal":"framing","score":4,"__proto__":{"polluted":1}}'),
        ),
      ],
      [
        'a payload that is only a __proto__ key',
        'INVALID_PAYLOAD',
        command('score.set', JSON.parse('{"__proto__":{"signal":"framing","score":4}}')),
      ],
      [
        'a __proto__ key in an empty payload',
        'INVALID_PAYLOAD',
        command('prompt.reveal', JSON.parse('{"__proto__":{"polluted":1}}')),
      ],
      [
        'a __proto__ key in the envelope',
        'INVALID_PAYLOAD',
        (sessionId) =>
          JSON.parse(
            JSON.stringify(command('timer.start', {})(sessionId)).replace(
              /}$/,
              ',"__proto__":{"polluted":1}}',
            ),
          ),
      ],
      [
        'an evidence note over 2,000 characters',
        'INVALID_PAYLOAD',
        command('evidence.add', { signal: 'framing', polarity: 'weak', note: 'n'.repeat(2001) }),
      ],
      [
        'a message over 64 KB',
        'PAYLOAD_TOO_LARGE',
        command('evidence.add', {
          signal: 'framing',
          polarity: 'weak',
          note: 'n'.repeat(MAX_MESSAGE_BYTES + 1),
        }),
      ],
    ];

    const joinCases: [string, string, Body][] = [
      ['a join without a session', 'INVALID_PAYLOAD', () => ({})],
      ['a join to a session id that is not a UUID', 'INVALID_PAYLOAD', () => ({ sessionId: 'x' })],
      [
        'a join from a negative sequence',
        'INVALID_PAYLOAD',
        (sessionId) => ({ sessionId, lastSeq: -1 }),
      ],
      [
        'a join with an extra field',
        'INVALID_PAYLOAD',
        (sessionId) => ({ sessionId, role: 'interviewer' }),
      ],
      [
        'a join with a __proto__ key',
        'INVALID_PAYLOAD',
        (sessionId) => JSON.parse(`{"sessionId":"${sessionId}","__proto__":{"polluted":1}}`),
      ],
      [
        'a join over 64 KB',
        'PAYLOAD_TOO_LARGE',
        (sessionId) => ({ sessionId, padding: 'p'.repeat(MAX_MESSAGE_BYTES) }),
      ],
    ];

    let room: Room;
    let seq: number;

    beforeAll(async () => {
      room = await openRoom();
      seq = seqOf(await room.interviewer.command(room.sessionId, 'timer.start', {}));
      await room.interviewer.settle(seq);
    });

    afterEach(async () => {
      // Nothing was committed, nothing was broadcast, and nothing leaked into the prototypes.
      const view = await viewOf(room, 'interviewer');
      expect(view.seq).toBe(seq);
      await room.interviewer.flush();
      expect(room.interviewer.state).toEqual(view);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    });

    it.each(commandCases)('a command with %s gets %s', async (_name, code, body) => {
      const frames = room.interviewer.frames.length;
      expect(await room.interviewer.raw('room:command', body(room.sessionId))).toEqual(
        refusal(code),
      );
      expect(room.interviewer.frames.length).toBe(frames);
    });

    it.each(joinCases)('%s gets %s', async (_name, code, body) => {
      const client = await t.connect(cast.observer.token);
      expect(await client.raw('room:join', body(room.sessionId))).toEqual(refusal(code));
      await client.flush();
      expect(client.frames).toEqual([]);
    });

    it('names the field at fault', async () => {
      const answer = await room.interviewer.raw(
        'room:command',
        command('score.set', { signal: 'framing', score: 9 })(room.sessionId),
      );
      expect(answer).toMatchObject({
        ok: false,
        error: { code: 'INVALID_PAYLOAD', issues: [expect.objectContaining({ path: 'score' })] },
      });
    });
  });

  describe('rate limit', () => {
    it('a burst from one socket is cut short, and a socket in another room is unaffected', async () => {
      const busy = await openRoom();
      const quiet = await openRoom();
      const before = (await viewOf(busy, 'interviewer')).seq;

      const burst = Array.from({ length: 100 }, (_, i) =>
        busy.interviewer.command(busy.sessionId, 'score.set', {
          signal: 'framing',
          score: ((i % 5) + 1) as 1 | 2 | 3 | 4 | 5,
        }),
      );
      const elsewhere = quiet.interviewer.command(quiet.sessionId, 'timer.start', {});
      const acks = await Promise.all(burst);

      expect(await elsewhere).toMatchObject({ ok: true, duplicate: false });
      const accepted = acks.filter((ack) => ack.ok);
      const limited = acks.filter((ack) => !ack.ok);
      for (const ack of limited) {
        expect(ack).toEqual({
          ok: false,
          error: expect.objectContaining({ code: 'RATE_LIMITED', retryable: true }),
        });
      }
      // The burst arrives well within one window: at most twice the per-second rate gets in.
      expect(accepted.length).toBeGreaterThan(0);
      expect(accepted.length).toBeLessThanOrEqual(2 * RATE);
      expect(limited.length).toBe(100 - accepted.length);
      // Exactly the accepted commands were committed.
      expect((await viewOf(busy, 'interviewer')).seq).toBe(before + accepted.length);
    });
  });

  describe('a socket that goes on flooding', () => {
    it('is cut off once it has run into many refusals; other people carry on', async () => {
      const flooding = await openRoom();
      const quiet = await openRoom();
      const cut = new Promise<string>((resolve) =>
        flooding.interviewer.socket.once('disconnect', (reason) => resolve(reason)),
      );
      // Far past the limit: 2×RATE get in, the next 5×RATE refusals are let by, then it is cut.
      const flood = Array.from({ length: 20 * RATE }, () =>
        flooding.interviewer.command(flooding.sessionId, 'move.mark', { move: 'narrow-scope' }),
      );
      expect(await cut).toBe('io server disconnect');
      await Promise.allSettled(flood);
      // Other people carry on (the flooder's own sockets are held to the person's limit).
      expect(
        await quiet.observer.command(quiet.sessionId, 'score.set', { signal: 'framing', score: 3 }),
      ).toMatchObject({ ok: true });
      // The flooded room itself still answers its other members.
      expect(
        await flooding.observer.command(flooding.sessionId, 'score.set', {
          signal: 'framing',
          score: 3,
        }),
      ).toMatchObject({ ok: true });
    });
  });

  describe('a node behind its load', () => {
    it('refuses what it cannot take as retryable, and every retry then applies once', async () => {
      // A node of its own that works on at most 4 commands at a time, with no rate limit.
      const small = await startTestApp(kind, {
        commandRatePerSecond: 10_000,
        userCommandRatePerSecond: 10_000,
        commandQueueLimit: 4,
      });
      try {
        const people = {
          interviewer: await small.register('Ida'),
          candidate: await small.register('Carl'),
          observer: await small.register('Olga'),
        };
        const rooms = await Promise.all(
          [1, 2, 3].map(async () => {
            const { id } = await createStaffedSession(small, people);
            const client = await small.connect(people.interviewer.token);
            expect(await client.join(id)).toMatchObject({ ok: true });
            return { id, client };
          }),
        );
        const sends = rooms.flatMap((room) =>
          Array.from({ length: 20 }, (_, i) => ({ room, id: randomUUID(), note: `note ${i}` })),
        );
        const send = ({ room, id, note }: (typeof sends)[number]) =>
          room.client.command(
            room.id,
            'evidence.add',
            { signal: 'framing', polarity: 'strong', note },
            id,
          );

        const first = await Promise.all(sends.map(send));
        const refused = sends.filter((_, i) => !first[i]?.ok);
        for (const ack of first.filter((answer) => !answer.ok)) {
          expect(ack).toEqual({
            ok: false,
            error: expect.objectContaining({ code: 'UNAVAILABLE', retryable: true }),
          });
        }
        expect(refused.length).toBeGreaterThan(0);
        expect(refused.length).toBeLessThan(sends.length);

        // Retried one at a time with the same ids, as a client does: every one now lands.
        for (const retry of refused) expect(await send(retry)).toMatchObject({ ok: true });
        for (const room of rooms) {
          const stored = await small.dataSource.getRepository(SessionEventEntity).findBy({
            sessionId: room.id,
            type: 'evidence.added',
          });
          expect(stored.map((row) => row.clientEventId).sort()).toEqual(
            sends
              .filter((sent) => sent.room === room)
              .map((sent) => sent.id)
              .sort(),
          );
        }
      } finally {
        await small.close();
      }
    });
  });

  describe('presence', () => {
    // The server's own list of a user's sockets tells when it has handled a disconnect; a
    // client cannot observe the absence of a presence event any other way.
    const socketsOf = (sessionId: string, userId: string) =>
      (t.app.get(RoomsGateway) as unknown as { server: Server }).server
        .in(viewerRoom(sessionId, userId))
        .fetchSockets();

    const online = (state: RoomState | null) =>
      Object.fromEntries(
        Object.values(state?.participants ?? {}).map((p) => [p.displayName, p.online]),
      );

    it('shows who is in the room as they join and leave', async () => {
      const { id: sessionId } = await createStaffedSession(t, cast);
      const interviewer = await t.connect(cast.interviewer.token);
      await interviewer.join(sessionId);
      expect(online(interviewer.state)).toEqual({ Iris: true });

      const candidate = await t.connect(cast.candidate.token);
      await candidate.join(sessionId);
      const observer = await t.connect(cast.observer.token);
      await observer.join(sessionId);
      const joined = (await roomViewOf(t, sessionId, cast.interviewer.token)).seq;
      for (const client of [interviewer, candidate, observer]) {
        await client.settle(joined);
        expect(online(client.state)).toEqual({ Iris: true, Cole: true, Omar: true });
      }

      observer.close();
      await interviewer.settle(joined + 1);
      await candidate.settle(joined + 1);
      expect(online(interviewer.state)).toEqual({ Iris: true, Cole: true, Omar: false });
      expect(candidate.state).toEqual(await roomViewOf(t, sessionId, cast.candidate.token));

      const back = await t.connect(cast.observer.token);
      await back.join(sessionId);
      await interviewer.settle(joined + 2);
      expect(online(interviewer.state)).toEqual({ Iris: true, Cole: true, Omar: true });
      expect(back.state).toEqual(await roomViewOf(t, sessionId, cast.observer.token));
    });

    it('keeps a user online while another of their sockets is still in the room', async () => {
      const room = await openRoom();
      const joined = (await viewOf(room, 'interviewer')).seq;
      const secondTab = await t.connect(cast.candidate.token);
      await secondTab.join(room.sessionId);
      expect((await viewOf(room, 'interviewer')).seq).toBe(joined);

      room.candidate.close();
      const userId = cast.candidate.user.id;
      const deadline = Date.now() + 5000;
      while ((await socketsOf(room.sessionId, userId)).length > 1 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(await socketsOf(room.sessionId, userId)).toHaveLength(1);
      const next = seqOf(
        await room.interviewer.command(room.sessionId, 'phase.change', {
          phaseId: 'clarify-scope',
        }),
      );
      expect(next).toBe(joined + 1);
      expect((await room.interviewer.settle(next)).participants[userId]?.online).toBe(true);

      secondTab.close();
      await room.interviewer.settle(next + 1);
      expect(room.interviewer.state?.participants[userId]?.online).toBe(false);
    });

    it('marks a user offline in every room their socket had joined', async () => {
      const sessions = [await createStaffedSession(t, cast), await createStaffedSession(t, cast)];
      const observer = await t.connect(cast.observer.token);
      const watchers: [string, TestClient, number][] = [];
      for (const { id } of sessions) {
        const interviewer = await t.connect(cast.interviewer.token);
        await interviewer.join(id);
        expect(await observer.join(id)).toMatchObject({ ok: true, role: 'observer' });
        const seq = (await roomViewOf(t, id, cast.interviewer.token)).seq;
        expect((await interviewer.settle(seq)).participants[cast.observer.user.id]?.online).toBe(
          true,
        );
        watchers.push([id, interviewer, seq]);
      }

      observer.close();
      for (const [id, interviewer, seq] of watchers) {
        const state = await interviewer.settle(seq + 1);
        expect(state.participants[cast.observer.user.id]?.online).toBe(false);
        expect(state).toEqual(await roomViewOf(t, id, cast.interviewer.token));
      }
    });
  });
});
