/**
 * A floor for the load benchmark: the least a socket.io server can do for the same traffic the
 * product gets, so the product's figures can be read against it. It speaks just enough of the
 * room protocol for the benchmark's clients: `room:join` joins the socket.io room and acks;
 * `room:command` (after one raw INSERT in the `insert` mode) sends every member of the room a
 * `room:event` carrying the command's mark id, then acks; `clock:ping` answers at once. No
 * authentication, no state, no validation. With FLOOR_REDIS_URL it runs on the classic Redis
 * adapter, so two of them form the bare cross-node pair.
 *
 * Run as its own process by the benchmark (see floors.ts), configured by the environment.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { Pool } from 'pg';
import { Server } from 'socket.io';

interface FloorCommand {
  sessionId: string;
  clientEventId: string;
  type: string;
  payload: { markId?: string };
}

type Ack = (answer: unknown) => void;

const port = Number(process.env['FLOOR_PORT']);
const mode = process.env['FLOOR_MODE'] === 'insert' ? 'insert' : 'bare';
const databaseUrl = process.env['FLOOR_DATABASE_URL'];
const redisUrl = process.env['FLOOR_REDIS_URL'];
const redisKey = process.env['FLOOR_REDIS_KEY'] ?? 'socket.io';

// The product's pool size on PostgreSQL, so both wait for connections alike.
const pool = mode === 'insert' ? new Pool({ connectionString: databaseUrl, max: 20 }) : null;
const actorId = randomUUID();
const seqs = new Map<string, number>();

const insert = async (command: FloorCommand, seq: number): Promise<void> => {
  await pool?.query(
    'INSERT INTO floor_events (session_id, seq, type, payload, actor_id, client_event_id, at) VALUES ($1, $2, $3, $4, $5, $6, now())',
    [command.sessionId, seq, command.type, command.payload, actorId, command.clientEventId],
  );
};

async function main(): Promise<void> {
  const http = createServer((request, response) => {
    response.writeHead(request.url === '/health' ? 200 : 404).end();
  });
  const io = new Server(http, { transports: ['websocket'] });
  let redis: Redis[] = [];
  if (redisUrl) {
    const pub = new Redis(redisUrl, { maxRetriesPerRequest: null });
    const sub = pub.duplicate();
    redis = [pub, sub];
    io.adapter(createAdapter(pub, sub, { key: redisKey }));
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
