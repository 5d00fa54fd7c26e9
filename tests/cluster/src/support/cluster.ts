import { randomBytes, randomUUID } from 'node:crypto';
import type { RoomEvent, RoomState } from '@signal-room/domain';
import type { AuthResponse, Invite, SessionSummary, TimelineResponse } from '@signal-room/protocol';
import { ApiNode } from './api-node';
import { PrivatePostgres } from './postgres';
import { freePort } from './processes';
import { PrivateRedis } from './redis';
import { RedisRelay } from './redis-relay';

/**
 * Two API processes on one PostgreSQL and one Redis, all of the suite's own: the deployment of
 * docker/compose, without the proxy (clients pick a node themselves, as behind a balancer
 * that sends a reconnect wherever it likes).
 */
export interface Cluster {
  postgres: PrivatePostgres;
  redis: PrivateRedis;
  /** Node A reaches Redis through this relay, which can make the frames B publishes late. */
  relayA: RedisRelay;
  a: ApiNode;
  b: ApiNode;
  /** Fails if a node died without being told to. */
  assertNodesAlive(): void;
  /** Starts again, on the same ports, whatever a test stopped and did not bring back. */
  restartStopped(): Promise<void>;
  stop(): Promise<void>;
}

export async function startCluster(): Promise<Cluster> {
  const postgres = await PrivatePostgres.start();
  let redis: PrivateRedis | null = null;
  let relayA: RedisRelay | null = null;
  const nodes: ApiNode[] = [];
  const stop = async () => {
    await Promise.all(nodes.map((node) => node.stop()));
    await relayA?.close();
    await redis?.destroy();
    await postgres.destroy();
  };
  try {
    redis = await PrivateRedis.start();
    relayA = await RedisRelay.start(redis);
    const shared = {
      databaseUrl: postgres.url,
      redisUrl: redis.url,
      redisPrefix: `signal-room-cluster-${randomBytes(4).toString('hex')}:`,
      jwtSecret: randomBytes(32).toString('hex'),
    };
    for (const [name, redisUrl] of [
      ['A', relayA.url],
      ['B', redis.url],
    ] as const) {
      const node = new ApiNode({ ...shared, name, redisUrl, port: await freePort() });
      nodes.push(node);
      // One after the other: the second finds the schema migrated rather than waiting on the lock.
      await node.start();
    }
  } catch (error) {
    await stop();
    throw error;
  }
  const [a, b] = nodes as [ApiNode, ApiNode];
  return {
    postgres,
    redis,
    relayA: relayA as RedisRelay,
    a,
    b,
    assertNodesAlive: () => nodes.forEach((node) => node.assertAlive()),
    restartStopped: async () => {
      if (!postgres.running) await postgres.resume();
      if (!redis.running) await redis.resume();
      relayA?.release();
      for (const node of nodes) if (!node.running) await node.start();
    },
    stop,
  };
}

async function call<T>(
  url: string,
  path: string,
  token: string | null,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${url}/api${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) {
    throw new Error(
      `${body === undefined ? 'GET' : 'POST'} ${path}: ${response.status} ${await response.text()}`,
    );
  }
  return (await response.json()) as T;
}

export function register(node: ApiNode, displayName: string): Promise<AuthResponse> {
  return call<AuthResponse>(node.url, '/auth/register', null, {
    email: `${displayName.toLowerCase()}-${randomUUID()}@example.test`,
    password: 'correct horse battery',
    displayName,
  });
}

/** Who takes part in a staffed session, as registered users. */
export interface Cast {
  interviewer: AuthResponse;
  candidate: AuthResponse;
  observer: AuthResponse;
}

export async function registerCast(node: ApiNode, label: string): Promise<Cast> {
  return {
    interviewer: await register(node, `Ines-${label}`),
    candidate: await register(node, `Cato-${label}`),
    observer: await register(node, `Olga-${label}`),
  };
}

/** A system-design session whose candidate and observer came in through invite links. */
export async function createStaffedSession(node: ApiNode, cast: Cast): Promise<string> {
  const { token } = cast.interviewer;
  const session = await call<SessionSummary>(node.url, '/sessions', token, {
    roundType: 'system-design',
    promptId: 'system-design-usage-metering',
  });
  for (const role of ['candidate', 'observer'] as const) {
    const invite = await call<Invite>(node.url, `/sessions/${session.id}/invites`, token, { role });
    await call(node.url, `/invites/${invite.token ?? ''}/accept`, cast[role].token, {});
  }
  return session.id;
}

/** GET /api/sessions/:id/room: the room as this user may see it now. */
export function roomView(node: ApiNode, sessionId: string, token: string): Promise<RoomState> {
  return call<RoomState>(node.url, `/sessions/${sessionId}/room`, token);
}

/** GET /api/sessions/:id/timeline: the logged events this user may read. */
export async function timeline(
  node: ApiNode,
  sessionId: string,
  token: string,
): Promise<RoomEvent[]> {
  return (await call<TimelineResponse>(node.url, `/sessions/${sessionId}/timeline`, token))
    .events as RoomEvent[];
}

/** One line of figures per test, to stdout, for the run's log. */
export function summary(test: string, figures: Record<string, string | number>): void {
  const parts = Object.entries(figures).map(([key, value]) => `${key}=${value}`);
  process.stdout.write(`\n[cluster] ${test}: ${parts.join(' ')}\n`);
}
