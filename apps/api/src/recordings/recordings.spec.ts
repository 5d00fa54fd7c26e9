import { randomBytes, randomUUID } from 'node:crypto';
import type { Role } from '@signal-room/domain';
import type { RecordingsResponse } from '@signal-room/protocol';
import { RECORDING_FORMAT, chunkStoredSchema, myTrackSchema } from '@signal-room/protocol';
import type { Cast, TestClient } from '../testing/test-app';
import { castForSuite, createStaffedSession, registerCast } from '../testing/test-app';
import { TEST_DATABASE_KINDS } from '../testing/test-databases';
import { accepted, bearer, errorOf } from '../testing/test-http';

const CHUNK_LIMIT = 2048;
const SESSION_LIMIT = 3 * CHUNK_LIMIT;
const USER_LIMIT = 5 * CHUNK_LIMIT;

/** What a candidate must never receive, wherever it was written. */
const MARKERS = {
  note: 'PRIVATE-note-3c1: rushed the failure modes',
  observer: 'PRIVATE-observer-3c1: would not hire',
  summary: 'PRIVATE-summary-3c1: hold the offer',
};

/** A room of the cast, everyone in it on a socket, and a recording the interviewer asked for. */
interface RecordedRoom {
  id: string;
  recordingId: string;
  clients: Record<Role, TestClient>;
}

