import { resolve } from 'node:path';
import { z } from 'zod';

export type DatabaseConfig =
  | { kind: 'postgres'; url: string }
  // dataDir null: in memory, for tests.
  | { kind: 'embedded'; dataDir: string | null };

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
  /** Where invite links point: the public address of the web app. */
  publicUrl: string;
  /** The built web app, served beside the API; null when it is not built. */
  webRoot: string;
}

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
  COMMAND_RATE_PER_SECOND: z.coerce.number().int().positive().max(100_000).default(20),
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

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(
      `${issue?.path.join('.') ?? 'environment'}: ${issue?.message ?? 'invalid'}.`,
    );
  }
  const { PORT, DATABASE_URL, DATA_DIR, WEB_ROOT, JWT_SECRET, TOKEN_TTL_HOURS, END_GRACE_SECONDS } =
    parsed.data;
  return {
    port: PORT,
    jwtSecret: JWT_SECRET ?? null,
    tokenTtlSeconds: Math.round(TOKEN_TTL_HOURS * 3600),
    endGraceMs: END_GRACE_SECONDS * 1000,
    commandRatePerSecond: parsed.data.COMMAND_RATE_PER_SECOND,
    publicUrl: (parsed.data.PUBLIC_URL ?? `http://localhost:${PORT}`).replace(/\/$/, ''),
    database: DATABASE_URL
      ? { kind: 'postgres', url: checkDatabaseUrl(DATABASE_URL) }
      : { kind: 'embedded', dataDir: resolve(DATA_DIR, 'pglite') },
    webRoot: resolve(WEB_ROOT),
  };
}
