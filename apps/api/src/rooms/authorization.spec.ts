import { randomUUID } from 'node:crypto';
import type { Role, RoomCommandType, RoomPrompt, Scores } from '@signal-room/domain';
import { COMMAND_ROLES, ROLES, ROOM_COMMAND_TYPES } from '@signal-room/domain';
import type { CommandPayload, CreateSessionBody } from '@signal-room/protocol';
import jwt from 'jsonwebtoken';
import { io } from 'socket.io-client';
import type { Cast, TestClient, TestApp } from '../testing/test-app';
import { auditedRound, createStaffedSession, roomViewOf, startTestApp } from '../testing/test-app';
import { TEST_DATABASE_KINDS } from '../testing/test-databases';

const JWT_SECRET = 'a-test-signing-secret-of-at-least-32-chars';

/** Who sends a command: a participant in one of the roles, or a registered non-participant. */
type Sender = Role | 'stranger';

interface Room {
  sessionId: string;
  clients: Record<Role, TestClient>;
  stranger: TestClient;
  /** Gives the candidate an audit entry from an earlier round, listed here; its watch item id. */
  watchItem(): Promise<string>;
  /** Sends a command that must succeed, to set the scene. */
  must<T extends RoomCommandType>(
    role: Role,
    type: T,
    payload: CommandPayload<T>,
    clientEventId?: string,
  ): Promise<void>;
}

interface Scenario<T extends RoomCommandType> {
  session?: Partial<CreateSessionBody>;
  /** Brings the room to a state in which the command's preconditions hold; gives each payload. */
  prepare(room: Room): Promise<(sender: Sender) => CommandPayload<T>>;
}

/** A scenario with no preparation beyond `steps`, and the same payload from every sender. */
function given<T extends RoomCommandType>(
  payload: CommandPayload<T>,
  steps: (room: Room) => Promise<void> = () => Promise.resolve(),
  session?: Partial<CreateSessionBody>,
): Scenario<T> {
  return {
    session,
    prepare: async (room) => {
      await steps(room);
      return () => payload;
    },
  };
}

/**
 * Each party's own item (evidence or a mark) made by the interviewer and, where the command is
 * open to observers, by the observer; everyone else is pointed at the interviewer's.
 */
function ownItem<T extends RoomCommandType>(
  make: (room: Room, role: Role, id: string) => Promise<void>,
  payload: (id: string) => CommandPayload<T>,
  makers: readonly Role[],
): Scenario<T> {
  return {
    prepare: async (room) => {
      const ids = new Map<Role, string>();
      for (const role of makers) {
        const id = randomUUID();
        await make(room, role, id);
        ids.set(role, id);
      }
      const fallback = ids.get('interviewer') ?? '';
      return (sender) => payload(sender === 'stranger' ? fallback : (ids.get(sender) ?? fallback));
    },
  };
}

const PROMPT: RoomPrompt = {
  promptId: null,
  title: 'Rate limiter',
  body: 'Design a rate limiter for a public API.',
  hints: ['Where does the state live?'],
  followUps: ['What happens when a region fails?'],
  signals: ['architecture'],
  guide: null,
};

const SCORES: Scores = {
  framing: 3,
  coding: null,
  architecture: 4,
  production: null,
  delivery: null,
  leadership: null,
  communication: 3,
};

const end = (room: Room) => room.must('interviewer', 'session.end', {});
const addEvidence = (room: Room, role: Role, id: string) =>
  room.must(role, 'evidence.add', { signal: 'framing', polarity: 'weak', note: 'Rushed' }, id);

/** A recording the interviewer asked for, to which `consenting` have agreed; its id for all. */
function askedToRecord(
  consenting: readonly Role[] = [],
): Scenario<'recording.consent' | 'recording.decline' | 'recording.stop'> {
  return {
    prepare: async (room) => {
      const recordingId = randomUUID();
      await room.must('interviewer', 'recording.request', {}, recordingId);
      for (const role of consenting) await room.must(role, 'recording.consent', { recordingId });
      return () => ({ recordingId });
    },
  };
}

