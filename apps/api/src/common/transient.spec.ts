import { Pool } from 'pg';
import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { isTransient } from './transient';

const adminUrl = process.env['TEST_DATABASE_URL'];

describe('isTransient', () => {
  (adminUrl ? it : it.skip)(
    'takes a pool with every connection busy as worth retrying, not as a fault',
    async () => {
      // One connection, held: the next caller waits and pg-pool gives up after the timeout.
      const pool = new Pool({ connectionString: adminUrl, max: 1, connectionTimeoutMillis: 50 });
      const held = await pool.connect();
      try {
        const refused = await pool.connect().then(
          () => null,
          (error: unknown) => error,
        );
        expect(refused).toBeInstanceOf(Error);
        expect(isTransient(refused)).toBe(true);
      } finally {
        held.release();
        await pool.end();
      }
    },
  );

  it('keeps a programming error (bad SQL, a broken constraint) as a fault', () => {
    expect(isTransient(Object.assign(new Error('syntax error'), { code: '42601' }))).toBe(false);
    expect(isTransient(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isTransient(new TypeError('x is undefined'))).toBe(false);
  });

  it('takes lost connections and a restarting server as worth retrying', () => {
    expect(isTransient(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isTransient({ driverError: { code: '57P01' } })).toBe(true);
    expect(isTransient(new Error('Connection terminated unexpectedly'))).toBe(true);
    // A transaction whose connection dropped, whichever way its next query goes: seen as a
    // non-retryable INTERNAL in the cluster suite's PostgreSQL restart before it was counted.
    expect(isTransient(new QueryRunnerAlreadyReleasedError())).toBe(true);
    expect(isTransient(new QueryRunnerProviderAlreadyReleasedError())).toBe(true);
  });
});
