import { randomUUID } from 'node:crypto';
import type { DocumentId } from '@signal-room/domain';
import type { DocumentOpenAck, DocumentUpdateAck } from '@signal-room/protocol';
import { documentReplaySchema } from '@signal-room/protocol';
import { DocumentChannel } from '@signal-room/room-client';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Cast, TestApp, TestClient } from '../testing/test-app';
import {
  createStaffedSession,
  registerCast,
  seatedRoom,
  startSecondNode,
  startTestApp,
  twoNodesOverRedis,
} from '../testing/test-app';
import { TEST_DATABASE_KINDS, withTestRedis } from '../testing/test-databases';
import { accepted, bearer } from '../testing/test-http';
import { COMPACT_AFTER_UPDATES, DocumentsService } from './documents.service';

type Seat = keyof Cast;

/** Sends anything at all on the document channel, for what the server refuses. */
const raw = <T>(client: TestClient, event: string, body: unknown): Promise<T> =>
  (client.socket.emitWithAck as (e: string, b: unknown) => Promise<T>)(event, body);

const textOf = (channel: DocumentChannel) => channel.doc.getText('code').toString();

async function until(what: string, holds: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!holds()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A frame as text to search, its bytes read as the characters they encode. */
function searchable(value: unknown): string {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('latin1');
  if (Array.isArray(value)) return value.map(searchable).join(' ');
  if (value && typeof value === 'object') return Object.values(value).map(searchable).join(' ');
  return String(value);
}

/** A Yjs update inserting `text` into a document of its own, as a client would send it. */
function insertion(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('code').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

describe.each(TEST_DATABASE_KINDS)('shared documents, on %s PostgreSQL', (kind) => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await startTestApp(kind);
    cast = await registerCast(t);
  });
  afterAll(() => t?.close());

  const channels: DocumentChannel[] = [];
  afterEach(() => {
    for (const channel of channels.splice(0)) channel.close();
  });

  async function open(client: TestClient, sessionId: string, documentId: DocumentId = 'pad') {
    const channel = new DocumentChannel(sessionId, documentId, { coalesceMs: 1 });
    channels.push(channel);
    const answer = await channel.attach(client.socket);
    return { channel, answer };
  }

  const storedRows = async (sessionId: string) => {
    const [row] = await t.dataSource.query<{ count: number }[]>(
      'SELECT count(*)::int AS count FROM document_updates WHERE session_id = $1',
      [sessionId],
    );
    return row?.count ?? 0;
  };

  it('converges when the interviewer and the candidate type at once', async () => {
    const room = await seatedRoom(t, cast);
    const { channel: ivo } = await open(room.interviewer, room.id);
    const { channel: cleo } = await open(room.candidate, room.id);
    for (let i = 0; i < 40; i += 1) {
      ivo.doc.getText('code').insert(0, 'i');
      cleo.doc.getText('code').insert(cleo.doc.getText('code').length, 'c');
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await until('both to hold all 80 characters', () =>
      [ivo, cleo].every((channel) => textOf(channel).length === 80),
    );
    expect(textOf(ivo)).toBe(textOf(cleo));
    expect(textOf(ivo).replace(/c/g, '')).toBe('i'.repeat(40));
    await until('every update to be stored', () => ivo.getSnapshot().status === 'synced');
    expect(await storedRows(room.id)).toBeGreaterThan(0);
  });

  it("relays a person's cursor under their own name, and drops one that claims another's", async () => {
    const room = await seatedRoom(t, cast);
    const { channel: ivo } = await open(room.interviewer, room.id);
    const { channel: cleo } = await open(room.candidate, room.id);
    const nameOf = (clientId: number) =>
      (ivo.awareness.getStates().get(clientId) as { user?: { name?: string } } | undefined)?.user
        ?.name;
    cleo.awareness.setLocalStateField('user', {
      name: cast.candidate.user.displayName,
      color: '#0f6f6a',
    });
    await until(
      'the interviewer to see the candidate by name',
      () => nameOf(cleo.doc.clientID) === cast.candidate.user.displayName,
    );
    // A forged cursor: the candidate's socket sends a state labelled with the interviewer's name.
    const forger = new Awareness(new Y.Doc());
    forger.setLocalState({ user: { name: cast.interviewer.user.displayName, color: '#1d5fa6' } });
    room.candidate.socket.emit('document:awareness', {
      sessionId: room.id,
      documentId: 'pad',
      update: encodeAwarenessUpdate(forger, [forger.clientID]),
    });
    // Two at once is not one person's own either.
    const pair = new Awareness(new Y.Doc());
    pair.setLocalState({ user: { name: cast.candidate.user.displayName, color: '#0f6f6a' } });
    applyAwarenessUpdate(pair, encodeAwarenessUpdate(forger, [forger.clientID]), 'test');
    room.candidate.socket.emit('document:awareness', {
      sessionId: room.id,
      documentId: 'pad',
      update: encodeAwarenessUpdate(pair, [pair.clientID, forger.clientID]),
    });
    cleo.awareness.setLocalStateField('cursor', null);
    await room.candidate.flush();
    await room.interviewer.flush();
    expect(ivo.awareness.getStates().has(forger.clientID)).toBe(false);
    expect(ivo.awareness.getStates().has(pair.clientID)).toBe(false);
    forger.destroy();
    pair.destroy();
  });

  it("refuses an observer's update with FORBIDDEN_ROLE and stores nothing", async () => {
    const room = await seatedRoom(t, cast);
    const { answer } = await open(room.observer, room.id);
    expect(answer).toMatchObject({ ok: true, access: 'read' });
    const before = await storedRows(room.id);
    const ack = await raw<DocumentUpdateAck>(room.observer, 'document:update', {
      sessionId: room.id,
      documentId: 'pad',
      clientUpdateId: randomUUID(),
      update: insertion('observer was here'),
    });
    expect(ack).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ROLE' } });
    expect(await storedRows(room.id)).toBe(before);
    const { channel } = await open(room.interviewer, room.id);
    expect(textOf(channel)).toBe('');
  });

  it('never lets the scratch document reach the candidate, on open or on fan-out', async () => {
    const room = await seatedRoom(t, cast);
    const received: unknown[] = [];
    room.candidate.socket.onAny((...args: unknown[]) => received.push(...args));

    const { answer: refused } = await open(room.candidate, room.id, 'scratch');
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ROLE' } });
    const { channel: candidatePad } = await open(room.candidate, room.id, 'pad');
    const { channel: scratch } = await open(room.interviewer, room.id, 'scratch');
    const { channel: observerScratch } = await open(room.observer, room.id, 'scratch');
    const { channel: pad } = await open(room.interviewer, room.id, 'pad');

    scratch.doc.getText('code').insert(0, 'PRIVATE-7f3a: rushed the failure modes');
    pad.doc.getText('code').insert(0, 'PUBLIC-pad-text');
    await until('the observer to read the scratch', () =>
      textOf(observerScratch).includes('PRIVATE-7f3a'),
    );
    await until('the candidate to read the pad', () => textOf(candidatePad) === 'PUBLIC-pad-text');
    await room.candidate.flush();

    const everything = received.map(searchable).join('\n');
    expect(everything).toContain('PUBLIC-pad-text');
    expect(everything).not.toContain('PRIVATE-7f3a');
  });

  it('replays a document to who may open it, every update with its author and time; the scratch never to the candidate', async () => {
    const room = await seatedRoom(t, cast);
    const { channel: ivo } = await open(room.interviewer, room.id);
    const { channel: cleo } = await open(room.candidate, room.id);
    const { channel: scratch } = await open(room.interviewer, room.id, 'scratch');
    const before = Date.now();
    ivo.doc.getText('code').insert(0, 'function allow(');
    await until('the interviewer to be stored', () => !ivo.getSnapshot().unsaved);
    await until('the candidate to read it', () => textOf(cleo) === 'function allow(');
    cleo.doc.getText('code').insert(15, 'clientId, nowMs)');
    scratch.doc.getText('code').insert(0, 'PRIVATE-91c2: unsure about the window');
    await until('everything to be stored', () =>
      [cleo, scratch].every((channel) => !channel.getSnapshot().unsaved),
    );

    const replayFor = (seat: Seat, documentId: DocumentId) =>
      t
        .http()
        .get(`/api/sessions/${room.id}/documents/${documentId}/replay`)
        .set(bearer(cast[seat].token));
    const answered = await replayFor('candidate', 'pad').expect(200);
    const replay = documentReplaySchema.parse(answered.body);
    expect(replay).toMatchObject({ sessionId: room.id, documentId: 'pad' });
    expect(replay.updates.map((update) => update.authorId)).toEqual([
      cast.interviewer.user.id,
      cast.candidate.user.id,
    ]);
    const [first, second] = replay.updates;
    expect(first?.at).toBeGreaterThanOrEqual(before - 1000);
    expect(second?.at).toBeGreaterThanOrEqual(first?.at ?? Infinity);
    const played = new Y.Doc();
    for (const { update } of replay.updates) Y.applyUpdate(played, Buffer.from(update, 'base64'));
    expect(played.getText('code').toString()).toBe('function allow(clientId, nowMs)');
    expect(JSON.stringify(answered.body)).not.toContain('PRIVATE');

    const refused = await replayFor('candidate', 'scratch').expect(403);
    expect(refused.body).toMatchObject({ error: { code: 'FORBIDDEN_ROLE' } });
    expect(JSON.stringify(refused.body)).not.toContain('PRIVATE');
    const observed = documentReplaySchema.parse(
      (await replayFor('observer', 'scratch').expect(200)).body,
    );
    const scratchText = new Y.Doc();
    for (const { update } of observed.updates)
      Y.applyUpdate(scratchText, Buffer.from(update, 'base64'));
    expect(scratchText.getText('code').toString()).toContain('PRIVATE-91c2');

    const stranger = await t.register('Sam');
    await t
      .http()
      .get(`/api/sessions/${room.id}/documents/pad/replay`)
      .set(bearer(stranger.token))
      .expect(403);
    const unknown = await replayFor('interviewer', 'slides' as DocumentId).expect(400);
    expect(unknown.body).toMatchObject({ error: { code: 'INVALID_PAYLOAD' } });
  });

  it('takes a removed person out of the documents: no more frames, no more writing', async () => {
    const room = await seatedRoom(t, cast);
    const { channel: cleo } = await open(room.candidate, room.id);
    const { channel: ivo } = await open(room.interviewer, room.id);
    const removed = new Promise((resolve) => room.candidate.socket.once('room:removed', resolve));
    const ack = await room.interviewer.command(room.id, 'participant.remove', {
      userId: cast.candidate.user.id,
    });
    expect(ack).toMatchObject({ ok: true });
    await removed;

    ivo.doc.getText('code').insert(0, 'after the removal');
    await until('the update to be stored', () => !ivo.getSnapshot().unsaved);
    await room.candidate.flush();
    expect(textOf(cleo)).toBe('');
    const refused = await raw<DocumentUpdateAck>(room.candidate, 'document:update', {
      sessionId: room.id,
      documentId: 'pad',
      clientUpdateId: randomUUID(),
      update: insertion('still here'),
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
  });

  it('refuses a stranger to the session', async () => {
    const room = await seatedRoom(t, cast);
    const stranger = await t.connect((await t.register('Sam')).token);
    const ack = await raw<DocumentOpenAck>(stranger, 'document:open', {
      sessionId: room.id,
      documentId: 'pad',
      stateVector: Y.encodeStateVector(new Y.Doc()),
    });
    expect(ack).toMatchObject({ ok: false, error: { code: 'NOT_A_PARTICIPANT' } });
  });

  it('refuses a message over 64 KiB with PAYLOAD_TOO_LARGE', async () => {
    const room = await seatedRoom(t, cast);
    await open(room.interviewer, room.id);
    const ack = await raw<DocumentUpdateAck>(room.interviewer, 'document:update', {
      sessionId: room.id,
      documentId: 'pad',
      clientUpdateId: randomUUID(),
      update: insertion('x'.repeat(100_000)),
    });
    expect(ack).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(await storedRows(room.id)).toBe(0);
  });

  it('carries a 200 KB paste whole, in parts, to the others and into the store', async () => {
    const room = await seatedRoom(t, cast);
    const { channel: ivo } = await open(room.interviewer, room.id);
    const { channel: cleo } = await open(room.candidate, room.id);
    const file = Array.from(
      { length: 4000 },
      (_, line) => `// line ${line} of the pasted file ${'-'.repeat(30)}`,
    ).join('\n');
    expect(file.length).toBeGreaterThan(200_000);
    ivo.doc.getText('code').insert(0, file);
    await until('the candidate to hold the paste', () => textOf(cleo).length === file.length);
    expect(textOf(cleo)).toBe(file);
    await until('the paste to be stored', () => !ivo.getSnapshot().unsaved);
    const { channel: late } = await open(room.observer, room.id);
    expect(textOf(late)).toBe(file);
  });

  it('refuses a person who sends updates too fast with RATE_LIMITED', async () => {
    const stranger = await t.connect((await t.register('Flo')).token);
    const acks = await Promise.all(
      Array.from({ length: 100 }, () => raw<DocumentUpdateAck>(stranger, 'document:update', {})),
    );
    const codes = acks.map((ack) => (ack.ok ? 'ok' : ack.error.code));
    expect(codes).toContain('INVALID_PAYLOAD');
    expect(codes).toContain('RATE_LIMITED');
  });

  it('compacts a long document into a snapshot, keeps every update, and goes with its session', async () => {
    const room = await seatedRoom(t, cast);
    const documents = t.app.get(DocumentsService);
    const writer = new Y.Doc();
    const typed: Uint8Array[] = [];
    writer.on('update', (update: Uint8Array) => typed.push(update));
    for (let key = 0; key < COMPACT_AFTER_UPDATES + 20; key += 1) {
      writer.getText('code').insert(key, String(key % 10));
    }
    await Promise.all(
      typed.map((update) =>
        documents.store({
          sessionId: room.id,
          documentId: 'pad',
          clientUpdateId: randomUUID(),
          update,
          authorId: cast.interviewer.user.id,
        }),
      ),
    );
    const snapshots = async () => {
      const [row] = await t.dataSource.query<{ count: number }[]>(
        'SELECT count(*)::int AS count FROM document_snapshots WHERE session_id = $1',
        [room.id],
      );
      return row?.count ?? 0;
    };
    const deadline = Date.now() + 10_000;
    while ((await snapshots()) === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await snapshots()).toBe(1);
    expect(await storedRows(room.id)).toBe(typed.length);
    const { channel } = await open(room.observer, room.id);
    expect(textOf(channel)).toBe(writer.getText('code').toString());

    await t.dataSource.query('DELETE FROM sessions WHERE id = $1', [room.id]);
    expect(await storedRows(room.id)).toBe(0);
    expect(await snapshots()).toBe(0);
  });

  it('compacts up to the greatest update id once the ids pass from five digits to six', async () => {
    const room = await seatedRoom(t, cast);
    const documents = t.app.get(DocumentsService);
    // The next ids run 99 991 to 100 510: read back in the order of their text, 99 999 would look last.
    await t.dataSource.query(
      "SELECT setval(pg_get_serial_sequence('document_updates', 'id'), 99990, true)",
    );
    const writer = new Y.Doc();
    const typed: Uint8Array[] = [];
    writer.on('update', (update: Uint8Array) => typed.push(update));
    for (let key = 0; key < COMPACT_AFTER_UPDATES + 20; key += 1) {
      writer.getText('code').insert(key, String(key % 10));
    }
    for (const update of typed) {
      await documents.store({
        sessionId: room.id,
        documentId: 'pad',
        clientUpdateId: randomUUID(),
        update,
        authorId: cast.interviewer.user.id,
      });
    }
    const upTo = async () => {
      const [row] = await t.dataSource.query<{ up_to_id: string }[]>(
        'SELECT up_to_id::text AS up_to_id FROM document_snapshots WHERE session_id = $1',
        [room.id],
      );
      return row ? Number(row.up_to_id) : null;
    };
    const deadline = Date.now() + 10_000;
    while ((await upTo()) === null && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // It was taken once at least COMPACT_AFTER_UPDATES were stored, so it reaches past 100 000.
    expect(await upTo()).toBeGreaterThanOrEqual(99_990 + COMPACT_AFTER_UPDATES);
    const { channel } = await open(room.observer, room.id);
    expect(textOf(channel)).toBe(writer.getText('code').toString());
  });

  it('brings the others an update stored but never fanned out once its writer opens again', async () => {
    const room = await seatedRoom(t, cast);
    const { channel: cleo } = await open(room.candidate, room.id);
    const { channel: otto } = await open(room.observer, room.id);
    const framesTo = (client: TestClient) => {
      const frames: unknown[] = [];
      client.socket.onAny((event: string, ...args: unknown[]) => frames.push(event, ...args));
      return frames;
    };
    const toCleo = framesTo(room.candidate);
    // Stored as the gateway stores it, without the fan-out that follows: as when the node that
    // stored it dies before sending it on.
    const writer = new Y.Doc();
    writer.getText('code').insert(0, 'stored on a node that died');
    await t.app.get(DocumentsService).store({
      sessionId: room.id,
      documentId: 'pad',
      clientUpdateId: randomUUID(),
      update: Y.encodeStateAsUpdate(writer),
      authorId: cast.interviewer.user.id,
    });
    // The observer opening tells nobody anything: readers hold nothing unsent.
    await open(room.observer, room.id);
    await room.candidate.flush();
    expect(toCleo).not.toContain('document:stored');

    // The writer opens again, as after moving to another node.
    await open(room.interviewer, room.id);
    await until('the others to hold it', () =>
      [cleo, otto].every((channel) => textOf(channel) === 'stored on a node that died'),
    );
    expect(toCleo).toContain('document:stored');
    expect(cleo.getSnapshot()).toMatchObject({ status: 'synced', error: null });
  });

  it('follows the settings: a locked pad and a board left to the candidate refuse writing, and unlocking lets it back', async () => {
    const room = await seatedRoom(t, cast);
    await open(room.candidate, room.id);
    await open(room.interviewer, room.id, 'board');
    const write = (client: TestClient, documentId: DocumentId, text: string) =>
      raw<DocumentUpdateAck>(client, 'document:update', {
        sessionId: room.id,
        documentId,
        clientUpdateId: randomUUID(),
        update: insertion(text),
      });
    await accepted(
      room.interviewer.command(room.id, 'workspace.set', {
        padLocked: true,
        interviewerDraws: false,
      }),
    );
    const before = await storedRows(room.id);
    expect(await write(room.candidate, 'pad', 'typed once locked')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_ROLE', retryable: false },
    });
    expect(await write(room.interviewer, 'board', 'drawn once left')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_ROLE' },
    });
    expect(await storedRows(room.id)).toBe(before);
    // Opened again, each is given what the settings now allow.
    expect((await open(room.candidate, room.id)).answer).toMatchObject({ access: 'read' });
    expect((await open(room.interviewer, room.id)).answer).toMatchObject({ access: 'read' });
    expect((await open(room.candidate, room.id, 'board')).answer).toMatchObject({
      access: 'write',
    });

    await accepted(room.interviewer.command(room.id, 'workspace.set', { padLocked: false }));
    expect(await write(room.candidate, 'pad', 'typed once unlocked')).toEqual({ ok: true });
    expect((await open(room.candidate, room.id)).answer).toMatchObject({ access: 'write' });
    expect(await write(room.interviewer, 'board', 'still left')).toMatchObject({ ok: false });
    expect(await storedRows(room.id)).toBe(before + 1);
  });

  it('gives a late joiner on another node the whole document from the store', async () => {
    // Nodes of their own: the second shares the first's database, and closing it closes that.
    const first = await startTestApp(kind);
    const other = await startSecondNode(first);
    try {
      const people = await registerCast(first);
      const { id } = await createStaffedSession(first, people);
      const interviewer = await first.connect(people.interviewer.token);
      expect(await interviewer.join(id)).toMatchObject({ ok: true });
      const { channel: ivo } = await open(interviewer, id);
      ivo.doc.getText('code').insert(0, 'function allow(clientId, nowMs) {}');
      await until('the typing to be stored', () => !ivo.getSnapshot().unsaved);

      // The second node holds nothing of this document in memory: its answer comes from storage.
      const late = await other.connect(people.observer.token);
      expect(await late.join(id)).toMatchObject({ ok: true });
      const { channel, answer } = await open(late, id);
      expect(answer).toMatchObject({ ok: true, access: 'read' });
      expect(textOf(channel)).toBe('function allow(clientId, nowMs) {}');
    } finally {
      await other.close();
      await first.close();
    }
  });
});

withTestRedis('a shared document over two nodes and Redis, on %s PostgreSQL', (kind) => {
  const nodes = twoNodesOverRedis(kind, 'documents');

  it('fans each update out to the readers on the other node', async () => {
    const { a, b } = nodes;
    const people = await registerCast(a);
    const { id } = await createStaffedSession(a, people);
    const seats: TestClient[] = [];
    for (const [seat, node] of [
      ['interviewer', a],
      ['candidate', b],
    ] as const) {
      const client = await node.connect(people[seat].token);
      expect(await client.join(id)).toMatchObject({ ok: true });
      seats.push(client);
    }
    const [ivo, cleo] = await Promise.all(
      seats.map(async (client) => {
        const channel = new DocumentChannel(id, 'pad', { coalesceMs: 1 });
        await channel.attach(client.socket);
        return channel;
      }),
    );
    if (!ivo || !cleo) throw new Error('both channels open');
    const [onA, onB] = ['typed on node a', 'typed on node b; '] as const;
    ivo.doc.getText('code').insert(0, onA);
    cleo.doc.getText('code').insert(0, onB);
    await until('both to hold both', () =>
      [ivo, cleo].every((channel) => textOf(channel).length === onA.length + onB.length),
    );
    expect(textOf(ivo)).toBe(textOf(cleo));
    ivo.close();
    cleo.close();
  });

  it('locks the pad for a writer on the other node', async () => {
    const { a, b } = nodes;
    const people = await registerCast(a);
    const { id } = await createStaffedSession(a, people);
    const interviewer = await a.connect(people.interviewer.token);
    const candidate = await b.connect(people.candidate.token);
    for (const client of [interviewer, candidate]) {
      expect(await client.join(id)).toMatchObject({ ok: true });
    }
    const cleo = new DocumentChannel(id, 'pad', { coalesceMs: 1 });
    await cleo.attach(candidate.socket);
    await accepted(interviewer.command(id, 'workspace.set', { padLocked: true }));
    // The lock reaches node b's sockets through the adapter: a write soon finds it closed.
    let answer: DocumentUpdateAck = { ok: true };
    for (let tries = 0; answer.ok && tries < 100; tries += 1) {
      answer = await raw<DocumentUpdateAck>(candidate, 'document:update', {
        sessionId: id,
        documentId: 'pad',
        clientUpdateId: randomUUID(),
        update: insertion(''),
      });
      if (answer.ok) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ROLE' } });
    cleo.close();
  });
});
