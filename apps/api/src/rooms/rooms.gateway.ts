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

/** Largest message a client may send; larger ones are refused with PAYLOAD_TOO_LARGE. */
export const MAX_MESSAGE_BYTES = 64 * 1024;
/** Sockets one session's room holds at most (several tabs per person are fine). */
export const MAX_SOCKETS_PER_ROOM = 36;

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
  private server!: RoomServer;
  private stopping = false;

  constructor(
    private readonly auth: AuthService,
    private readonly rooms: RoomsService,
    private readonly broadcaster: RoomBroadcaster,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.limiter = new RateLimiterMemory({ points: config.commandRatePerSecond * 2, duration: 2 });
  }

  afterInit(server: RoomServer): void {
    this.server = server;
    this.broadcaster.attach(server as unknown as Parameters<RoomBroadcaster['attach']>[0]);
    // Guards do not run on connection: the token is checked here, before the socket joins anything.
    server.use((socket, next) => {
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
    server.on('connection', (socket) => this.wire(socket));
  }

  /** Each handler answers through its ack, always, with a result or a coded error. */
  private wire(socket: RoomSocket): void {
    socket.on('room:join', (request, ack) => {
      void this.answer(socket, request, ack, () => this.join(socket, request));
    });
    socket.on('room:command', (command, ack) => {
      void this.answer(socket, command, ack, async () => {
        await this.limiter.consume(socket.id).catch(() => {
          throw new AppException('RATE_LIMITED', 'Too many commands; slow down and retry.');
        });
        return this.rooms.command(socket.data.userId, command);
      });
    });
    socket.on('clock:ping', (ping, ack) => {
      if (typeof ack !== 'function') return;
      const parsed = clockPingSchema.safeParse(ping);
      ack({ clientTime: parsed.success ? parsed.data.clientTime : 0, serverTime: Date.now() });
    });
  }

  private async answer<T>(
    socket: RoomSocket,
    message: unknown,
    ack: unknown,
    work: () => Promise<T>,
  ): Promise<void> {
    if (typeof ack !== 'function') return;
    const reply = ack as (answer: T | { ok: false; error: ApiError }) => void;
    try {
      if (sizeOf(message) > MAX_MESSAGE_BYTES) {
        throw new AppException(
          'PAYLOAD_TOO_LARGE',
          `Messages are limited to ${MAX_MESSAGE_BYTES} bytes.`,
        );
      }
      if (socket.data.expiresAt * 1000 <= Date.now()) {
        throw new AppException('UNAUTHENTICATED', 'Your sign-in has expired; sign in again.');
      }
      reply(await work());
    } catch (error) {
      reply({ ok: false, error: toAckError(error, this.logger) });
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

  /** Clients of a stopping node reconnect elsewhere: they have not left their rooms. */
  beforeApplicationShutdown(): void {
    this.stopping = true;
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