/** For every command, a room in which it may happen, so only the sender's role decides. */
const SCENARIOS: { [T in RoomCommandType]: Scenario<T> } = {
  'prompt.set': given({ prompt: PROMPT }),
  'prompt.reveal': given({}),
  'hint.reveal': given({}, (room) => room.must('interviewer', 'prompt.reveal', {})),
  'timer.start': given({}),
  'timer.pause': given({}, (room) => room.must('interviewer', 'timer.start', {})),
  'timer.resume': given({}, async (room) => {
    await room.must('interviewer', 'timer.start', {});
    await room.must('interviewer', 'timer.pause', {});
  }),
  'timer.extend': given({ byMs: 300_000 }, (room) => room.must('interviewer', 'timer.start', {})),
  'phase.change': given({ phaseId: 'clarify-scope' }, (room) =>
    room.must('interviewer', 'timer.start', {}),
  ),
  'evidence.add': given({ signal: 'architecture', polarity: 'strong', note: 'Named a trade-off' }),
  'evidence.edit': ownItem(
    addEvidence,
    (evidenceId) => ({ evidenceId, note: 'Rushed the failure modes' }),
    ['interviewer', 'observer'],
  ),
  'evidence.remove': ownItem(addEvidence, (evidenceId) => ({ evidenceId }), [
    'interviewer',
    'observer',
  ]),
  'score.set': given({ signal: 'framing', score: 4 }),
  'score.clear': given({ signal: 'framing' }, async (room) => {
    await room.must('interviewer', 'score.set', { signal: 'framing', score: 2 });
    await room.must('observer', 'score.set', { signal: 'framing', score: 3 });
  }),
  'move.mark': given({ move: 'narrow-scope' }),
  'move.unmark': ownItem(
    (room, role, id) => room.must(role, 'move.mark', { move: 'clarify-constraints' }, id),
    (markId) => ({ markId }),
    ['interviewer'],
  ),
  'flag.mark': given({ flag: 'signal-bloat' }),
  'flag.unmark': ownItem(
    (room, role, id) => room.must(role, 'flag.mark', { flag: 'ignored-hint' }, id),
    (markId) => ({ markId }),
    ['interviewer'],
  ),
  'watch.tick': {
    prepare: async (room) => {
      const itemId = await room.watchItem();
      await room.must('interviewer', 'timer.start', {});
      return () => ({ itemId });
    },
  },
  'watch.untick': {
    prepare: async (room) => {
      const itemId = await room.watchItem();
      await room.must('interviewer', 'timer.start', {});
      await room.must('interviewer', 'watch.tick', { itemId });
      return () => ({ itemId });
    },
  },
  'self-assessment.submit': given({ scores: SCORES, note: 'I ran out of time.' }, end),
  'summary.write': given({ text: 'Framed it well.', practiseNext: 'Name the risks.' }, (room) =>
    room.must('interviewer', 'timer.start', {}),
  ),
  'session.end': given({}, (room) => room.must('interviewer', 'timer.start', {})),
  'feedback.release': given({}, end),
  'roles.swap': given({}, end, { peerMode: true }),
  // Everyone is pointed at the observer (the interviewer cannot be removed at all).
  'participant.remove': {
    prepare: (room) => {
      const observer = Object.values(room.clients.interviewer.state?.participants ?? {}).find(
        (participant) => participant.role === 'observer',
      );
      return Promise.resolve(() => ({ userId: observer?.userId ?? '' }));
    },
  },
  'code.run': given({
    language: 'python',
    status: 'ok',
    output: '42\n',
    durationMs: 120,
    codeVersion: '0'.repeat(64),
  }),
  'workspace.set': given({ padLocked: true }),
  'meeting.set': given({ url: 'https://meet.example.com/abc-defg-hij' }),
  'recording.request': given({}),
  'recording.consent': askedToRecord(),
  'recording.decline': askedToRecord(),
  // Only someone being recorded stops it: everyone has agreed.
  'recording.stop': askedToRecord(ROLES),
};

