import { resolve } from 'node:path';
import { z } from 'zod';

export type DatabaseConfig =
  | { kind: 'postgres'; url: string }
  // dataDir null: in memory, for tests.
  | { kind: 'embedded'; dataDir: string | null };

/**
 * How room events cross nodes through Redis (rooms-io.adapter.ts): `classic` pub/sub, `sharded`
 * pub/sub (Redis 7+) or a `streams` log. Clients see no difference. Sharded is the default: in
 * the same two-node run (tests/load, ADAPTER=all) it had the lowest peer latency and CPU, and a
 * node hears only the rooms it holds sockets in, where classic hears every room of every node.
 */
export const REDIS_ADAPTERS = ['classic', 'sharded', 'streams'] as const;
export type RedisAdapterKind = (typeof REDIS_ADAPTERS)[number];

export interface AppConfig {
  port: number;
  database: DatabaseConfig;
  /** Signs access tokens; when unset, a secret made once and kept in the database is used. */
  jwtSecret: string | null;
  tokenTtlSeconds: number;
  /** A running session whose time ran out ends by itself after this much grace. */
  endGraceMs: number;
  /** Sustained commands per second one socket may send (bursts up to twice that). */
  commandRatePerSecond: number;
  /** Commands a node works on at once; past it, new ones are refused as retryable. */
  commandQueueLimit: number;
  /** Sustained commands per second one person may send from all their sockets together. */
  userCommandRatePerSecond: number;
  /** Sockets one person may hold open on one node. */
  socketsPerUser: number;
  /** Room joins one person may make in ten seconds, from all their sockets together. */
  userJoinsPer10Seconds: number;
  /** Shared-document update messages per second one person may send (bursts up to twice that). */
  userDocumentUpdatesPerSecond: number;
  /** Shared-document opens one person may make in ten seconds: each reads the stored tail. */
  userDocumentOpensPer10Seconds: number;
  /** Where invite links point: the public address of the web app. */
  publicUrl: string;
  /** Redis for fanning room events out across nodes; null runs one process on its own. */
  redisUrl: string | null;
  /** Prefix of every Redis key and channel, so several deployments (or tests) share a server. */
  redisPrefix: string;
  redisAdapter: RedisAdapterKind;
  /** Browser origins allowed to open a socket (requests without an Origin are not browsers). */
  allowedOrigins: string[];
  /** When set, GET /api/metrics answers only `Authorization: Bearer <metricsToken>`. */
  metricsToken: string | null;
  /** The built web app, served beside the API; null when it is not built. */
  webRoot: string;
  /**
   * Proxies in front of the app whose `X-Forwarded-For` entries are believed (1 behind the nginx
   * of docker/). 0 believes none: the header is the client's to write, so trusting it by default
   * would let anyone pick the address the sign-in limits count against.
   */
  trustProxyHops: number;
  /** Failed sign-ins one e-mail may have in 15 minutes; past it, RATE_LIMITED (auth-throttle.ts). */
  loginFailuresPerAccount: number;
  /** Failed sign-ins one client address may have in 15 minutes, whatever e-mails it tries. */
  loginFailuresPerAddress: number;
  /** Accounts one client address may try to create in 15 minutes. */
  registrationsPerAddress: number;
  /** The largest chunk of a recording one upload may carry. */
  recordingChunkBytes: number;
  /** What every recording of one session may store together, all tracks included. */
  recordingBytesPerSession: number;
  /** What one person's tracks may store together, across every session. */
  recordingBytesPerUser: number;
  /** The call's NAT traversal (calls/ice-servers.ts); empty lists: direct connections only. */
  ice: IceConfig;
}

export interface IceConfig {
  /** STUN (or TURN with fixed credentials in the URL's server) addresses handed out as they are. */
  servers: string[];
  /** TURN addresses handed out with short-lived credentials signed with `turnSecret`. */
  turnUrls: string[];
  /** coturn's `static-auth-secret`; required with `turnUrls`. */
  turnSecret: string | null;
  turnTtlSeconds: number;
}

const KIB = 1024;
const MIB = 1024 * KIB;

