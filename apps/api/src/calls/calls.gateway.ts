import type { OnModuleInit } from '@nestjs/common';
import { Injectable, Logger } from '@nestjs/common';
import type { CallPeer } from '@signal-room/protocol';
import {
  callPlaceSchema,
  callSignalSchema,
  callSpeechSchema,
  issuesOf,
} from '@signal-room/protocol';
import type { z } from 'zod';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { AppException } from '../common/app-exception';
import { RateLimiters } from '../common/rate-limiters';
import { callPeerRoom, callRoom, sessionRoom } from '../rooms/room-broadcaster';
import type { RoomSocket } from '../rooms/rooms.gateway';
import { RoomsGateway, answerChannel, limited, onAcked } from '../rooms/rooms.gateway';
import { CallsService } from './calls.service';

/**
 * Signals per socket per second: connecting to five peers trickles a few dozen ICE candidates
 * at once; past it they are refused as RATE_LIMITED and the browser's retry sends them again.
 */
const SIGNALS_PER_SECOND = 60;

const OK = { ok: true as const };

function parsed<S extends z.ZodType>(schema: S, raw: unknown, what: string): z.output<S> {
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new AppException('INVALID_PAYLOAD', `The ${what} is not valid.`, issuesOf(result.error));
  }
  return result.data;
}

/**
 * The call channel of the room's connection. A socket takes a place in a session's call only
 * after joining the session's room, and signals go only to the one place they are addressed
 * to, of a current participant of the same session: nobody else's socket ever joins that
 * place's socket.io room, so nobody else can read them. Speaking spans are stored as the
 * sender's own.
 */
@Injectable()
export class CallsGateway implements OnModuleInit {
  private readonly logger = new Logger('calls');
  /** Per socket, the place it holds in each session's call. */
  private readonly places = new WeakMap<RoomSocket, Map<string, string>>();
  private readonly signals = new RateLimiterMemory({ points: SIGNALS_PER_SECOND, duration: 1 });
  private readonly speech: RateLimiterAbstract;

  constructor(
    private readonly rooms: RoomsGateway,
    private readonly calls: CallsService,
    limiters: RateLimiters,
  ) {
    // A browser sends its spans every few seconds; this leaves room for a reconnect's backlog.
    this.speech = limiters.create('call-speech', 20, 10);
  }

  onModuleInit(): void {
    this.rooms.addChannel((socket) => this.wire(socket));
  }

  private wire(socket: RoomSocket): void {
    const places = new Map<string, string>();
    this.places.set(socket, places);
    onAcked(socket, 'call:join', (raw, ack) => {
      void answerChannel(socket, ack, this.logger, () => this.join(socket, raw));
    });
    onAcked(socket, 'call:leave', (raw, ack) => {
      void answerChannel(socket, ack, this.logger, () => this.leave(socket, raw));
    });
    onAcked(socket, 'call:signal', (raw, ack) => {
      void answerChannel(socket, ack, this.logger, () => this.signal(socket, raw));
    });
    onAcked(socket, 'call:speech', (raw, ack) => {
      void answerChannel(socket, ack, this.logger, () => this.storeSpeech(socket, raw));
    });
    // A closed tab leaves the call at once; a node that dies takes no leave, and its peers see
    // the connection fail instead.
    socket.on('disconnecting', () => {
      for (const [sessionId, peerId] of places) this.announceLeft(socket, sessionId, peerId);
    });
  }

  private async join(socket: RoomSocket, raw: unknown) {
    const { sessionId, peerId } = parsed(callPlaceSchema, raw, 'call join');
    const { userId } = socket.data;
    await this.calls.requireParticipant(sessionId, userId);
    if (!socket.rooms.has(sessionRoom(sessionId))) {
      throw new AppException('INVALID_STATE', 'Join the room before its call.');
    }
    const places = this.placesOf(socket);
    const held = places.get(sessionId);
    if (held !== undefined && held !== peerId) await this.vacate(socket, sessionId, held);
    await socket.join([callRoom(sessionId), callPeerRoom(sessionId, userId, peerId)]);
    places.set(sessionId, peerId);
    // Told again after a reconnect: a peer that lost this one dials it again, one that did not
    // keeps its connection.
    socket.to(callRoom(sessionId)).emit('call:joined', { sessionId, peer: { userId, peerId } });
    return OK;
  }

  private async leave(socket: RoomSocket, raw: unknown) {
    const { sessionId, peerId } = parsed(callPlaceSchema, raw, 'call leave');
    if (this.placesOf(socket).get(sessionId) === peerId) {
      await this.vacate(socket, sessionId, peerId);
    }
    return OK;
  }

  private async signal(socket: RoomSocket, raw: unknown) {
    await limited(this.signals, socket.id, 'Too many call signals; slow down.');
    const { sessionId, to, signal } = parsed(callSignalSchema, raw, 'call signal');
    const from: CallPeer = { userId: socket.data.userId, peerId: this.placeIn(socket, sessionId) };
    // The addressee must still be in the session: a removed person's tab may hold its place.
    await this.calls.requireParticipant(sessionId, to.userId);
    socket
      .to(callPeerRoom(sessionId, to.userId, to.peerId))
      .emit('call:signal', { sessionId, from, signal });
    return OK;
  }

  private async storeSpeech(socket: RoomSocket, raw: unknown) {
    const { userId } = socket.data;
    await limited(this.speech, userId, 'Too many speech messages; slow down.');
    const { sessionId, batchId, spans } = parsed(callSpeechSchema, raw, 'speech message');
    this.placeIn(socket, sessionId);
    await this.calls.storeSpeech(sessionId, userId, batchId, spans, Date.now());
    return OK;
  }

  /** The place this socket holds in the session's call; refused unless it joined it. */
  private placeIn(socket: RoomSocket, sessionId: string): string {
    const peerId = this.placesOf(socket).get(sessionId);
    if (peerId === undefined || !socket.rooms.has(sessionRoom(sessionId))) {
      throw new AppException('INVALID_STATE', 'Join the call before signalling in it.');
    }
    return peerId;
  }

  private async vacate(socket: RoomSocket, sessionId: string, peerId: string): Promise<void> {
    this.announceLeft(socket, sessionId, peerId);
    this.placesOf(socket).delete(sessionId);
    await socket.leave(callRoom(sessionId));
    await socket.leave(callPeerRoom(sessionId, socket.data.userId, peerId));
  }

  private announceLeft(socket: RoomSocket, sessionId: string, peerId: string): void {
    socket
      .to(callRoom(sessionId))
      .emit('call:left', { sessionId, peer: { userId: socket.data.userId, peerId } });
  }

  private placesOf(socket: RoomSocket): Map<string, string> {
    const places = this.places.get(socket);
    if (!places) throw new Error('a socket was not wired for calls');
    return places;
  }
}
