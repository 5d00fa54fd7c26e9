import { Inject, Logger } from '@nestjs/common';
import type { BeforeApplicationShutdown } from '@nestjs/common';
import type { OnGatewayDisconnect, OnGatewayInit } from '@nestjs/websockets';
import { WebSocketGateway } from '@nestjs/websockets';
import type { ApiError, ClientToServerEvents, ServerToClientEvents } from '@signal-room/protocol';
import { apiError, clockPingSchema, issuesOf, joinRequestSchema } from '@signal-room/protocol';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { Server, Socket } from 'socket.io';
import { APP_CONFIG } from '../app.tokens';
import { AuthService } from '../auth/auth.service';
import type { AppConfig } from '../config';
import { AppException } from '../common/app-exception';
import { isTransient } from '../common/transient';
import { RoomBroadcaster, sessionRoom, viewerRoom } from './room-broadcaster';
import { RoomsService } from './rooms.service';
import { MetricsService } from '../observability/metrics.service';

/** Largest message a client may send; larger ones are refused with PAYLOAD_TOO_LARGE. */
export const MAX_MESSAGE_BYTES = 64 * 1024;
/** Sockets one session's room holds at most (several tabs per person are fine). */
export const MAX_SOCKETS_PER_ROOM = 36;
/** On shutdown, sockets are disconnected this many at a time, so other nodes are not stormed. */
const DISCONNECT_BATCH = 200;
const DISCONNECT_PAUSE_MS = 50;

interface SocketData {
  userId: string;
  /** Epoch seconds at which the handshake token expires. */
  expiresAt: number;
  sessions: Set<string>;
}

type RoomSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
type RoomServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

type Refusal = { ok: false; error: ApiError };
/** Every ack is a result or a refusal with a code. */
type Answer = { ok: true } | Refusal;

function toAckError(error: unknown, logger: Logger): ApiError {
  if (error instanceof AppException) return error.toApiError();
  if (isTransient(error)) return apiError('UNAVAILABLE', 'The database is unavailable; retry.');
  logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return apiError('INTERNAL', 'Something went wrong on our side; nothing was changed.');
}

const sizeOf = (value: unknown): number => {
  try {
    return Buffer.byteLength(JSON.stringify(value) ?? '');
  } catch {
    return Number.POSITIVE_INFINITY;
  }
};

