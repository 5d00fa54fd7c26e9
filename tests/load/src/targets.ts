import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { AuthResponse, Invite, SessionSummary } from '@signal-room/protocol';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import type { LiveRoom, RoomPlan } from './driver';
import { seatNodes } from './driver';
import type { AdapterKind, Params } from './params';
import { ServerProcess, freePort } from './processes';
import { inParallel } from './stats';

/** What the benchmark measures: the product, or one of the floors, already running. */
export interface Target {
  kind: 'product' | FloorKind;
  /** The Redis adapter its nodes fan out through; null without Redis. */
  adapter: AdapterKind | null;
  label: string;
  servers: ServerProcess[];
  rooms: RoomPlan[];
  /** With FLOOD, one more room, for the flooding socket; null without. */
  floodRoom: RoomPlan | null;
  /** The product's Prometheus endpoint, if it has one; floors have none. */
  metricsUrl: string | null;
  /** Work done once every socket has joined and before the load (the product starts timers). */
  prepare(rooms: readonly LiveRoom[]): Promise<void>;
  stop(): Promise<void>;
  /** The document updates it stored for these sessions, asked once it has stopped; null if it stores none. */
  storedUpdates: ((sessionIds: readonly string[]) => Promise<number>) | null;
}

/** A target's name in the report, with the Redis adapter when it has one. */
export const targetLabel = (name: string, adapter: AdapterKind | null): string =>
  adapter ? `${name} (${adapter})` : name;

/** Things to undo however the run ends: databases to drop, Redis keys, folders. */
const undo: (() => Promise<void>)[] = [];

/** Undoes everything, newest first; one failure does not keep the rest from running. */
export async function undoAll(): Promise<void> {
  for (let step = undo.pop(); step; step = undo.pop()) await step().catch(() => undefined);
}