/** A configuration problem: start-up prints its message as one line and exits non-zero. */
export class ConfigError extends Error {}

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.string().trim().min(1).optional(),
  DATA_DIR: z.string().trim().min(1).default('data'),
  WEB_ROOT: z.string().trim().min(1).default('dist/apps/web'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  TOKEN_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  END_GRACE_SECONDS: z.coerce.number().min(0).max(3600).default(120),
  PUBLIC_URL: z.url().optional(),
  REDIS_URL: z.string().trim().min(1).optional(),
  REDIS_PREFIX: z.string().trim().min(1).default('signal-room:'),
  REDIS_ADAPTER: z.string().trim().pipe(z.enum(REDIS_ADAPTERS)).default('sharded'),
  ALLOWED_ORIGINS: z.string().trim().optional(),
  // `development` under `npx nx serve api` (the @nx/js:node executor sets it to the configuration).
  NODE_ENV: z.string().trim().optional(),
  METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  COMMAND_RATE_PER_SECOND: z.coerce.number().int().positive().max(100_000).default(20),
  COMMAND_QUEUE_LIMIT: z.coerce.number().int().positive().max(100_000).default(200),
  COMMAND_RATE_PER_USER: z.coerce.number().int().positive().max(100_000).default(40),
  SOCKETS_PER_USER: z.coerce.number().int().positive().max(10_000).default(20),
  JOINS_PER_USER: z.coerce.number().int().positive().max(100_000).default(30),
  DOCUMENT_UPDATES_PER_USER: z.coerce.number().int().positive().max(100_000).default(40),
  DOCUMENT_OPENS_PER_USER: z.coerce.number().int().positive().max(100_000).default(60),
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  LOGIN_FAILURES_PER_ACCOUNT: z.coerce.number().int().positive().max(1_000_000).default(10),
  LOGIN_FAILURES_PER_ADDRESS: z.coerce.number().int().positive().max(1_000_000).default(100),
  REGISTRATIONS_PER_ADDRESS: z.coerce.number().int().positive().max(1_000_000).default(20),
  ICE_SERVERS: z.string().trim().optional(),
  TURN_URLS: z.string().trim().optional(),
  TURN_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  TURN_TTL_HOURS: z.coerce.number().positive().max(48).default(12),
  // A 5-second chunk of Opus at 32 kbit/s is about 20 KiB; a megabyte leaves room for any bitrate.
  RECORDING_CHUNK_KIB: z.coerce
    .number()
    .int()
    .positive()
    .max(64 * 1024)
    .default(1024),
  // 64 MiB holds a 45-minute round for five people at the recorder's bitrate with room to spare.
  RECORDING_SESSION_MIB: z.coerce
    .number()
    .int()
    .positive()
    .max(1024 * 1024)
    .default(64),
  RECORDING_USER_MIB: z.coerce
    .number()
    .int()
    .positive()
    .max(1024 * 1024)
    .default(512),
});

/** Checks the shape of a PostgreSQL URL without ever echoing its password. */
function checkDatabaseUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(
      'DATABASE_URL is not a valid URL (expected postgres://user@host:port/database).',
    );
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new ConfigError(
      `DATABASE_URL must start with postgres:// or postgresql://, not ${parsed.protocol}//.`,
    );
  }
  if (!parsed.hostname || parsed.pathname.length <= 1) {
    throw new ConfigError(
      'DATABASE_URL must name a host and a database (postgres://user@host:port/database).',
    );
  }
  return url;
}

function checkRedisUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError('REDIS_URL is not a valid URL (expected redis://host:port).');
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new ConfigError(
      `REDIS_URL must start with redis:// or rediss://, not ${parsed.protocol}//.`,
    );
  }
  return url;
}

/** A comma-separated list of ICE server addresses, each a stun:, stuns:, turn: or turns: URI. */
function iceUrls(name: string, list: string | undefined): string[] {
  const urls = (list ?? '')
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean);
  const wrong = urls.find((url) => !/^(stuns?|turns?):[^\s]+$/.test(url));
  if (wrong !== undefined) {
    throw new ConfigError(`${name}: "${wrong}" is not a stun:, stuns:, turn: or turns: address.`);
  }
  return urls;
}

