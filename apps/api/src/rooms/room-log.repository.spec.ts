import { randomUUID } from 'node:crypto';
import type { RoomEvent } from '@signal-room/domain';
import type { DataSource } from 'typeorm';
import { UserEntity } from '../auth/user.entity';
import { openDataSource } from '../database/data-source';
import { SessionEntity } from '../sessions/session.entity';
import type { TestDatabase } from '../testing/test-databases';
import { TEST_DATABASE_KINDS, createTestDatabase } from '../testing/test-databases';
import type { LogBatch } from './room-log.repository';
import { RoomLog } from './room-log.repository';

describe.each(TEST_DATABASE_KINDS)('the room log on %s PostgreSQL', (kind) => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let log: RoomLog;
  let actorId: string;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    dataSource = await openDataSource(database.config);
    log = new RoomLog(dataSource);
    const user = await dataSource.manager.save(UserEntity, {
      email: `log-${randomUUID()}@example.test`,
      passwordHash: 'not-a-real-hash',
      displayName: 'Lou',
    });
    actorId = user.id;
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const newRoom = async (): Promise<string> => {
    const session = await dataSource.manager.save(SessionEntity, {
      roundType: 'system-design',
      prompt: null,
      visibility: 'private',
      durationMinutes: 60,
      interviewerId: actorId,
    });
    return session.id;
  };

  /** A batch of `count` move marks planned on the room at `after`. */
  const batch = (
    sessionId: string,
    after: number,
    count = 1,
    clientEventId: string | null = randomUUID(),
  ): LogBatch => ({
    sessionId,
    actorId,
    clientEventId,
    at: Date.now(),
    events: Array.from(
      { length: count },
      (_, index) =>
        ({
          seq: after + index + 1,
          type: 'move.marked',
          payload: { markId: randomUUID(), move: 'clarify-constraints', offsetMs: 0 },
          actorId,
          at: Date.now(),
        }) as RoomEvent,
    ),
    mirror: null,
  });

  const seqsOf = async (sessionId: string): Promise<number[]> =>
    (await log.since(dataSource.manager, sessionId, 0)).map((event) => event.seq);

  it('appends the batches of many rooms in one statement, each at its own seqs', async () => {
    const rooms = await Promise.all([newRoom(), newRoom(), newRoom()]);
    const outcomes = await log.append(
      rooms.map((sessionId, index) => batch(sessionId, 0, index + 1)),
    );
    expect([...outcomes.values()]).toEqual([
      { kind: 'appended' },
      { kind: 'appended' },
      { kind: 'appended' },
    ]);
    expect(await Promise.all(rooms.map(seqsOf))).toEqual([[1], [1, 2], [1, 2, 3]]);
  });

  it('answers a repeat and a stale batch in their own rows and appends the rest', async () => {
    const [repeated, stale, fresh] = await Promise.all([newRoom(), newRoom(), newRoom()]);
    const first = batch(repeated, 0, 2);
    await log.append([first, batch(stale, 0)]);
    const outcomes = await log.append([
      // The same command again, planned on the room it made: its first ack's seq comes back.
      { ...batch(repeated, 2), clientEventId: first.clientEventId },
      // Planned on a room one behind: its first seq is taken, and so nothing of it goes in.
      batch(stale, 0, 2),
      batch(fresh, 0),
    ]);
    expect(outcomes.get(repeated)).toEqual({ kind: 'duplicate', seq: 2 });
    expect(outcomes.get(stale)).toEqual({ kind: 'stale' });
    expect(outcomes.get(fresh)).toEqual({ kind: 'appended' });
    expect(await seqsOf(repeated)).toEqual([1, 2]);
    expect(await seqsOf(stale)).toEqual([1]);
    expect(await seqsOf(fresh)).toEqual([1]);
    expect(await log.seqOfCommand(dataSource.manager, repeated, first.clientEventId)).toBe(2);
  });

  it('mirrors the room on the session row for the batches that went in, and only theirs', async () => {
    const [moved, collided] = await Promise.all([newRoom(), newRoom()]);
    await log.append([batch(collided, 0)]);
    const mirror = { status: 'live' as const, deadlineAt: Date.now() + 60_000, endedAt: null };
    await log.append([
      { ...batch(moved, 0), mirror },
      { ...batch(collided, 0), mirror },
    ]);
    const rows = await dataSource.manager.findBy(SessionEntity, [{ id: moved }, { id: collided }]);
    const statusOf = (id: string) => rows.find((row) => row.id === id)?.status;
    expect(statusOf(moved)).toBe('live');
    expect(statusOf(collided)).toBe('waiting');
    expect(rows.find((row) => row.id === moved)?.deadlineAt?.getTime()).toBe(mirror.deadlineAt);
  });

  it('lets one of many statements planned on the same seq in, and tells the others', async () => {
    const sessionId = await newRoom();
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        log.append([batch(sessionId, 0, 1 + (index % 3))]).then((answer) => answer.get(sessionId)),
      ),
    );
    expect(outcomes.filter((outcome) => outcome?.kind === 'appended')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome?.kind === 'stale')).toHaveLength(7);
    const seqs = await seqsOf(sessionId);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, index) => index + 1));
  });

  it('holds off every append while a writer holds the session lock', async () => {
    const sessionId = await newRoom();
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked = (): void => undefined;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const writer = dataSource.transaction(async (manager) => {
      await log.lock(manager, sessionId);
      locked();
      await held;
      return (await log.append([batch(sessionId, 0)], manager)).get(sessionId);
    });
    await isLocked;
    // On PostgreSQL this waits for the lock; on the embedded database, for its one connection.
    const other = log.append([batch(sessionId, 0)]).then((answer) => answer.get(sessionId));
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    expect(await writer).toEqual({ kind: 'appended' });
    expect(await other).toEqual({ kind: 'stale' });
  });

  it('refuses two batches of one room in one statement', async () => {
    const sessionId = await newRoom();
    await expect(log.append([batch(sessionId, 0), batch(sessionId, 1)])).rejects.toThrow(
      'one batch per room',
    );
    expect(await seqsOf(sessionId)).toEqual([]);
  });
});
