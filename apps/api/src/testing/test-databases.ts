import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { describe } from '@jest/globals';
import type { DatabaseConfig } from '../config';

export type DatabaseKind = DatabaseConfig['kind'];

/**
 * The databases integration tests run on: the embedded default always, and real PostgreSQL as
 * well whenever TEST_DATABASE_URL names a server (its admin database; each test makes its own).
 */
export const TEST_DATABASE_KINDS: DatabaseKind[] = process.env['TEST_DATABASE_URL']
  ? ['embedded', 'postgres']
  : ['embedded'];

/** A Redis server the scale-out tests may use, each under a key prefix of its own. */
export const TEST_REDIS_URL = process.env['TEST_REDIS_URL'];

/** Each database kind, when a Redis server is given to the tests; skipped (and said so) if not. */
export const withTestRedis = TEST_REDIS_URL
  ? describe.each(TEST_DATABASE_KINDS)
  : describe.skip.each(TEST_DATABASE_KINDS);

export interface TestDatabase {
  config: DatabaseConfig;
  /** Drops what the test created; the embedded one lives in memory and goes with its process. */
  drop(): Promise<void>;
}

async function withAdmin<T>(adminUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database of the given kind, owned by the calling test alone. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'embedded') {
    return { config: { kind: 'embedded', dataDir: null }, drop: () => Promise.resolve() };
  }
  const adminUrl = process.env['TEST_DATABASE_URL'];
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `signal_room_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    config: { kind: 'postgres', url: url.toString() },
    drop: () =>
      withAdmin(adminUrl, (client) => client.query(`DROP DATABASE ${name} WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}