function iceConfig(data: z.infer<typeof envSchema>): IceConfig {
  const turnUrls = iceUrls('TURN_URLS', data.TURN_URLS);
  if (turnUrls.length > 0 && !data.TURN_SECRET) {
    throw new ConfigError(
      'TURN_URLS needs TURN_SECRET, the static-auth-secret of the TURN server.',
    );
  }
  return {
    servers: iceUrls('ICE_SERVERS', data.ICE_SERVERS),
    turnUrls,
    turnSecret: data.TURN_SECRET ?? null,
    turnTtlSeconds: Math.round(data.TURN_TTL_HOURS * 3600),
  };
}

/** The public address is always allowed; in development, so is Vite's dev server on this machine. */
function allowedOrigins(
  list: string | undefined,
  publicUrl: string,
  development: boolean,
): string[] {
  const configured = (list ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  const defaults = [new URL(publicUrl).origin, ...(development ? ['http://localhost:4200'] : [])];
  return [...new Set([...defaults, ...configured.map((origin) => new URL(origin).origin)])];
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(
      `${issue?.path.join('.') ?? 'environment'}: ${issue?.message ?? 'invalid'}.`,
    );
  }
  const publicUrl = (parsed.data.PUBLIC_URL ?? `http://localhost:${parsed.data.PORT}`).replace(
    /\/$/,
    '',
  );
  const { PORT, DATABASE_URL, DATA_DIR, WEB_ROOT, JWT_SECRET, TOKEN_TTL_HOURS, END_GRACE_SECONDS } =
    parsed.data;
  return {
    port: PORT,
    jwtSecret: JWT_SECRET ?? null,
    tokenTtlSeconds: Math.round(TOKEN_TTL_HOURS * 3600),
    endGraceMs: END_GRACE_SECONDS * 1000,
    commandRatePerSecond: parsed.data.COMMAND_RATE_PER_SECOND,
    commandQueueLimit: parsed.data.COMMAND_QUEUE_LIMIT,
    userCommandRatePerSecond: parsed.data.COMMAND_RATE_PER_USER,
    socketsPerUser: parsed.data.SOCKETS_PER_USER,
    userJoinsPer10Seconds: parsed.data.JOINS_PER_USER,
    userDocumentUpdatesPerSecond: parsed.data.DOCUMENT_UPDATES_PER_USER,
    userDocumentOpensPer10Seconds: parsed.data.DOCUMENT_OPENS_PER_USER,
    redisUrl: parsed.data.REDIS_URL ? checkRedisUrl(parsed.data.REDIS_URL) : null,
    redisPrefix: parsed.data.REDIS_PREFIX,
    redisAdapter: parsed.data.REDIS_ADAPTER,
    allowedOrigins: allowedOrigins(
      parsed.data.ALLOWED_ORIGINS,
      publicUrl,
      parsed.data.NODE_ENV === 'development',
    ),
    metricsToken: parsed.data.METRICS_TOKEN ?? null,
    publicUrl,
    database: DATABASE_URL
      ? { kind: 'postgres', url: checkDatabaseUrl(DATABASE_URL) }
      : { kind: 'embedded', dataDir: resolve(DATA_DIR, 'pglite') },
    webRoot: resolve(WEB_ROOT),
    trustProxyHops: parsed.data.TRUST_PROXY,
    loginFailuresPerAccount: parsed.data.LOGIN_FAILURES_PER_ACCOUNT,
    loginFailuresPerAddress: parsed.data.LOGIN_FAILURES_PER_ADDRESS,
    registrationsPerAddress: parsed.data.REGISTRATIONS_PER_ADDRESS,
    ice: iceConfig(parsed.data),
    recordingChunkBytes: parsed.data.RECORDING_CHUNK_KIB * KIB,
    recordingBytesPerSession: parsed.data.RECORDING_SESSION_MIB * MIB,
    recordingBytesPerUser: parsed.data.RECORDING_USER_MIB * MIB,
  };
}
