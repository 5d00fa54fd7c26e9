import { resolve } from 'node:path';
import { z } from 'zod';

export type DatabaseConfig =
  | { kind: 'postgres'; url: string }
  // dataDir null: in memory, for tests.
  | { kind: 'embedded'; dataDir: string | null };

export interface AppConfig {
  port: number;
  database: DatabaseConfig;
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
  const { PORT, DATABASE_URL, DATA_DIR, WEB_ROOT } = parsed.data;
  return {
    port: PORT,
    database: DATABASE_URL
      ? { kind: 'postgres', url: checkDatabaseUrl(DATABASE_URL) }
      : { kind: 'embedded', dataDir: resolve(DATA_DIR, 'pglite') },
    webRoot: resolve(WEB_ROOT),
  };
}