describe.each(TEST_DATABASE_KINDS)('recordings, on %s PostgreSQL', (kind) => {
  const suite = castForSuite(kind, {
    recordingChunkBytes: CHUNK_LIMIT,
    recordingBytesPerSession: SESSION_LIMIT,
    recordingBytesPerUser: USER_LIMIT,
  });

  async function recordedRoom(
    cast: Cast = suite.cast,
    consenting: readonly Role[] = ['interviewer', 'candidate', 'observer'],
  ): Promise<RecordedRoom> {
    const { t } = suite;
    const { id } = await createStaffedSession(t, cast);
    const clients = {} as Record<Role, TestClient>;
    for (const role of ['interviewer', 'candidate', 'observer'] as const) {
      clients[role] = await t.connect(cast[role].token);
      expect(await clients[role].join(id)).toMatchObject({ ok: true });
    }
    await accepted(clients.interviewer.command(id, 'timer.start', {}));
    const recordingId = randomUUID();
    await accepted(clients.interviewer.command(id, 'recording.request', {}, recordingId));
    for (const role of consenting) {
      await accepted(clients[role].command(id, 'recording.consent', { recordingId }));
    }
    return { id, recordingId, clients };
  }

  const chunkPath = (room: RecordedRoom, index: number) =>
    `/api/sessions/${room.id}/recordings/${room.recordingId}/tracks/mine/chunks/${index}`;

  const upload = (
    room: RecordedRoom,
    token: string,
    index: number,
    bytes: Buffer,
    startedAt = Date.now(),
  ) =>
    suite.t
      .http()
      .put(chunkPath(room, index))
      .query({ startedAt, durationMs: RECORDING_FORMAT.timesliceMs })
      .set(bearer(token))
      .set('Content-Type', 'application/octet-stream')
      .send(bytes);

  const storedBytes = async (where: string, value: string): Promise<number> => {
    const [row] = await suite.t.dataSource.query<{ bytes: number }[]>(
      `SELECT COALESCE(SUM(size), 0)::int AS bytes FROM recording_chunks WHERE ${where} = $1`,
      [value],
    );
    return row?.bytes ?? 0;
  };

  const list = (room: RecordedRoom, token: string) =>
    suite.t.http().get(`/api/sessions/${room.id}/recordings`).set(bearer(token));

  /** The stored track as bytes, for a test to compare with what was uploaded; a refusal as JSON. */
  const stream = (room: RecordedRoom, token: string, userId: string) =>
    suite.t
      .http()
      .get(`/api/sessions/${room.id}/recordings/${room.recordingId}/tracks/${userId}`)
      .set(bearer(token))
      .buffer(true)
      .parse((response, done) => {
        const parts: Buffer[] = [];
        response.on('data', (part: Buffer) => parts.push(part));
        response.on('end', () => {
          const body = Buffer.concat(parts);
          const json = /json/.test(String(response.headers['content-type']));
          done(null, json ? (JSON.parse(body.toString('utf8')) as unknown) : body);
        });
      });

  const end = async (room: RecordedRoom) =>
    accepted(room.clients.interviewer.command(room.id, 'session.end', {}));

  it('stores each chunk once, says which are stored so a client resends the rest, and plays them in order', async () => {
    const { cast, t } = suite;
    const room = await recordedRoom();
    const chunks = [0, 1, 2, 3].map(() => randomBytes(600));
    for (const index of [0, 1, 3]) {
      const stored = await upload(room, cast.candidate.token, index, chunks[index] as Buffer);
      expect(stored.status).toBe(200);
      expect(chunkStoredSchema.parse(stored.body)).toMatchObject({
        index,
        bytes: 600,
        duplicate: false,
      });
    }
    // The answer to chunk 1 was lost: the client resends it, and the server answers as before.
    const resent = await upload(room, cast.candidate.token, 1, chunks[1] as Buffer).expect(200);
    expect(chunkStoredSchema.parse(resent.body)).toMatchObject({ index: 1, duplicate: true });

    const mine = await t
      .http()
      .get(`/api/sessions/${room.id}/recordings/${room.recordingId}/tracks/mine`)
      .set(bearer(cast.candidate.token))
      .expect(200);
    expect(myTrackSchema.parse(mine.body).chunks.map((chunk) => chunk.index)).toEqual([0, 1, 3]);
    await upload(room, cast.candidate.token, 2, chunks[2] as Buffer).expect(200);
    expect(await storedBytes('session_id', room.id)).toBe(4 * 600);

    await end(room);
    const listed = (await list(room, cast.interviewer.token).expect(200))
      .body as RecordingsResponse;
    expect(listed.recordings).toEqual([
      expect.objectContaining({
        id: room.recordingId,
        status: 'ended',
        endReason: 'round-ended',
        tracks: [
          expect.objectContaining({
            userId: cast.candidate.user.id,
            displayName: cast.candidate.user.displayName,
            chunks: 4,
            bytes: 2400,
          }),
        ],
      }),
    ]);
    const track = await stream(room, cast.interviewer.token, cast.candidate.user.id).expect(200);
    expect(track.headers['content-type']).toMatch(/^audio\/webm/);
    expect(Buffer.compare(track.body as Buffer, Buffer.concat(chunks))).toBe(0);
  });

  it('refuses a chunk without its person’s consent, and stores nothing of it', async () => {
    const { cast, t } = suite;
    const room = await recordedRoom(suite.cast, ['interviewer', 'observer']);
    const chunk = randomBytes(100);
    // Everyone but the candidate agreed: the recording is not live, so nobody's chunk is taken.
    for (const token of [cast.candidate.token, cast.interviewer.token]) {
      const refused = await upload(room, token, 0, chunk).expect(403);
      expect(errorOf(refused.body)).toMatchObject({ code: 'CONSENT_REQUIRED', retryable: false });
    }
    await accepted(
      room.clients.candidate.command(room.id, 'recording.consent', {
        recordingId: room.recordingId,
      }),
    );
    await upload(room, cast.candidate.token, 0, chunk).expect(200);
    // Nothing from before one's own agreement, nor after the stop.
    const before = await upload(room, cast.observer.token, 1, chunk, Date.now() - 60_000);
    expect(errorOf(before.body).code).toBe('CONSENT_REQUIRED');
    await accepted(
      room.clients.observer.command(room.id, 'recording.stop', { recordingId: room.recordingId }),
    );
    const after = await upload(room, cast.observer.token, 1, chunk, Date.now() + 1000);
    expect(errorOf(after.body).code).toBe('CONSENT_REQUIRED');
    // A chunk cut before the stop and resent after it is still the observer's to store.
    await upload(room, cast.observer.token, 1, chunk, Date.now() - 2000).expect(200);

    const stranger = await t.register('Stan');
    const outsider = await upload(room, stranger.token, 0, chunk).expect(404);
    expect(errorOf(outsider.body).code).toBe('SESSION_NOT_FOUND');
    const unknown = await t
      .http()
      .put(`/api/sessions/${room.id}/recordings/${randomUUID()}/tracks/mine/chunks/0`)
      .query({ startedAt: Date.now(), durationMs: 5000 })
      .set(bearer(cast.candidate.token))
      .set('Content-Type', 'application/octet-stream')
      .send(chunk)
      .expect(404);
    expect(errorOf(unknown.body).code).toBe('NOT_FOUND');
    const asJson = await t
      .http()
      .put(chunkPath(room, 5))
      .query({ startedAt: Date.now(), durationMs: 5000 })
      .set(bearer(cast.candidate.token))
      .send({ audio: 'not bytes' })
      .expect(415);
    expect(errorOf(asJson.body).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(await storedBytes('session_id', room.id)).toBe(200);
  });

  it('refuses a chunk over its size, and uploads past the session’s or the person’s total, storing nothing', async () => {
    const { t } = suite;
    // People of their own: what the other tests stored counts against the suite's cast.
    const cast = await registerCast(t);
    const room = await recordedRoom(cast);
    const full = randomBytes(CHUNK_LIMIT);

    const oversized = await upload(room, cast.candidate.token, 0, randomBytes(CHUNK_LIMIT + 1));
    expect(oversized.status).toBe(413);
    expect(errorOf(oversized.body).code).toBe('PAYLOAD_TOO_LARGE');
    for (const index of [0, 1, 2])
      await upload(room, cast.candidate.token, index, full).expect(200);
    for (const [token, index] of [
      [cast.candidate.token, 3],
      [cast.interviewer.token, 0],
    ] as const) {
      const refused = await upload(room, token, index, randomBytes(10)).expect(413);
      expect(errorOf(refused.body)).toMatchObject({ code: 'RECORDING_LIMIT_REACHED' });
      expect(errorOf(refused.body).message).toMatch(/session/);
    }
    expect(await storedBytes('session_id', room.id)).toBe(SESSION_LIMIT);

    // Another session: the candidate has room for two more chunks of their own, then no more.
    const next = await recordedRoom(cast);
    for (const index of [0, 1]) await upload(next, cast.candidate.token, index, full).expect(200);
    const refused = await upload(next, cast.candidate.token, 2, randomBytes(10)).expect(413);
    expect(errorOf(refused.body).message).toMatch(/Your recordings/);
    expect(await storedBytes('user_id', cast.candidate.user.id)).toBe(USER_LIMIT);
    // The limit is the candidate's: the interviewer still records in that session.
    await upload(next, cast.interviewer.token, 0, randomBytes(10)).expect(200);
  });

  it('opens to staff at the end and to the candidate only once released, never with anything private', async () => {
    const { cast } = suite;
    const room = await recordedRoom();
    const voices = {
      interviewer: randomBytes(300),
      candidate: randomBytes(300),
      observer: randomBytes(300),
    };
    for (const role of ['interviewer', 'candidate', 'observer'] as const) {
      await upload(room, cast[role].token, 0, voices[role]).expect(200);
    }
    const { interviewer, observer } = room.clients;
    await accepted(
      interviewer.command(room.id, 'evidence.add', {
        signal: 'production',
        polarity: 'weak',
        note: MARKERS.note,
      }),
    );
    await accepted(
      observer.command(room.id, 'evidence.add', {
        signal: 'framing',
        polarity: 'weak',
        note: MARKERS.observer,
      }),
    );
    await accepted(
      interviewer.command(room.id, 'summary.write', {
        text: MARKERS.summary,
        practiseNext: 'Say the trade-off.',
      }),
    );
    const refusedWith = async (
      response: Promise<{ status: number; body: unknown }>,
      code: string,
    ) => {
      const answer = await response;
      expect({ status: answer.status, code: errorOf(answer.body).code }).toEqual({
        status: 404,
        code,
      });
    };
    const candidateId = cast.candidate.user.id;
    await refusedWith(list(room, cast.interviewer.token), 'FEEDBACK_NOT_READY');
    await refusedWith(stream(room, cast.observer.token, candidateId), 'FEEDBACK_NOT_READY');

    await end(room);
    await list(room, cast.observer.token).expect(200);
    await refusedWith(list(room, cast.candidate.token), 'FEEDBACK_NOT_READY');
    await refusedWith(stream(room, cast.candidate.token, candidateId), 'FEEDBACK_NOT_READY');

    await accepted(interviewer.command(room.id, 'feedback.release', {}));
    const listed = await list(room, cast.candidate.token).expect(200);
    expect(
      (listed.body as RecordingsResponse).recordings[0]?.tracks.map((track) => track.userId).sort(),
    ).toEqual([cast.interviewer.user.id, candidateId, cast.observer.user.id].sort());
    const heard: Buffer[] = [];
    for (const role of ['interviewer', 'candidate', 'observer'] as const) {
      const track = await stream(room, cast.candidate.token, cast[role].user.id).expect(200);
      expect(Buffer.compare(track.body as Buffer, voices[role])).toBe(0);
      heard.push(track.body as Buffer);
    }
    const received = `${listed.text} ${Buffer.concat(heard).toString('latin1')}`;
    for (const marker of Object.values(MARKERS)) expect(received).not.toContain(marker);
    expect(received).not.toContain('PRIVATE');
  });

  it('lets the person recorded delete their own track once it is no longer live, and only theirs', async () => {
    const { cast, t } = suite;
    const room = await recordedRoom();
    for (const role of ['candidate', 'observer'] as const) {
      await upload(room, cast[role].token, 0, randomBytes(400)).expect(200);
      await upload(room, cast[role].token, 1, randomBytes(400)).expect(200);
    }
    const remove = (token: string) =>
      t
        .http()
        .delete(`/api/sessions/${room.id}/recordings/${room.recordingId}/tracks/mine`)
        .set(bearer(token));
    const live = await remove(cast.candidate.token).expect(409);
    expect(errorOf(live.body).code).toBe('INVALID_STATE');
    await accepted(
      room.clients.candidate.command(room.id, 'recording.stop', { recordingId: room.recordingId }),
    );
    const removed = await remove(cast.candidate.token).expect(200);
    expect(removed.body).toEqual({ recordingId: room.recordingId, chunks: 2, bytes: 800 });
    expect(await storedBytes('user_id', cast.candidate.user.id)).toBeGreaterThanOrEqual(0);
    const [left] = await t.dataSource.query<{ users: string[] }[]>(
      'SELECT array_agg(DISTINCT user_id::text) AS users FROM recording_chunks WHERE session_id = $1',
      [room.id],
    );
    expect(left?.users).toEqual([cast.observer.user.id]);
    await end(room);
    const listed = (await list(room, cast.interviewer.token).expect(200))
      .body as RecordingsResponse;
    expect(listed.recordings[0]?.tracks.map((track) => track.userId)).toEqual([
      cast.observer.user.id,
    ]);
    const gone = await stream(room, cast.interviewer.token, cast.candidate.user.id).expect(404);
    expect(errorOf(gone.body).code).toBe('NOT_FOUND');
  });

  it('goes with its session', async () => {
    const { cast, t } = suite;
    const room = await recordedRoom();
    await upload(room, cast.candidate.token, 0, randomBytes(500)).expect(200);
    expect(await storedBytes('session_id', room.id)).toBe(500);
    await t.dataSource.query('DELETE FROM sessions WHERE id = $1', [room.id]);
    expect(await storedBytes('session_id', room.id)).toBe(0);
  });
});