async function withAdmin<T>(adminUrl: URL, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh database on the admin URL's server, dropped when the run ends. */
async function freshDatabase(adminUrl: URL, purpose: string): Promise<URL> {
  const name = `signal_room_load_${purpose}_${randomBytes(5).toString('hex')}`;
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  undo.push(async () => {
    await withAdmin(adminUrl, (client) =>
      client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    );
  });
  return url;
}

const STORED_UPDATES =
  'SELECT count(*)::int AS stored FROM document_updates WHERE session_id::text = ANY($1::text[])';
const UNDEFINED_TABLE = '42P01';
interface Stored {
  stored: number;
}

async function withEmbedded<T>(dataDir: string, work: (db: PGlite) => Promise<T>): Promise<T> {
  const db = await PGlite.create(dataDir);
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

/** Rows of the product's `document_updates` for these sessions, on PostgreSQL or embedded. */
async function storedUpdates(
  database: { url: URL } | { dataDir: string },
  sessionIds: readonly string[],
): Promise<number> {
  const values = [sessionIds];
  try {
    const { rows } =
      'url' in database
        ? await withAdmin(database.url, (client) => client.query<Stored>(STORED_UPDATES, values))
        : await withEmbedded(database.dataDir, (db) => db.query<Stored>(STORED_UPDATES, values));
    return rows[0]?.stored ?? 0;
  } catch (error) {
    if ((error as { code?: unknown }).code === UNDEFINED_TABLE) {
      throw new Error('its database has no document_updates table');
    }
    throw error;
  }
}

/** A Redis prefix of this run alone; whatever it left is removed at the end. */
function freshRedisPrefix(redisUrl: URL, purpose: string): string {
  const prefix = `signal-room-load-${purpose}-${randomBytes(4).toString('hex')}:`;
  undo.push(async () => {
    const redis = new Redis(redisUrl.toString(), { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    try {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
        if (keys.length) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
  });
  return prefix;
}

async function stopAll(servers: readonly ServerProcess[]): Promise<void> {
  await Promise.all(servers.map((server) => server.stop()));
}

/** Rooms to make: with FLOOD, one more than ROOMS, the last of them for the flood. */
const roomCount = (params: Params): number => params.rooms + (params.flood > 0 ? 1 : 0);

function withFloodRoom(plans: RoomPlan[], params: Params): Pick<Target, 'rooms' | 'floodRoom'> {
  return { rooms: plans.slice(0, params.rooms), floodRoom: plans[params.rooms] ?? null };
}

// ---------------------------------------------------------------------------------------------
// The product

async function api<T>(url: string, path: string, token: string | null, body: unknown): Promise<T> {
  const response = await fetch(`${url}/api${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

/**
 * Users first (each registration is a costly scrypt hash, so a pool of them is reused), then per
 * room a coaching session created by its interviewer, and the candidate and observer let in by
 * invite links. A user sits in many rooms; what the load needs is one socket per seat.
 */
async function createRooms(url: string, params: Params): Promise<RoomPlan[]> {
  const run = randomBytes(4).toString('hex');
  const userCount = Math.min(params.users, Math.max(3, roomCount(params) * 3));
  const users = await inParallel(
    Array.from({ length: userCount }, (_, i) => i),
    params.httpConcurrency,
    (i) =>
      api<AuthResponse>(url, '/auth/register', null, {
        email: `load-${run}-${i}@example.com`,
        password: 'a load benchmark passphrase',
        displayName: `Load ${i}`,
      }),
  );
  const user = (i: number): AuthResponse => users[i % users.length] as AuthResponse;
  return inParallel(
    Array.from({ length: roomCount(params) }, (_, i) => i),
    params.httpConcurrency,
    async (room) => {
      const [interviewer, candidate, observer] = [user(room), user(room + 1), user(room + 2)];
      const session = await api<SessionSummary>(url, '/sessions', interviewer.token, {
        roundType: 'coding-screen',
        // In a coaching round the candidate sees the interviewer's marks live.
        visibility: 'coaching',
      });
      await Promise.all(
        [
          { who: candidate, role: 'candidate' },
          { who: observer, role: 'observer' },
        ].map(async ({ who, role }) => {
          const path = `/sessions/${session.id}/invites`;
          const invite = await api<Invite>(url, path, interviewer.token, { role });
          await api<SessionSummary>(url, `/invites/${invite.token}/accept`, who.token, {});
        }),
      );
      const nodes = seatNodes(room, params.nodes);
      return {
        sessionId: session.id,
        seats: {
          interviewer: { token: interviewer.token, node: nodes.interviewer },
          candidate: { token: candidate.token, node: nodes.candidate },
          observer: { token: observer.token, node: nodes.observer },
        },
      };
    },
  );
}

/**
 * The built product (`dist/apps/api/main.js`), one process or two on one PostgreSQL and Redis
 * (through `adapter`), on a database of its own: a fresh embedded folder or a fresh PostgreSQL
 * database.
 */
export async function startProduct(params: Params, adapter: AdapterKind | null): Promise<Target> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of [
    'DATABASE_URL',
    'REDIS_URL',
    'REDIS_PREFIX',
    'REDIS_ADAPTER',
    'DATA_DIR',
    'PORT',
  ])
    delete env[name];
  env['JWT_SECRET'] = randomBytes(32).toString('hex');
  // The benchmark sets the pace, so the per-socket limit must not; but a flood meets the limit
  // the product runs with (its default, or COMMAND_RATE_PER_SECOND from the environment). Its
  // few people each interview ROOMS / USERS rooms (67 each at 2000 rooms, past the per-person
  // rate a real interviewer in one room never nears), so that limit is lifted alike.
  if (params.flood === 0) {
    env['COMMAND_RATE_PER_SECOND'] = '100000';
    env['COMMAND_RATE_PER_USER'] = '100000';
  }
  // The benchmark's people all sign up from this one address, and its idle-socket run opens
  // thousands of sockets for a few people: the per-person and per-address limits are tested
  // elsewhere and must not shape these figures.
  env['REGISTRATIONS_PER_ADDRESS'] = '1000000';
  env['SOCKETS_PER_USER'] = '10000';
  env['JOINS_PER_USER'] = '100000';
  env['DOCUMENT_UPDATES_PER_USER'] = '100000';
  env['DOCUMENT_OPENS_PER_USER'] = '100000';
  let database: { url: URL } | { dataDir: string };
  if (params.database === 'embedded') {
    const dataDir = mkdtempSync(join(tmpdir(), 'signal-room-load-'));
    undo.push(() => Promise.resolve(rmSync(dataDir, { recursive: true, force: true })));
    env['DATA_DIR'] = dataDir;
    // Where the product keeps its embedded database inside DATA_DIR (apps/api/src/config.ts).
    database = { dataDir: join(dataDir, 'pglite') };
  } else {
    database = { url: await freshDatabase(params.database, 'product') };
    env['DATABASE_URL'] = database.url.toString();
  }
  if (adapter) {
    env['REDIS_URL'] = params.redisUrl.toString();
    env['REDIS_PREFIX'] = freshRedisPrefix(params.redisUrl, 'product');
    env['REDIS_ADAPTER'] = adapter;
  }
  const servers: ServerProcess[] = [];
  try {
    // One after the other: the first runs the migrations.
    for (let node = 0; node < params.nodes; node += 1) {
      const port = await freePort();
      servers.push(
        await ServerProcess.start({
          name: `signal-room node ${node + 1}`,
          port,
          args: [
            ...(params.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${params.profileDir}`] : []),
            'dist/apps/api/main.js',
          ],
          env: { ...env, PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` },
          readyPath: '/api/health',
        }),
      );
    }
    const plans = await createRooms(servers[0]?.url ?? '', params);
    return {
      kind: 'product',
      adapter,
      label: targetLabel('Signal Room', adapter),
      servers,
      ...withFloodRoom(plans, params),
      metricsUrl: `${servers[0]?.url ?? ''}/api/metrics`,
      async prepare(live) {
        // A live round, as in a real interview: its timer runs while marks are made.
        await inParallel(live, params.joinConcurrency, async (room) => {
          const ack = await room.interviewer.timeout(10_000).emitWithAck('room:command', {
            sessionId: room.plan.sessionId,
            clientEventId: randomUUID(),
            type: 'timer.start',
            payload: {},
          });
          if (!ack.ok) throw new Error(`timer.start failed: ${ack.error.code}`);
        });
      },
      stop: () => stopAll(servers),
      storedUpdates: (sessionIds) => storedUpdates(database, sessionIds),
    };
  } catch (error) {
    await stopAll(servers);
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// The floors

export type FloorKind = 'bare' | 'insert' | 'pair';

export const FLOOR_LABELS: Record<FloorKind, string> = {
  bare: 'bare socket.io',
  insert: 'raw INSERT',
  pair: 'bare Redis pair',
};

/** A floor to measure: the bare pair runs on the Redis adapter of the product beside it. */
export type Floor =
  { kind: 'bare' | 'insert'; adapter: null } | { kind: 'pair'; adapter: AdapterKind };

/**
 * A floor server (floor-server.ts) on the same rooms: `bare` acks at once, `insert` does one
 * raw INSERT first (on a fresh PostgreSQL database), `pair` is two bare servers on the Redis
 * adapter given (the product's, in the same run) with the product's seat layout across them.
 */
export async function startFloor(floor: Floor, params: Params): Promise<Target> {
  const { kind, adapter } = floor;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    FLOOR_MODE: kind === 'insert' ? 'insert' : 'bare',
  };
  if (kind === 'insert') {
    if (!params.floorDatabase) throw new Error('the raw-INSERT floor needs PostgreSQL');
    const url = await freshDatabase(params.floorDatabase, 'floor');
    await withAdmin(url, (client) =>
      client.query(`CREATE TABLE floor_events (
        session_id uuid NOT NULL,
        seq integer NOT NULL CHECK (seq > 0),
        type text NOT NULL,
        payload jsonb NOT NULL,
        actor_id uuid NOT NULL,
        client_event_id uuid,
        at timestamptz NOT NULL,
        PRIMARY KEY (session_id, seq),
        UNIQUE (session_id, client_event_id)
      )`),
    );
    env['FLOOR_DATABASE_URL'] = url.toString();
  }
  const nodes = kind === 'pair' ? 2 : 1;
  if (floor.kind === 'pair') {
    env['FLOOR_REDIS_URL'] = params.redisUrl.toString();
    env['FLOOR_REDIS_NAME'] = `${freshRedisPrefix(params.redisUrl, 'floor')}socket.io`;
    env['FLOOR_REDIS_ADAPTER'] = floor.adapter;
  }
  const servers: ServerProcess[] = [];
  try {
    for (let node = 0; node < nodes; node += 1) {
      const port = await freePort();
      servers.push(
        await ServerProcess.start({
          name: `${targetLabel(FLOOR_LABELS[kind], adapter)} node ${node + 1}`,
          port,
          args: ['-r', '@swc-node/register', 'tests/load/src/floor-server.ts'],
          env: { ...env, FLOOR_PORT: String(port), SWC_NODE_PROJECT: 'tests/load/tsconfig.json' },
          readyPath: '/health',
        }),
      );
    }
  } catch (error) {
    await stopAll(servers);
    throw error;
  }
  const plans: RoomPlan[] = Array.from({ length: roomCount(params) }, (_, room) => {
    const seats = seatNodes(room, nodes);
    return {
      sessionId: randomUUID(),
      seats: {
        interviewer: { token: null, node: seats.interviewer },
        candidate: { token: null, node: seats.candidate },
        observer: { token: null, node: seats.observer },
      },
    };
  });
  return {
    kind,
    adapter,
    label: targetLabel(FLOOR_LABELS[kind], adapter),
    servers,
    ...withFloodRoom(plans, params),
    metricsUrl: null,
    prepare: () => Promise.resolve(),
    stop: () => stopAll(servers),
    storedUpdates: null,
  };
}