const refusal = (code: string) => ({
  ok: false,
  error: expect.objectContaining({ code, retryable: false }),
});

describe.each(TEST_DATABASE_KINDS)('room authorization on %s PostgreSQL', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let outsider: Awaited<ReturnType<TestApp['register']>>;

  beforeAll(async () => {
    t = await startTestApp(kind, { jwtSecret: JWT_SECRET });
    cast = {
      interviewer: await t.register('Ines'),
      candidate: await t.register('Carl'),
      observer: await t.register('Oona'),
    };
    outsider = await t.register('Stan');
  });
  afterAll(() => t?.close());

  /** A fresh session with everyone in its room, and the outsider connected but not in it. */
  async function openRoom(body?: Partial<CreateSessionBody>): Promise<Room> {
    const { id: sessionId } = await createStaffedSession(t, cast, body);
    const clients = {} as Record<Role, TestClient>;
    for (const role of ROLES) {
      clients[role] = await t.connect(cast[role].token);
      expect(await clients[role].join(sessionId)).toMatchObject({ ok: true, role });
    }
    return {
      sessionId,
      clients,
      stranger: await t.connect(outsider.token),
      async watchItem() {
        const { entry } = await auditedRound(t, cast);
        // The list is drawn up when someone enters the room.
        await clients.interviewer.join(sessionId);
        const item = clients.interviewer.state?.watchFor.find((listed) => listed.id === entry.id);
        if (!item) throw new Error('the audit entry was not listed');
        return item.id;
      },
      async must(role, type, payload, clientEventId) {
        const ack = await clients[role].command(sessionId, type, payload, clientEventId);
        expect(ack).toMatchObject({ ok: true, duplicate: false });
      },
    };
  }

  const seqOf = async (room: Room) =>
    (await roomViewOf(t, room.sessionId, cast.interviewer.token)).seq;

  describe.each(ROOM_COMMAND_TYPES)('%s', (type) => {
    const allowed = COMMAND_ROLES[type];
    const forbidden = ROLES.filter((role) => !allowed.includes(role));
    const scenario = SCENARIOS[type] as Scenario<RoomCommandType>;

    it(`is refused to a stranger${forbidden.map((role) => `, the ${role}`).join('')}`, async () => {
      const room = await openRoom(scenario.session);
      const payloadFor = await scenario.prepare(room);
      const before = await seqOf(room);

      expect(await room.stranger.command(room.sessionId, type, payloadFor('stranger'))).toEqual({
        ok: false,
        error: expect.objectContaining({ code: 'NOT_A_PARTICIPANT', retryable: false }),
      });
      for (const role of forbidden) {
        const ack = await room.clients[role].command(room.sessionId, type, payloadFor(role));
        expect({ role, ack }).toEqual({
          role,
          ack: {
            ok: false,
            error: expect.objectContaining({ code: 'FORBIDDEN_ROLE', retryable: false }),
          },
        });
      }
      expect(await seqOf(room)).toBe(before);
    });

    // Each allowed sender gets a room of its own: a swap, say, can only happen once per room.
    it.each(allowed)('is accepted from the %s', async (role) => {
      const room = await openRoom(scenario.session);
      const payloadFor = await scenario.prepare(room);
      const before = await seqOf(room);

      const ack = await room.clients[role].command(room.sessionId, type, payloadFor(role));
      expect(ack).toEqual({ ok: true, duplicate: false, seq: expect.any(Number) });
      expect(ack.ok && ack.seq).toBeGreaterThan(before);
      expect(await seqOf(room)).toBe(ack.ok ? ack.seq : NaN);
    });
  });

  it('refuses roles.swap outside peer mode by role first, then by mode', async () => {
    const room = await openRoom({ peerMode: false });
    await end(room);
    const before = await seqOf(room);
    const swap = (client: TestClient) => client.command(room.sessionId, 'roles.swap', {});

    expect(await swap(room.stranger)).toEqual(refusal('NOT_A_PARTICIPANT'));
    expect(await swap(room.clients.observer)).toEqual(refusal('FORBIDDEN_ROLE'));
    expect(await swap(room.clients.candidate)).toEqual(refusal('INVALID_STATE'));
    expect(await swap(room.clients.interviewer)).toEqual(refusal('INVALID_STATE'));
    expect(await seqOf(room)).toBe(before);
    expect((await roomViewOf(t, room.sessionId, cast.candidate.token)).nextSessionId).toBeNull();
  });

  describe('a stranger', () => {
    it('cannot join the room, read it, or hear anything said in it', async () => {
      const room = await openRoom();
      const answer = await room.stranger.join(room.sessionId);
      expect(answer.ok).toBe(false);
      expect(['NOT_A_PARTICIPANT', 'SESSION_NOT_FOUND']).toContain(
        answer.ok ? null : answer.error.code,
      );
      await t
        .http()
        .get(`/api/sessions/${room.sessionId}/room`)
        .set({ Authorization: `Bearer ${outsider.token}` })
        .expect(404);

      await room.must('interviewer', 'prompt.reveal', {});
      await room.must('interviewer', 'evidence.add', {
        signal: 'framing',
        polarity: 'strong',
        note: 'Asked about scale',
      });
      await room.stranger.flush();
      expect(room.stranger.frames).toEqual([]);
      const view = await roomViewOf(t, room.sessionId, cast.interviewer.token);
      expect(view.participants[outsider.user.id]).toBeUndefined();
    });

    it('joining a session that does not exist gets SESSION_NOT_FOUND', async () => {
      const client = await t.connect(outsider.token);
      expect(await client.join(randomUUID())).toEqual({
        ok: false,
        error: expect.objectContaining({ code: 'SESSION_NOT_FOUND' }),
      });
    });
  });

  describe('the socket handshake', () => {
    /** What a fresh socket presenting `auth` gets: 'connected' or the connect_error message. */
    function handshake(auth?: Record<string, unknown>): Promise<string> {
      const socket = io(t.url, {
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        ...(auth ? { auth } : {}),
      });
      return new Promise((resolve) => {
        socket.once('connect', () => {
          socket.disconnect();
          resolve('connected');
        });
        socket.once('connect_error', (error) => {
          socket.disconnect();
          resolve(error.message);
        });
      });
    }

    const claims = () => ({
      sub: cast.candidate.user.id,
      exp: Math.floor(Date.now() / 1000) + 600,
      jti: randomUUID(),
      gen: 0,
    });
    const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

    it('accepts a token the app issued', async () => {
      expect(await handshake({ token: cast.candidate.token })).toBe('connected');
      expect(await handshake({ token: jwt.sign(claims(), JWT_SECRET) })).toBe('connected');
    });

    it.each([
      ['no token', () => undefined],
      ['an empty auth object', () => ({})],
      ['a token that is not a string', () => ({ token: 42 })],
      ['a garbage token', () => ({ token: 'not.a.jwt' })],
      [
        'a token signed by another secret',
        () => ({ token: jwt.sign(claims(), 'another-secret-of-at-least-32-characters') }),
      ],
      [
        'an unsigned token (alg none)',
        () => ({ token: `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims())}.` }),
      ],
      [
        'an expired token',
        () => ({
          token: jwt.sign({ ...claims(), exp: Math.floor(Date.now() / 1000) - 60 }, JWT_SECRET),
        }),
      ],
      [
        'a token without a subject',
        () => ({ token: jwt.sign({ exp: Math.floor(Date.now() / 1000) + 600 }, JWT_SECRET) }),
      ],
    ])('refuses %s with UNAUTHENTICATED', async (_name, auth) => {
      expect(await handshake(auth())).toBe('UNAUTHENTICATED');
    });
  });
});
