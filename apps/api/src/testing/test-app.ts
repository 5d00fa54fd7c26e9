import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import type { AuditEntry, RoomCommandType, RoomState } from '@signal-room/domain';
import type {
  AuthResponse,
  CommandAck,
  CommandPayload,
  CreateSessionBody,
  Invite,
  JoinAck,
  ServerToClientEvents,
  SessionSummary,
} from '@signal-room/protocol';
import type { RoomSocket } from '@signal-room/room-client';
import { RoomChannel } from '@signal-room/room-client';
import { io } from 'socket.io-client';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createApp } from '../app';
import type { AppConfig } from '../config';
import { openDataSource } from '../database/data-source';
import type { DatabaseKind, TestDatabase } from './test-databases';
import { TEST_REDIS_URL, createTestDatabase } from './test-databases';

export type Frame =
  | { name: 'room:event'; message: Parameters<ServerToClientEvents['room:event']>[0] }
  | { name: 'room:snapshot'; message: Parameters<ServerToClientEvents['room:snapshot']>[0] };

/**
 * One test participant's socket. It follows each room it joins through the room client library's
 * channel, as the web client does, and records every room frame the socket receives, whichever
 * room it is for: what a test searches for what may not reach this person.
 */
export class TestClient {
  readonly frames: Frame[] = [];
  private readonly channels = new Map<string, RoomChannel>();
  /** The room last joined, whose view `state` is. */
  private current: RoomChannel | null = null;
  /** A view held from before, taken up by the next room joined. */
  private held: RoomState | null = null;

  constructor(readonly socket: RoomSocket) {
    socket.on('room:event', (message) => this.frames.push({ name: 'room:event', message }));
    socket.on('room:snapshot', (message) => this.frames.push({ name: 'room:snapshot', message }));
  }

  /** The room as its frames built it; an ended room's live presence is not in its log. */
  get state(): RoomState | null {
    return this.current?.folded ?? this.held;
  }

  /** Starts from a view held before, as a client that reconnects does. */
  set state(held: RoomState | null) {
    this.held = held;
  }

  /** The session's room on this socket. */
  channel(sessionId: string): RoomChannel {
    let channel = this.channels.get(sessionId);
    if (!channel) {
      channel = new RoomChannel(sessionId, {}, this.held);
      channel.attach(this.socket);
      this.channels.set(sessionId, channel);
    }
    return channel;
  }

  join(sessionId: string, lastSeq?: number): Promise<JoinAck> {
    this.current = this.channel(sessionId);
    return this.current.join(lastSeq);
  }

  command<T extends RoomCommandType>(
    sessionId: string,
    type: T,
    payload: CommandPayload<T>,
    clientEventId: string = randomUUID(),
  ): Promise<CommandAck> {
    return this.channel(sessionId).command(type, payload, clientEventId);
  }

  /** Sends anything at all, for tests of what the server refuses. */
  raw(event: 'room:command' | 'room:join', body: unknown): Promise<CommandAck | JoinAck> {
    return (this.socket.emitWithAck as (e: string, b: unknown) => Promise<CommandAck | JoinAck>)(
      event,
      body,
    );
  }

