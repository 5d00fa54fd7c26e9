import type { RoomPresenceMessage } from '@signal-room/protocol';
import type { TestClient } from '../testing/test-app';
import { castForSuite, createStaffedSession } from '../testing/test-app';
import { TEST_DATABASE_KINDS } from '../testing/test-databases';
import { accepted } from '../testing/test-http';

describe.each(TEST_DATABASE_KINDS)('presence once a round has ended, on %s PostgreSQL', (kind) => {
  const suite = castForSuite(kind);

  const presenceTypes = async (sessionId: string): Promise<string[]> =>
    (
      await suite.t.dataSource.query<{ type: string }[]>(
        `SELECT type FROM session_events
          WHERE session_id = $1 AND type IN ('participant.joined', 'participant.left')
          ORDER BY seq`,
        [sessionId],
      )
    ).map((row) => row.type);

  /** The next presence message a client receives, whoever it names. */
  const nextPresence = (client: TestClient) =>
    new Promise<RoomPresenceMessage>((resolve) => client.socket.once('room:presence', resolve));

  const online = (message: RoomPresenceMessage) => [...message.online].sort();

  async function endedRoom() {
    const { id } = await createStaffedSession(suite.t, suite.cast);
    const interviewer = await suite.t.connect(suite.cast.interviewer.token);
    const candidate = await suite.t.connect(suite.cast.candidate.token);
    await interviewer.join(id);
    await candidate.join(id);
    await accepted(interviewer.command(id, 'timer.start', {}));
    await accepted(interviewer.command(id, 'session.end', {}));
    return { id, interviewer, candidate };
  }

  it('records no revisit, and tells the room who has it open instead', async () => {
    const room = await endedRoom();
    const recorded = await presenceTypes(room.id);
    expect(recorded).toEqual(['participant.joined', 'participant.joined']);

    const afterLeaving = nextPresence(room.interviewer);
    room.candidate.close();
    expect(online(await afterLeaving)).toEqual([suite.cast.interviewer.user.id]);

    const back = await suite.t.connect(suite.cast.candidate.token);
    const afterComingBack = nextPresence(room.interviewer);
    const joinedBack = nextPresence(back);
    expect(await back.join(room.id)).toMatchObject({ ok: true });
    const expected = [suite.cast.interviewer.user.id, suite.cast.candidate.user.id].sort();
    expect(online(await afterComingBack)).toEqual(expected);
    expect(online(await joinedBack)).toEqual(expected);

    await back.flush();
    expect(await presenceTypes(room.id)).toEqual(recorded);
  });

  it('still records a first entry after the end, once', async () => {
    const room = await endedRoom();
    const observer = await suite.t.connect(suite.cast.observer.token);
    await observer.join(room.id);
    observer.close();
    const again = await suite.t.connect(suite.cast.observer.token);
    await again.join(room.id);
    await again.flush();
    expect(await presenceTypes(room.id)).toEqual([
      'participant.joined',
      'participant.joined',
      'participant.joined',
    ]);
    expect(again.state?.participants[suite.cast.observer.user.id]).toMatchObject({
      role: 'observer',
    });
  });

  it('keeps recording people coming and going while the round runs', async () => {
    const { id } = await createStaffedSession(suite.t, suite.cast);
    const interviewer = await suite.t.connect(suite.cast.interviewer.token);
    await interviewer.join(id);
    await accepted(interviewer.command(id, 'timer.start', {}));
    const candidate = await suite.t.connect(suite.cast.candidate.token);
    await candidate.join(id);
    candidate.close();
    await interviewer.settle(4);
    expect(await presenceTypes(id)).toEqual([
      'participant.joined',
      'participant.joined',
      'participant.left',
    ]);
  });
});
