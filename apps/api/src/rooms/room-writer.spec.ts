import { randomUUID } from 'node:crypto';
import type { CommandAck } from '@signal-room/protocol';
import { FeedbackEntity } from '../feedback/feedback.entity';
import { MetricsService } from '../observability/metrics.service';
import type { TestApp } from '../testing/test-app';
import { castForSuite, createStaffedSession, startSecondNode } from '../testing/test-app';
import { TEST_DATABASE_KINDS } from '../testing/test-databases';
import { RoomLog } from './room-log.repository';
import { RoomsService } from './rooms.service';

/** Group statements this node has sent, and the rooms they carried, so far. */
async function groupCommits(t: TestApp): Promise<{ statements: number; rooms: number }> {
  const metric = t.app
    .get(MetricsService)
    .registry.getSingleMetric('signal_room_group_commit_rooms');
  const { values } = (await metric?.get()) ?? { values: [] };
  const valueOf = (name: string) =>
    values.find((value) => (value as { metricName?: string }).metricName === name)?.value ?? 0;
  return {
    statements: valueOf('signal_room_group_commit_rooms_count'),
    rooms: valueOf('signal_room_group_commit_rooms_sum'),
  };
}

const seqOf = (ack: CommandAck): number => {
  if (!ack.ok) throw new Error(`refused: ${ack.error.code}`);
  return ack.seq;
};

describe.each(TEST_DATABASE_KINDS)('the room writer on %s PostgreSQL', (kind) => {
  const suite = castForSuite(kind);

  const mark = (sessionId: string, clientEventId: string = randomUUID()) =>
    suite.t.app.get(RoomsService).command(suite.cast.interviewer.user.id, {
      sessionId,
      clientEventId,
      type: 'move.mark',
      payload: { move: 'clarify-constraints' },
    });

  /** Rooms whose state this node holds, with the interviewer in and the timer running. */
  async function openRooms(count: number): Promise<string[]> {
    const rooms: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const { id } = await createStaffedSession(suite.t, suite.cast);
      await suite.t.app.get(RoomsService).join(id, suite.cast.interviewer.user.id, undefined);
      await suite.t.app.get(RoomsService).command(suite.cast.interviewer.user.id, {
        sessionId: id,
        clientEventId: randomUUID(),
        type: 'timer.start',
        payload: {},
      });
      rooms.push(id);
    }
    return rooms;
  }

  it('commits commands that arrive together from many rooms in one statement', async () => {
    const rooms = await openRooms(12);
    const before = await groupCommits(suite.t);
    const acks = await Promise.all(rooms.map((sessionId) => mark(sessionId)));
    const after = await groupCommits(suite.t);
    expect(acks.map(seqOf)).toEqual(rooms.map(() => 3));
    expect(after.rooms - before.rooms).toBe(rooms.length);
    expect(after.statements - before.statements).toBe(1);
  });

  it("answers a repeat in a group as a duplicate, and the group's other commands as new", async () => {
    const rooms = await openRooms(4);
    const repeatedId = randomUUID();
    const [repeatedRoom, ...others] = rooms as [string, ...string[]];
    const original = seqOf(await mark(repeatedRoom, repeatedId));
    const acks = await Promise.all([
      mark(repeatedRoom, repeatedId),
      ...others.map((sessionId) => mark(sessionId)),
    ]);
    expect(acks[0]).toEqual({ ok: true, seq: original, duplicate: true });
    expect(acks.slice(1)).toEqual(others.map(() => ({ ok: true, seq: 3, duplicate: false })));
    const { events } = await suite.t.app.get(RoomsService).state(repeatedRoom);
    expect(events.map((event) => event.type)).toEqual([
      'participant.joined',
      'timer.started',
      'move.marked',
    ]);
  });

  it('keeps the order commands to one room came in, however many wait', async () => {
    const [sessionId] = (await openRooms(1)) as [string];
    const ids = Array.from({ length: 25 }, () => randomUUID());
    const acks = await Promise.all(ids.map((id) => mark(sessionId, id)));
    expect(acks.map(seqOf)).toEqual(ids.map((_, index) => index + 3));
    const { events } = await suite.t.app.get(RoomsService).state(sessionId);
    const marks = events.filter((event) => event.type === 'move.marked');
    expect(marks.map((event) => (event.payload as { markId: string }).markId)).toEqual(ids);
  });

  it('writes feedback with the events that change it, never on presence', async () => {
    const [sessionId] = (await openRooms(1)) as [string];
    const rooms = suite.t.app.get(RoomsService);
    const interviewerId = suite.cast.interviewer.user.id;
    const send = (type: string, payload: object) =>
      rooms.command(interviewerId, { sessionId, clientEventId: randomUUID(), type, payload });
    const stored = () => suite.t.dataSource.manager.findOneBy(FeedbackEntity, { sessionId });
    await send('move.mark', { move: 'clarify-constraints' });
    expect(await stored()).toBeNull();
    seqOf(await send('session.end', {}));
    const atEnd = await stored();
    expect(atEnd?.document.summary).toBeNull();
    // Presence after the end writes nothing; the feedback stays as the end wrote it.
    await rooms.join(sessionId, suite.cast.observer.user.id, undefined);
    await rooms.leave(sessionId, suite.cast.observer.user.id);
    expect((await stored())?.generatedAt).toEqual(atEnd?.generatedAt);
    seqOf(
      await send('summary.write', { text: 'Framed the problem first.', practiseNext: 'Depth.' }),
    );
    const rewritten = await stored();
    expect(rewritten?.document.summary).toMatchObject({ text: 'Framed the problem first.' });
    expect(rewritten?.releasedAt).toBeNull();
    seqOf(await send('feedback.release', {}));
    expect((await stored())?.releasedAt).toEqual(expect.any(Date));
  });

  describe('beside another node', () => {
    let second: TestApp;
    beforeAll(async () => {
      second = await startSecondNode(suite.t);
    });
    afterAll(() => second?.close());

    it('retries a batch planned on a state another node moved on, and not the others', async () => {
      const [behind, current] = (await openRooms(2)) as [string, string];
      // The second node writes to one room: this node's copy of it is now one behind.
      const theirs = await second.app.get(RoomsService).command(suite.cast.interviewer.user.id, {
        sessionId: behind,
        clientEventId: randomUUID(),
        type: 'move.mark',
        payload: { move: 'clarify-constraints' },
      });
      expect(seqOf(theirs)).toBe(3);
      const [retried, straight] = await Promise.all([mark(behind), mark(current)]);
      expect(seqOf(retried)).toBe(4);
      expect(seqOf(straight)).toBe(3);
      const log = suite.t.app.get(RoomLog);
      expect(await log.latestSeq(suite.t.dataSource.manager, behind)).toBe(4);
    });
  });
});
