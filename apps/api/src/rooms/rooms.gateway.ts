import { Inject, Logger } from '@nestjs/common';
import type { BeforeApplicationShutdown } from '@nestjs/common';
import type { OnGatewayDisconnect, OnGatewayInit } from '@nestjs/websockets';
import { WebSocketGateway } from '@nestjs/websockets';
import type { Role } from '@signal-room/domain';
import type { ApiError, ClientToServerEvents, ServerToClientEvents } from '@signal-room/protocol';
import { apiError, clockPingSchema, issuesOf, joinRequestSchema } from '@signal-room/protocol';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Server, Socket } from 'socket.io';
import { APP_CONFIG } from '../app.tokens';
import { AuthService } from '../auth/auth.service';
import type { AppConfig } from '../config';
import { AppException } from '../common/app-exception';
import { RateLimiters } from '../common/rate-limiters';
import { isTransient } from '../common/transient';
import { RoomBroadcaster, sessionRoom, viewerRoom } from './room-broadcaster';
import { RoomsService } from './rooms.service';
import { MetricsService } from '../observability/metrics.service';

/** Largest message a client may send; larger ones are refused with PAYLOAD_TOO_LARGE. */
export const MAX_MESSAGE_BYTES = 64 * 1024;
/** Tabs one person may have open in one room (the interviewer excepted). */
export const MAX_TABS_PER_PERSON = 8;
/** Joins one person may have in flight at once: a join with lastSeq re-reads the room's log. */
export const JOINS_IN_FLIGHT_PER_USER = 4;
/**
 * Node.js timers hold at most 2^31 - 1 ms (~24.8 days); a longer delay fires at once. A token
 * may outlive that, so its socket's expiry is re-armed until the time comes.
 */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** On shutdown, sockets are disconnected this many at a time, so other nodes are not stormed. */
const DISCONNECT_BATCH = 200;
const DISCONNECT_PAUSE_MS = 50;

interface SocketData {
  userId: string;
  /** The handshake token's id: a sign-out revokes that token, and closes its sockets. */
  tokenId: string;
  /** Epoch seconds at which the handshake token expires. */
  expiresAt: number;
  sessions: Set<string>;
}

export type RoomSocket = Socket<
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

export type Refusal = { ok: false; error: ApiError };
/** Every ack is a result or a refusal with a code. */
type Answer = { ok: true } | Refusal;

export function toAckError(error: unknown, logger: Logger): ApiError {
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

/** Every socket of one person, whatever rooms they joined. */
const personRoom = (userId: string): string => `person:${userId}`;
/** Every socket opened with one token. */
const signInRoom = (tokenId: string): string => `sign-in:${tokenId}`;

/** How many of something each person holds; a person holding none is not kept. */
class Counts {
  private readonly byUser = new Map<string, number>();
  get(userId: string): number {
    return this.byUser.get(userId) ?? 0;
  }
  add(userId: string): void {
    this.byUser.set(userId, this.get(userId) + 1);
  }
  remove(userId: string): void {
    const left = this.get(userId) - 1;
    if (left > 0) this.byUser.set(userId, left);
    else this.byUser.delete(userId);
  }
}

/** Takes a point from `key`'s allowance, or refuses as RATE_LIMITED. */
export async function limited(
  limiter: RateLimiterAbstract,
  key: string,
  message: string,
): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (refusal) {
    // Anything but a count over its limit is a fault of both stores: not a reason to let in.
    if (!(refusal instanceof RateLimiterRes)) throw refusal;
    throw new AppException('RATE_LIMITED', message);
  }
}

/**
 * Listens for a message that carries an ack, answering even when the sender got the shape of
 * the call wrong: with no body the ack arrives as the first argument, with an extra argument as
 * the third. Either way the handler gets the ack and no valid body (so INVALID_PAYLOAD, or the
 * malformed-ping answer). A message without any ack cannot be answered and is dropped.
 */
export type AckOf<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>[1];

export function onAcked<E extends keyof ClientToServerEvents>(
  socket: RoomSocket,
  event: E,
  handler: (body: unknown, ack: AckOf<E>) => void,
): void {
  // Registered untyped: the point is to accept calls that do not match the typed signature.
  (socket as unknown as Socket).on(event as string, (...args: unknown[]) => {
    const ack = args.at(-1);
    if (typeof ack !== 'function') return;
    handler(args.length === 2 ? args[0] : undefined, ack as AckOf<E>);
  });
}

