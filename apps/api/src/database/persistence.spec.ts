import type { DataSource } from 'typeorm';
import { QueryFailedError } from 'typeorm';
import { UserEntity } from '../auth/user.entity';
import { SessionEventEntity } from '../rooms/session-event.entity';
import { SessionEntity } from '../sessions/session.entity';
import type { TestDatabase } from '../testing/test-databases';
import { TEST_DATABASE_KINDS, createTestDatabase } from '../testing/test-databases';
import { MIGRATIONS, openDataSource } from './data-source';

const TABLES = [
  'app_secrets',
  'audit_entries',
  'document_snapshots',
  'document_updates',
  'drill_results',
  'feedback',
  'feedback_ratings',
  'invites',
  'participants',
  'progress_shares',
  'recording_chunks',
  'revoked_tokens',
  'session_events',
  'sessions',
  'speech_spans',
  'users',
];

async function tableNames(dataSource: DataSource): Promise<string[]> {
  const rows: { table_name: string }[] = await dataSource.query(
    `SELECT table_name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_name <> 'migrations' ORDER BY table_name`,
  );
  return rows.map((row) => row.table_name);
}

/** Postgres error code of a failed query, e.g. 23505 for a unique violation. */
async function failureCode(work: Promise<unknown>): Promise<string | undefined> {
  const error: unknown = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(QueryFailedError);
  return (error as QueryFailedError & { driverError: { code?: string } }).driverError.code;
}

