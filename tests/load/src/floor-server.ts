/**
 * A floor for the load benchmark: the least a socket.io server can do for the same traffic the
 * product gets, so the product's figures can be read against it. It speaks just enough of the
 * room protocol for the benchmark's clients: `room:join` joins the socket.io room and acks;
 * `room:command` (after one raw INSERT in the `insert` mode) sends every member of the room a
 * `room:event` carrying the command's mark id, then acks; `clock:ping` answers at once. For the
 * typing load it is the bare relay, in both modes: `document:open` joins the document's
 * socket.io room and answers an empty document; `document:update` goes to the room's other
 * sockets and is acked, stored nowhere. No authentication, no state, no validation. With
 * FLOOR_REDIS_URL it runs on the Redis adapter FLOOR_REDIS_ADAPTER names, so two of them form
 * the bare cross-node pair.
 *
 * Run as its own process by the benchmark (see targets.ts), configured by the environment.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { createAdapter, createShardedAdapter } from '@socket.io/redis-adapter';
import { createAdapter as createStreamsAdapter } from '@socket.io/redis-streams-adapter';
import { Redis } from 'ioredis';
import { Pool } from 'pg';
import type { ServerOptions } from 'socket.io';
import { Server } from 'socket.io';
import * as Y from 'yjs';
import type { AdapterKind } from './params';
import { ADAPTERS } from './params';

interface FloorCommand {
  sessionId: string;
  clientEventId: string;
  type: string;
  payload: { markId?: string };
}

interface FloorDocument {
  sessionId: string;
  documentId: string;
}

interface FloorUpdate extends FloorDocument {
  update: Buffer;
}

type Ack = (answer: unknown) => void;

const port = Number(process.env['FLOOR_PORT']);
const mode = process.env['FLOOR_MODE'] === 'insert' ? 'insert' : 'bare';
const databaseUrl = process.env['FLOOR_DATABASE_URL'];
const redisUrl = process.env['FLOOR_REDIS_URL'];
const redisName = process.env['FLOOR_REDIS_NAME'] ?? 'socket.io';
const redisAdapter = ADAPTERS.find((kind) => kind === process.env['FLOOR_REDIS_ADAPTER']);

// The product's pool size on PostgreSQL, so both wait for connections alike.
const pool = mode === 'insert' ? new Pool({ connectionString: databaseUrl, max: 20 }) : null;
const actorId = randomUUID();
const seqs = new Map<string, number>();
// Every document opens empty: what a fresh Yjs document encodes.
const EMPTY = new Y.Doc();
const opened = {
  ok: true,
  access: 'write',
  update: Y.encodeStateAsUpdate(EMPTY),
  stateVector: Y.encodeStateVector(EMPTY),
};

const documentRoom = (message: FloorDocument): string =>
  `${message.sessionId}:${message.documentId}`;

const insert = async (command: FloorCommand, seq: number): Promise<void> => {
  await pool?.query(
    'INSERT INTO floor_events (session_id, seq, type, payload, actor_id, client_event_id, at) VALUES ($1, $2, $3, $4, $5, $6, now())',
    [command.sessionId, seq, command.type, command.payload, actorId, command.clientEventId],
  );
};

/**
 * The adapter with the options the product gives it (apps/api/src/rooms/rooms-io.adapter.ts;
 * a test project may not import the app), without the product's resync after a Redis outage.
 */
async function fanOut(
  url: string,
  kind: AdapterKind,
): Promise<{ adapter: NonNullable<ServerOptions['adapter']>; clients: Redis[] }> {
  const connect = async (): Promise<Redis> => {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: null });
    await client.connect();
    return client;
  };
  switch (kind) {
    case 'classic': {
      const [pub, sub] = await Promise.all([connect(), connect()]);
      return { adapter: createAdapter(pub, sub, { key: redisName }), clients: [pub, sub] };
    }
    case 'sharded': {
      // Connected first: ioredis refuses its ready check after an early SSUBSCRIBE.
      const [pub, sub] = await Promise.all([connect(), connect()]);
      const adapter = createShardedAdapter(pub, sub, { channelPrefix: redisName });
      return { adapter, clients: [pub, sub] };
    }
    case 'streams': {
      const client = await connect();
      const adapter = createStreamsAdapter(client, {
        streamName: redisName,
        channelPrefix: redisName,
      });
      return { adapter, clients: [client] };
    }
  }
}

async function main(): Promise<void> {
  const http = createServer((request, response) => {
    response.writeHead(request.url === '/health' ? 200 : 404).end();
  });
  const io = new Server(http, { transports: ['websocket'] });
  let redis: Redis[] = [];
  if (redisUrl) {
    if (!redisAdapter) throw new Error(`FLOOR_REDIS_ADAPTER must be one of ${ADAPTERS.join(', ')}`);
    const { adapter, clients } = await fanOut(redisUrl, redisAdapter);
    redis = clients;
    io.adapter(adapter);
  }
  io.on('connection', (socket) => {
    socket.on('room:join', (request: { sessionId: string }, ack: Ack) => {
      void Promise.resolve(socket.join(request.sessionId)).then(() =>
        ack({ ok: true, role: 'observer', serverTime: Date.now(), snapshot: {}, events: [] }),
      );
    });
    socket.on('room:command', (command: FloorCommand, ack: Ack) => {
      const seq = (seqs.get(command.sessionId) ?? 0) + 1;
      seqs.set(command.sessionId, seq);
      const markId = command.payload.markId ?? command.clientEventId;
      insert(command, seq).then(
        () => {
          io.to(command.sessionId).emit('room:event', {
            sessionId: command.sessionId,
            event: {
              seq,
              type: command.type === 'move.unmark' ? 'move.unmarked' : 'move.marked',
              payload: { markId },
              actorId,
              at: Date.now(),
            },
          });
          ack({ ok: true, seq, duplicate: false });
        },
        (error: unknown) =>
          ack({
            ok: false,
            error: { code: 'UNAVAILABLE', message: String(error), retryable: true },
          }),
      );
    });
    socket.on('document:open', (request: FloorDocument, ack: Ack) => {
      void Promise.resolve(socket.join(documentRoom(request))).then(() => ack(opened));
    });
    socket.on('document:update', (message: FloorUpdate, ack: Ack) => {
      const { sessionId, documentId, update } = message;
      socket.to(documentRoom(message)).emit('document:update', { sessionId, documentId, update });
      ack({ ok: true });
    });
    socket.on('clock:ping', (ping: { clientTime?: number }, ack: Ack) => {
      ack({ clientTime: ping.clientTime ?? 0, serverTime: Date.now() });
    });
  });
  http.listen(port, '127.0.0.1');
  const stop = (): void => {
    void io.close();
    for (const client of redis) client.disconnect();
    void pool?.end();
    http.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