  /** Resolves once the client's state has reached `seq` (frames arrive after acks). */
  async settle(seq: number, timeoutMs = 5000): Promise<RoomState> {
    const deadline = Date.now() + timeoutMs;
    while (!this.state || this.state.seq < seq) {
      if (Date.now() > deadline)
        throw new Error(`client stuck at seq ${this.state?.seq ?? 'none'} < ${seq}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return this.state;
  }

  /**
   * Resolves once every frame the server sent this socket before the call has arrived: one
   * connection delivers in order, so the pong comes after anything emitted before the ping.
   */
  async flush(): Promise<void> {
    await this.socket.emitWithAck('clock:ping', { clientTime: Date.now() });
  }

  close(): void {
    this.socket.disconnect();
  }
}

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  dataSource: DataSource;
  url: string;
  http: () => ReturnType<typeof request>;
  register(name: string): Promise<AuthResponse>;
  connect(token: string): Promise<TestClient>;
  close(): Promise<void>;
}

/** The password every account `register` makes signs in with. */
export const TEST_PASSWORD = 'correct horse battery';

let people = 0;

/** The configuration tests run with: port 0, no web app, a known token lifetime. */
export const testConfig = (
  database: AppConfig['database'],
  overrides: Partial<AppConfig> = {},
): AppConfig => ({
  port: 0,
  database,
  webRoot: '/nonexistent',
  jwtSecret: null,
  tokenTtlSeconds: 3600,
  endGraceMs: 60_000,
  commandRatePerSecond: 20,
  commandQueueLimit: 200,
  userCommandRatePerSecond: 40,
  // Suites open many sockets and rooms for a few people; both caps have tests of their own.
  socketsPerUser: 1000,
  userJoinsPer10Seconds: 10_000,
  userDocumentUpdatesPerSecond: 40,
  userDocumentOpensPer10Seconds: 60,
  redisUrl: null,
  redisPrefix: 'signal-room-test:',
  redisAdapter: 'classic',
  allowedOrigins: ['http://localhost:3000'],
  metricsToken: null,
  publicUrl: 'http://localhost:3000',
  trustProxyHops: 0,
  // Every test signs its people up and in from this one loopback address.
  loginFailuresPerAccount: 10,
  loginFailuresPerAddress: 10_000,
  registrationsPerAddress: 10_000,
  ice: { servers: [], turnUrls: [], turnSecret: null, turnTtlSeconds: 3600 },
  recordingChunkBytes: 1024 * 1024,
  recordingBytesPerSession: 64 * 1024 * 1024,
  recordingBytesPerUser: 512 * 1024 * 1024,
  ...overrides,
});

/** The whole product on port 0 and a database of its own, with helpers to drive it. */
export async function startTestApp(
  kind: DatabaseKind,
  overrides: Partial<AppConfig> = {},
): Promise<TestApp> {
  const database: TestDatabase = await createTestDatabase(kind);
  const dataSource = await openDataSource(database.config);
  const config = testConfig(database.config, overrides);
  return launch(config, dataSource, database.drop);
}

/**
 * Another node of the product on `first`'s database, as a second server process would run: its
 * own app, room cache, scheduler and sockets, with `first`'s configuration unless overridden.
 * An in-memory embedded database can only be reached through the handle that made it, so there
 * the two nodes share it; whichever closes first closes it, so close both at the end.
 */
export async function startSecondNode(
  first: TestApp,
  overrides: Partial<AppConfig> = {},
): Promise<TestApp> {
  const config: AppConfig = { ...first.config, ...overrides };
  const dataSource =
    config.database.kind === 'embedded' ? first.dataSource : await openDataSource(config.database);
  // The database belongs to the first node: it is dropped when that one closes.
  return launch(config, dataSource, () => Promise.resolve());
}

async function launch(
  config: AppConfig,
  dataSource: DataSource,
  drop: () => Promise<void>,
): Promise<TestApp> {
  const app = await createApp(config, dataSource);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  const clients: TestClient[] = [];
  const http = () => request(app.getHttpServer());
  return {
    app,
    config,
    dataSource,
    url,
    http,
    async register(name) {
      const response = await http()
        .post('/api/auth/register')
        .send({
          email: `${name.toLowerCase()}-${++people}-${randomUUID()}@example.test`,
          password: TEST_PASSWORD,
          displayName: name,
        })
        .expect(201);
      return response.body as AuthResponse;
    },
    async connect(token) {
      const socket: RoomSocket = io(url, {
        transports: ['websocket'],
        auth: { token },
        reconnection: false,
        forceNew: true,
      });
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      const client = new TestClient(socket);
      clients.push(client);
      return client;
    },
    async close() {
      for (const client of clients) client.close();
      await app.close();
      await drop();
    },
  };
}

/** Who takes part in a staffed session, as registered users. */
export interface Cast {
  interviewer: AuthResponse;
  candidate: AuthResponse;
  observer: AuthResponse;
}

/** Ivo, Cleo and Otto: one registered person for each role. */
export const registerCast = async (t: TestApp): Promise<Cast> => ({
  interviewer: await t.register('Ivo'),
  candidate: await t.register('Cleo'),
  observer: await t.register('Otto'),
});

/** The app a suite runs on, with its cast registered: started before its tests, closed after. */
export function castForSuite(kind: DatabaseKind, overrides: Partial<AppConfig> = {}) {
  let started: { t: TestApp; cast: Cast } | null = null;
  beforeAll(async () => {
    const t = await startTestApp(kind, overrides);
    started = { t, cast: await registerCast(t) };
  });
  afterAll(() => started?.t.close());
  const suite = () => {
    if (!started) throw new Error('the suite has not started');
    return started;
  };
  return {
    get t(): TestApp {
      return suite().t;
    },
    get cast(): Cast {
      return suite().cast;
    },
  };
}

/**
 * A session created by the cast's interviewer, which the candidate and the observer have
 * entered through invite links of their roles. Nobody has joined its room yet.
 */
export async function createStaffedSession(
  t: TestApp,
  cast: Cast,
  body: Partial<CreateSessionBody> = {},
): Promise<SessionSummary> {
  const auth = { Authorization: `Bearer ${cast.interviewer.token}` };
  const created = await t
    .http()
    .post('/api/sessions')
    .set(auth)
    .send({ roundType: 'system-design', promptId: 'system-design-usage-metering', ...body })
    .expect(201);
  const session = created.body as SessionSummary;
  for (const role of ['candidate', 'observer'] as const) {
    const invite = await t
      .http()
      .post(`/api/sessions/${session.id}/invites`)
      .set(auth)
      .send({ role })
      .expect(201);
    await t
      .http()
      .post(`/api/invites/${(invite.body as Invite).token ?? ''}/accept`)
      .set({ Authorization: `Bearer ${cast[role].token}` })
      .expect(201);
  }
  return session;
}

/** A session of the cast whose three people have joined its room, each on a socket of their own. */
export async function seatedRoom(app: TestApp, cast: Cast) {
  const { id } = await createStaffedSession(app, cast);
  const seats = {} as Record<keyof Cast, TestClient>;
  for (const seat of ['interviewer', 'candidate', 'observer'] as const) {
    seats[seat] = await app.connect(cast[seat].token);
    const joined = await seats[seat].join(id);
    if (!joined.ok) throw new Error(`the ${seat} could not join: ${joined.error.code}`);
  }
  return { id, ...seats };
}

/**
 * Two nodes of the product on one database and the tests' Redis (classic pub/sub, under a
 * prefix of the suite's own: it keeps no keys, and the rate limits' expire within seconds), as
 * two server processes run: started before the suite's tests, closed after.
 */
export function twoNodesOverRedis(kind: DatabaseKind, name: string) {
  let nodes: { a: TestApp; b: TestApp } | null = null;
  beforeAll(async () => {
    const a = await startTestApp(kind, {
      redisUrl: TEST_REDIS_URL ?? null,
      redisPrefix: `signal-room-test-${name}-${randomUUID()}:`,
      redisAdapter: 'classic',
    });
    nodes = { a, b: await startSecondNode(a) };
  });
  afterAll(async () => {
    await nodes?.b.close();
    await nodes?.a.close();
  });
  const started = () => {
    if (!nodes) throw new Error('the suite has not started its nodes');
    return nodes;
  };
  return {
    get a(): TestApp {
      return started().a;
    },
    get b(): TestApp {
      return started().b;
    },
  };
}

/**
 * A round of the cast ended at once and released, so every signal it expects stayed hidden, and
 * an audit entry its candidate wrote about one of them: what the candidate's next room watches for.
 */
export async function auditedRound(
  t: TestApp,
  cast: Cast,
  sentence = 'I chose hourly buckets because billing closes hourly.',
): Promise<{ sessionId: string; entry: AuditEntry }> {
  const { id: sessionId } = await createStaffedSession(t, cast);
  const interviewer = await t.connect(cast.interviewer.token);
  const answer = await interviewer.join(sessionId);
  if (!answer.ok) throw new Error(`join was refused: ${answer.error.code}`);
  for (const type of ['timer.start', 'session.end', 'feedback.release'] as const) {
    const ack = await interviewer.command(sessionId, type, {});
    if (!ack.ok) throw new Error(`${type} was refused: ${ack.error.code}`);
  }
  interviewer.close();
  const response = await t
    .http()
    .post(`/api/sessions/${sessionId}/audit`)
    .set({ Authorization: `Bearer ${cast.candidate.token}` })
    .send({ signal: 'framing', sentence })
    .expect(201);
  return { sessionId, entry: response.body as AuditEntry };
}

/** The room as `token`'s user may see it now, read over HTTP. */
export async function roomViewOf(t: TestApp, sessionId: string, token: string): Promise<RoomState> {
  const response = await t
    .http()
    .get(`/api/sessions/${sessionId}/room`)
    .set({ Authorization: `Bearer ${token}` })
    .expect(200);
  return response.body as RoomState;
}