describe.each(TEST_DATABASE_KINDS)('persistence on %s PostgreSQL', (kind) => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    dataSource = await openDataSource(database.config);
  }, 60_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  let userCount = 0;
  const newUser = (manager = dataSource.manager) =>
    manager.save(UserEntity, {
      email: `person${++userCount}@example.test`,
      passwordHash: 'not-a-real-hash',
      displayName: `Person ${userCount}`,
    });
  const newSession = async () => {
    const user = await newUser();
    return dataSource.manager.save(SessionEntity, {
      roundType: 'system-design',
      prompt: null,
      visibility: 'private',
      durationMinutes: 60,
      interviewerId: user.id,
    });
  };
  const event = (sessionId: string, seq: number, clientEventId: string | null) => ({
    sessionId,
    seq,
    type: 'timer.started' as const,
    payload: {},
    actorId: '00000000-0000-4000-8000-000000000000',
    clientEventId,
    at: new Date(),
  });

  it('runs every migration at open, and reverts and re-applies them cleanly', async () => {
    expect(await tableNames(dataSource)).toEqual(TABLES);
    expect(await dataSource.showMigrations()).toBe(false);
    for (let left = MIGRATIONS.length; left > 0; left -= 1) await dataSource.undoLastMigration();
    expect(await tableNames(dataSource)).toEqual([]);
    await dataSource.runMigrations();
    expect(await tableNames(dataSource)).toEqual(TABLES);
  });

  it('round-trips jsonb, timestamps and generated ids', async () => {
    const session = await newSession();
    const at = new Date('2026-11-22T10:00:00.123Z');
    const prompt = {
      promptId: null,
      title: 'Design a rate limiter',
      body: 'Per API key, bursts allowed.',
      hints: ['Think of buckets.'],
      followUps: [],
      signals: ['framing' as const],
      guide: null,
    };
    await dataSource.manager.update(SessionEntity, session.id, { prompt });
    await dataSource.manager.insert(SessionEventEntity, { ...event(session.id, 1, null), at });
    const stored = await dataSource.manager.findOneByOrFail(SessionEntity, { id: session.id });
    const storedEvent = await dataSource.manager.findOneByOrFail(SessionEventEntity, {
      sessionId: session.id,
      seq: 1,
    });
    expect(session.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(stored.prompt).toEqual(prompt);
    expect(storedEvent.at.getTime()).toBe(at.getTime());
    expect(storedEvent.payload).toEqual({});
  });

  it('keeps one event per (session, seq)', async () => {
    const session = await newSession();
    await dataSource.manager.insert(SessionEventEntity, event(session.id, 1, null));
    const code = await failureCode(
      dataSource.manager.insert(SessionEventEntity, event(session.id, 1, null)),
    );
    expect(code).toBe('23505');
  });

  it('keeps one event per (session, client event id), while events with none may repeat', async () => {
    const session = await newSession();
    const clientEventId = '6f1c1c52-5b7e-4a4b-9a57-0d9d1c3e0b11';
    await dataSource.manager.insert(SessionEventEntity, event(session.id, 1, clientEventId));
    await dataSource.manager.insert(SessionEventEntity, event(session.id, 2, null));
    await dataSource.manager.insert(SessionEventEntity, event(session.id, 3, null));
    const code = await failureCode(
      dataSource.manager.insert(SessionEventEntity, event(session.id, 4, clientEventId)),
    );
    expect(code).toBe('23505');
    const other = await newSession();
    await dataSource.manager.insert(SessionEventEntity, event(other.id, 1, clientEventId));
    expect(await dataSource.manager.countBy(SessionEventEntity, { sessionId: session.id })).toBe(3);
  });

  it('refuses an e-mail address that is not lower-cased', async () => {
    const code = await failureCode(
      dataSource.manager.insert(UserEntity, {
        email: 'Mixed@Example.test',
        passwordHash: 'x',
        displayName: 'Mixed',
      }),
    );
    expect(code).toBe('23514');
  });

  it('leaves nothing behind from a rolled-back transaction while other requests run during it', async () => {
    let inside!: () => void;
    const transactionStarted = new Promise<void>((resolve) => (inside = resolve));
    const doomedEmail = `doomed-${kind}@example.test`;
    const doomed = dataSource.transaction(async (manager) => {
      await manager.save(UserEntity, {
        email: doomedEmail,
        passwordHash: 'x',
        displayName: 'Doomed',
      });
      inside();
      // Give the concurrent requests every chance to run before this transaction fails.
      await new Promise((resolve) => setTimeout(resolve, 50));
      throw new Error('roll back');
    });
    await transactionStarted;
    const bystanders = Promise.all([newUser(), newUser(), dataSource.query('SELECT 1')]);
    await expect(doomed).rejects.toThrow('roll back');
    const [first, second] = await bystanders;
    expect(await dataSource.manager.countBy(UserEntity, { email: doomedEmail })).toBe(0);
    expect(await dataSource.manager.countBy(UserEntity, { id: first.id })).toBe(1);
    expect(await dataSource.manager.countBy(UserEntity, { id: second.id })).toBe(1);
  });

  it('serialises concurrent appends that lock the session row: no sequence number is lost', async () => {
    const session = await newSession();
    const appends = Array.from({ length: 20 }, () =>
      dataSource.transaction(async (manager) => {
        await manager.query('SELECT 1 FROM sessions WHERE id = $1 FOR UPDATE', [session.id]);
        const [{ seq }] = await manager.query<{ seq: number }[]>(
          'SELECT COALESCE(MAX(seq), 0)::int + 1 AS seq FROM session_events WHERE session_id = $1',
          [session.id],
        );
        await manager.insert(SessionEventEntity, event(session.id, seq, null));
        return seq;
      }),
    );
    const seqs = await Promise.all(appends);
    expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });
});

const onPostgres = TEST_DATABASE_KINDS.includes('postgres') ? it : it.skip;

describe('migrations on a fresh PostgreSQL database', () => {
  onPostgres('let several nodes start at once: one migrates, the others wait', async () => {
    const database = await createTestDatabase('postgres');
    try {
      const [first, ...others] = await Promise.all(
        [1, 2, 3].map(() => openDataSource(database.config)),
      );
      const applied: { name: string }[] = await first.query('SELECT name FROM migrations');
      expect(applied.map((row) => row.name)).toEqual(MIGRATIONS.map((migration) => migration.name));
      await Promise.all([first, ...others].map((node) => node.destroy()));
    } finally {
      await database.drop();
    }
  });
});