// socket.io's own cap closes the connection; ours sits below it so a breach gets a coded error.
@WebSocketGateway({ transports: ['websocket'], maxHttpBufferSize: 4 * MAX_MESSAGE_BYTES })
export class RoomsGateway
  implements OnGatewayInit<RoomServer>, OnGatewayDisconnect<RoomSocket>, BeforeApplicationShutdown
{
  private readonly logger = new Logger('rooms');
  // Per socket: a sustained rate with bursts up to twice it, over a two-second window.
  private readonly limiter: RateLimiterMemory;
  /**
   * Refusals a socket may run into. Each refused command still costs the node a parse and an
   * ack, so a socket that goes on flooding past many refusals is cut off: a person never does.
   */
  private readonly refusals: RateLimiterMemory;
  private server!: RoomServer;
  private stopping = false;
  /** Commands and joins being worked on; shutdown waits for them before closing sockets. */
  private readonly inFlight = new Set<Promise<unknown>>();
  /**
   * Commands taken and not yet answered. Past the limit a node is behind its offered load: a
   * queued command would be answered after its sender gave up, and slow every one behind it,
   * so it is refused at once as retryable (the client retries later, or on another node).
   */
  private commandsAtWork = 0;
  private readonly commandQueueLimit: number;

  constructor(
    private readonly auth: AuthService,
    private readonly rooms: RoomsService,
    private readonly broadcaster: RoomBroadcaster,
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.limiter = new RateLimiterMemory({ points: config.commandRatePerSecond * 2, duration: 2 });
    this.commandQueueLimit = config.commandQueueLimit;
    this.refusals = new RateLimiterMemory({
      points: config.commandRatePerSecond * 5,
      duration: 10,
    });
  }

  afterInit(server: RoomServer): void {
    this.server = server;
    this.broadcaster.attach(server as unknown as Parameters<RoomBroadcaster['attach']>[0]);
    this.metrics.countRoomsWith(() => {
      let rooms = 0;
      for (const name of server.of('/').adapter.rooms.keys()) {
        if (name.startsWith('session:') && !name.includes(':user:')) rooms += 1;
      }
      return rooms;
    });
    // Guards do not run on connection: the token is checked here, before the socket joins anything.
    server.use((socket, next) => {
      // A stopping node takes no new sockets; the client's retry lands on another node.
      if (this.stopping) return next(new Error('UNAVAILABLE'));
      const token: unknown = socket.handshake.auth['token'];
      if (typeof token !== 'string') return next(new Error('UNAUTHENTICATED'));
      this.auth.verify(token).then(
        (user) => {
          socket.data = { userId: user.id, expiresAt: user.expiresAt, sessions: new Set() };
          // A socket lives no longer than its token: the client signs in again and reconnects.
          const expiry = setTimeout(
            () => socket.disconnect(true),
            user.expiresAt * 1000 - Date.now(),
          );
          expiry.unref();
          socket.once('disconnect', () => clearTimeout(expiry));
          next();
        },
        () => next(new Error('UNAUTHENTICATED')),
      );
    });
    server.on('connection', (socket) => {
      this.metrics.socketConnected();
      socket.once('disconnect', () => this.metrics.socketDisconnected());
      this.wire(socket);
    });
  }

  /** Each handler answers through its ack, always, with a result or a coded error. */
  private wire(socket: RoomSocket): void {
    socket.on('room:join', (request, ack) => {
      void this.answer(socket, request, ack, () => this.join(socket, request));
    });
    socket.on('room:command', (command, ack) => {
      const started = performance.now();
      const type = typeof command?.type === 'string' ? command.type : 'unknown';
      void this.answer(socket, command, ack, async () => {
        await this.limiter.consume(socket.id).catch(() => {
          this.refusals.consume(socket.id).catch(() => this.cutOff(socket));
          throw new AppException('RATE_LIMITED', 'Too many commands; slow down and retry.');
        });
        if (this.commandsAtWork >= this.commandQueueLimit) {
          throw new AppException('UNAVAILABLE', 'The server is busy; retry the same command.');
        }
        this.commandsAtWork += 1;
        try {
          return await this.rooms.command(socket.data.userId, command);
        } finally {
          this.commandsAtWork -= 1;
        }
      }).then((error) => {
        this.metrics.commandDone(type, (performance.now() - started) / 1000, error?.code ?? null);
        if (error) {
          const sessionId = (command as { sessionId?: unknown } | null)?.sessionId;
          this.logger.log({
            msg: 'command refused',
            sessionId,
            userId: socket.data.userId,
            type,
            code: error.code,
          });
        }
      });
    });
    socket.on('clock:ping', (ping, ack) => {
      if (typeof ack !== 'function') return;
      const parsed = clockPingSchema.safeParse(ping);
      ack({ clientTime: parsed.success ? parsed.data.clientTime : 0, serverTime: Date.now() });
    });
  }

  private cutOff(socket: RoomSocket): void {
    if (!socket.connected) return;
    this.logger.warn({ msg: 'socket cut off for flooding', userId: socket.data.userId });
    socket.disconnect(true);
  }

  /** Runs one request and acks it; resolves with the error it answered, if any. */
  private async answer<T extends Answer>(
    socket: RoomSocket,
    message: unknown,
    ack: unknown,
    work: () => Promise<T>,
  ): Promise<ApiError | null> {
    if (typeof ack !== 'function') return null;
    const reply = ack as (answer: T | Refusal) => void;
    const done = this.attempt(socket, message, work).then((answer) => {
      reply(answer);
      return answer.ok ? null : answer.error;
    });
    this.inFlight.add(done);
    return done.finally(() => this.inFlight.delete(done));
  }

  private async attempt<T extends Answer>(
    socket: RoomSocket,
    message: unknown,
    work: () => Promise<T>,
  ): Promise<T | Refusal> {
    try {
      if (this.stopping) {
        throw new AppException('UNAVAILABLE', 'This server is restarting; retry in a moment.');
      }
      if (sizeOf(message) > MAX_MESSAGE_BYTES) {
        throw new AppException(
          'PAYLOAD_TOO_LARGE',
          `Messages are limited to ${MAX_MESSAGE_BYTES} bytes.`,
        );
      }
      if (socket.data.expiresAt * 1000 <= Date.now()) {
        throw new AppException('UNAUTHENTICATED', 'Your sign-in has expired; sign in again.');
      }
      return await work();
    } catch (error) {
      return { ok: false, error: toAckError(error, this.logger) };
    }
  }

  private async join(socket: RoomSocket, raw: unknown) {
    const request = joinRequestSchema.safeParse(raw);
    if (!request.success) {
      throw new AppException(
        'INVALID_PAYLOAD',
        'The join request is not valid.',
        issuesOf(request.error),
      );
    }
    const { sessionId, lastSeq } = request.data;
    const { userId } = socket.data;
    if (!socket.data.sessions.has(sessionId)) {
      const present = await this.server.in(sessionRoom(sessionId)).fetchSockets();
      if (present.length >= MAX_SOCKETS_PER_ROOM) {
        throw new AppException('ROOM_FULL', 'This room is full.');
      }
    }
    // Join the socket.io rooms first, so nothing committed while we read the state is missed.
    await socket.join([sessionRoom(sessionId), viewerRoom(sessionId, userId)]);
    try {
      const answer = await this.rooms.join(sessionId, userId, lastSeq);
      socket.data.sessions.add(sessionId);
      return answer;
    } catch (error) {
      socket.data.sessions.delete(sessionId);
      await socket.leave(sessionRoom(sessionId));
      await socket.leave(viewerRoom(sessionId, userId));
      throw error;
    }
  }

  /**
   * Graceful stop: take no new sockets or commands, let the ones in flight commit and be
   * acknowledged, then disconnect clients in batches (they reconnect to another node and catch
   * up). Their presence is left as it is: they have not left their rooms.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.inFlight]);
    const sockets = [...this.server.of('/').sockets.values()];
    for (let start = 0; start < sockets.length; start += DISCONNECT_BATCH) {
      // Closing the connection, not disconnecting the socket: socket.io clients reconnect after
      // a lost connection by themselves, but take 'io server disconnect' as final (signed out).
      for (const socket of sockets.slice(start, start + DISCONNECT_BATCH)) socket.conn.close();
      await new Promise((resolve) => setTimeout(resolve, DISCONNECT_PAUSE_MS));
    }
  }

  async handleDisconnect(socket: RoomSocket): Promise<void> {
    const { userId, sessions } = socket.data;
    if (!userId || this.stopping) return;
    for (const sessionId of sessions ?? []) {
      const remaining = await this.server.in(viewerRoom(sessionId, userId)).fetchSockets();
      if (remaining.some((other) => other.id !== socket.id)) continue;
      await this.rooms.leave(sessionId, userId).catch((error: unknown) => {
        this.logger.warn(`presence not recorded for ${userId} in ${sessionId}: ${String(error)}`);
      });
    }
  }
}