/**
 * Answers one request of a channel beside the room's (documents, the call) through its ack, with
 * the work's result or a coded refusal; a socket whose sign-in has expired is refused.
 */
export async function answerChannel<T>(
  socket: RoomSocket,
  ack: (answer: T | Refusal) => void,
  logger: Logger,
  work: () => Promise<T>,
): Promise<void> {
  try {
    if (socket.data.expiresAt * 1000 <= Date.now()) {
      throw new AppException('UNAUTHENTICATED', 'Your sign-in has expired; sign in again.');
    }
    ack(await work());
  } catch (error) {
    ack({ ok: false, error: toAckError(error, logger) });
  }
}

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
  /**
   * Per person, across all their sockets (and, with Redis, all nodes): a sustained command rate,
   * and a join rate. Per-socket limits alone let one person with many sockets take the node.
   */
  private readonly userCommands: RateLimiterAbstract;
  private readonly userJoins: RateLimiterAbstract;
  /** Per person on this node, what they hold of its capacity. */
  private readonly commandsAtWorkByUser = new Counts();
  /** A person's share of the command queue while the node is under contention (see overShare). */
  private readonly userShare: number;
  private readonly joinsInFlight = new Counts();
  private readonly socketsOf = new Counts();
  private readonly socketsPerUser: number;
  /** More channels of the same connection (the shared documents): wired on every socket. */
  private readonly channels: ((socket: RoomSocket) => void)[] = [];

  constructor(
    private readonly auth: AuthService,
    private readonly rooms: RoomsService,
    private readonly broadcaster: RoomBroadcaster,
    private readonly metrics: MetricsService,
    limiters: RateLimiters,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.limiter = new RateLimiterMemory({ points: config.commandRatePerSecond * 2, duration: 2 });
    this.commandQueueLimit = config.commandQueueLimit;
    this.refusals = new RateLimiterMemory({
      points: config.commandRatePerSecond * 5,
      duration: 10,
    });
    this.userCommands = limiters.create('room-commands', config.userCommandRatePerSecond * 2, 2);
    // A reconnecting person needs one join per room and tab, so the window is generous.
    this.userJoins = limiters.create('room-joins', config.userJoinsPer10Seconds, 10);
    this.userShare = Math.max(1, Math.ceil(config.commandQueueLimit / 10));
    this.socketsPerUser = config.socketsPerUser;
  }

  afterInit(server: RoomServer): void {
    this.server = server;
    this.broadcaster.attach(server as unknown as Parameters<RoomBroadcaster['attach']>[0]);
    this.metrics.countRoomsWith(() => {
      let rooms = 0;
      for (const name of server.of('/').adapter.rooms.keys()) {
        // session:<id> alone: its viewer and document rooms are parts of the same room.
        if (name.startsWith('session:') && name.split(':').length === 2) rooms += 1;
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
          if (this.socketsOf.get(user.id) >= this.socketsPerUser) {
            return next(new Error('RATE_LIMITED'));
          }
          this.socketsOf.add(user.id);
          socket.once('disconnect', () => this.socketsOf.remove(user.id));
          socket.data = {
            userId: user.id,
            tokenId: user.tokenId,
            expiresAt: user.expiresAt,
            sessions: new Set(),
          };
          this.expireWithToken(socket);
          next();
        },
        // Only a refused token signs the client out; a database that does not answer is a
        // retry (the client's connect retry may well reach a node that can check it).
        (error: unknown) =>
          next(
            new Error(
              error instanceof AppException && error.code === 'UNAUTHENTICATED'
                ? 'UNAUTHENTICATED'
                : 'UNAVAILABLE',
            ),
          ),
      );
    });
    server.on('connection', (socket) => {
      this.metrics.socketConnected();
      socket.once('disconnect', () => this.metrics.socketDisconnected());
      void socket.join([personRoom(socket.data.userId), signInRoom(socket.data.tokenId)]);
      this.wire(socket);
    });
    // A revoked sign-in (sign-out, or every sign-in of a person on a password change) closes
    // its sockets on every node, through the adapter: their token no longer opens anything.
    this.auth.onRevoked(({ userId, tokenId }) => {
      server
        .in(tokenId === null ? personRoom(userId) : signInRoom(tokenId))
        .disconnectSockets(true);
    });
  }

  /** Wires another channel's handlers on every socket that connects from now on. */
  addChannel(wire: (socket: RoomSocket) => void): void {
    this.channels.push(wire);
  }

  /**
   * A socket lives no longer than its token: the client signs in again and reconnects. The timer
   * is re-armed in steps no longer than a Node.js timer can hold.
   */
  private expireWithToken(socket: RoomSocket): void {
    let expiry: NodeJS.Timeout;
    const arm = () => {
      const left = socket.data.expiresAt * 1000 - Date.now();
      if (left <= 0) {
        socket.disconnect(true);
        return;
      }
      expiry = setTimeout(arm, Math.min(left, MAX_TIMER_MS));
      expiry.unref();
    };
    arm();
    socket.once('disconnect', () => clearTimeout(expiry));
  }

  /** Each handler answers through its ack, always, with a result or a coded error. */
  private wire(socket: RoomSocket): void {
    onAcked(socket, 'room:join', (request, ack) => {
      void this.answer(socket, request, ack, () => this.join(socket, request));
    });
    onAcked(socket, 'room:command', (command, ack) => {
      const started = performance.now();
      const type =
        typeof (command as { type?: unknown } | undefined)?.type === 'string'
          ? (command as { type: string }).type
          : 'unknown';
      const { userId } = socket.data;
      void this.answer(socket, command, ack, async () => {
        await this.limiter.consume(socket.id).catch(() => {
          this.refusals.consume(socket.id).catch(() => this.cutOff(socket));
          throw new AppException('RATE_LIMITED', 'Too many commands; slow down and retry.');
        });
        await limited(this.userCommands, userId, 'You are sending too many commands; slow down.');
        if (this.commandsAtWork >= this.commandQueueLimit || this.overShare(userId)) {
          throw new AppException('UNAVAILABLE', 'The server is busy; retry the same command.');
        }
        this.commandsAtWork += 1;
        this.commandsAtWorkByUser.add(userId);
        try {
          return await this.rooms.command(userId, command);
        } finally {
          this.commandsAtWork -= 1;
          this.commandsAtWorkByUser.remove(userId);
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
    onAcked(socket, 'clock:ping', (ping, ack) => {
      const parsed = clockPingSchema.safeParse(ping);
      ack({ clientTime: parsed.success ? parsed.data.clientTime : 0, serverTime: Date.now() });
    });
    for (const channel of this.channels) channel(socket);
  }

  /**
   * Once the node is past half its queue, nobody may hold more than a tenth of it: one person's
   * backlog then waits for their own commands, and cannot make the node shed everyone else's.
   */
  private overShare(userId: string): boolean {
    return (
      this.commandsAtWork >= this.commandQueueLimit / 2 &&
      this.commandsAtWorkByUser.get(userId) >= this.userShare
    );
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
    await limited(this.userJoins, userId, 'You are joining rooms too often; wait a moment.');
    if (this.joinsInFlight.get(userId) >= JOINS_IN_FLIGHT_PER_USER) {
      throw new AppException('RATE_LIMITED', 'Too many of your joins are in progress; retry.');
    }
    this.joinsInFlight.add(userId);
    try {
      // Membership first: a stranger never takes a place in the room, not even for a moment.
      const role = await this.rooms.roleOf(sessionId, userId);
      const rejoining = socket.data.sessions.has(sessionId);
      if (!rejoining) await this.takePlace(sessionId, userId, role);
      // Join the socket.io rooms first, so nothing committed while we read the state is missed.
      await socket.join([sessionRoom(sessionId), viewerRoom(sessionId, userId)]);
      try {
        const answer = await this.rooms.join(sessionId, userId, lastSeq);
        socket.data.sessions.add(sessionId);
        return answer;
      } catch (error) {
        // A failed catch-up on a socket already in the room leaves it there: its open documents
        // and frames go on, and the client asks again.
        if (!rejoining) {
          await socket.leave(sessionRoom(sessionId));
          await socket.leave(viewerRoom(sessionId, userId));
        }
        throw error;
      }
    } finally {
      this.joinsInFlight.remove(userId);
    }
  }

  /**
   * A person's tabs in a room are bounded, the interviewer's excepted: their room must open for
   * them whatever anyone else does. Only members get this far, and a session holds
   * MAX_PARTICIPANTS people, so a room cannot be filled by strangers or by a member's many tabs.
   */
  private async takePlace(sessionId: string, userId: string, role: Role): Promise<void> {
    if (role === 'interviewer') return;
    const tabs = (await this.server.in(viewerRoom(sessionId, userId)).fetchSockets()).length;
    if (tabs >= MAX_TABS_PER_PERSON) {
      throw new AppException(
        'ROOM_FULL',
        `You have this room open in ${tabs} tabs already; close one to open it here.`,
      );
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
