import type { OnModuleInit } from '@nestjs/common';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { DocumentId } from '@signal-room/domain';
import {
  MAX_AWARENESS_BYTES,
  MAX_DOCUMENT_PART_BYTES,
  MAX_STATE_VECTOR_BYTES,
  awarenessStateSchema,
  documentAwarenessSchema,
  documentOpenSchema,
  documentUpdateSchema,
  issuesOf,
} from '@signal-room/protocol';
import * as decoding from 'lib0/decoding';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import * as Y from 'yjs';
import { APP_CONFIG } from '../app.tokens';
import { AppException } from '../common/app-exception';
import { RateLimiters } from '../common/rate-limiters';
import { documentRoom, documentWriters, viewerRoom } from '../rooms/room-broadcaster';
import type { RoomSocket } from '../rooms/rooms.gateway';
import { RoomsGateway, answerChannel, limited, onAcked } from '../rooms/rooms.gateway';
import type { AppConfig } from '../config';
import { DocumentsService } from './documents.service';

/** Awareness messages per socket per second; past it they are dropped (they are only cursors). */
const AWARENESS_PER_SECOND = 20;
/** Updates being reassembled on one socket; a client sends one large update at a time. */
const ASSEMBLIES_PER_SOCKET = 2;

interface Assembly {
  documentId: DocumentId;
  parts: (Uint8Array | undefined)[];
  received: number;
}

/**
 * What one socket holds: the documents it opened (each with the name the room knows its person
 * by, which their cursor must carry), and the large updates arriving in parts. Who may write is
 * its membership of the document's writers (RoomBroadcaster), which follows the settings.
 */
interface Opened {
  documents: Map<string, string | null>;
  assemblies: Map<string, Assembly>;
}

const key = (sessionId: string, documentId: DocumentId) => `${sessionId}:${documentId}`;

/** The byte length of a binary field as sent, checked before the schema: over it is 413. */
function bytesIn(message: unknown, field: string): number {
  const value = (message as Record<string, unknown> | null | undefined)?.[field];
  return value instanceof Uint8Array || value instanceof ArrayBuffer ? value.byteLength : 0;
}

function tooLarge(message: unknown, field: string, max: number): void {
  if (bytesIn(message, field) > max) {
    throw new AppException('PAYLOAD_TOO_LARGE', `A document message carries at most ${max} bytes.`);
  }
}

function invalid(message: string, error?: Parameters<typeof issuesOf>[0]): AppException {
  return new AppException('INVALID_PAYLOAD', message, error ? issuesOf(error) : undefined);
}

/**
 * Whether a y-protocols awareness update is one person's own: a single state, as the protocol
 * bounds it, whose name (if it gives one) is the sender's in the room, so nobody's cursor can
 * be labelled with someone else's name. A null state is a person leaving.
 */
function awarenessIsOwn(update: Uint8Array, name: string | null): boolean {
  try {
    const decoder = decoding.createDecoder(update);
    if (decoding.readVarUint(decoder) !== 1) return false;
    decoding.readVarUint(decoder);
    decoding.readVarUint(decoder);
    const state = awarenessStateSchema.safeParse(JSON.parse(decoding.readVarString(decoder)));
    if (!state.success) return false;
    const claimed = state.data?.user?.name;
    return (claimed === undefined || claimed === name) && !decoding.hasContent(decoder);
  } catch {
    return false;
  }
}

/**
 * The shared-document channel of the room's connection: opening a document by state vector,
 * Yjs updates (in parts when large) stored then fanned out to the document's socket.io room,
 * and awareness relayed unstored. A socket opens a document only after joining the session's
 * room, and only the sockets allowed to read it join its document room, so a candidate's socket
 * is never addressed with the scratch document.
 */
@Injectable()
export class DocumentsGateway implements OnModuleInit {
  private readonly logger = new Logger('documents');
  private readonly opened = new WeakMap<RoomSocket, Opened>();
  private readonly userUpdates: RateLimiterAbstract;
  private readonly userOpens: RateLimiterAbstract;
  private readonly awareness = new RateLimiterMemory({
    points: AWARENESS_PER_SECOND,
    duration: 1,
  });

  constructor(
    private readonly rooms: RoomsGateway,
    private readonly documents: DocumentsService,
    limiters: RateLimiters,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    // Typing is coalesced by the client into a few messages a second; a 2 MiB paste is 32 parts.
    const updates = config.userDocumentUpdatesPerSecond;
    this.userUpdates = limiters.create('document-updates', updates * 2, 2);
    this.userOpens = limiters.create('document-opens', config.userDocumentOpensPer10Seconds, 10);
  }

  onModuleInit(): void {
    this.rooms.addChannel((socket) => this.wire(socket));
  }

  private wire(socket: RoomSocket): void {
    this.opened.set(socket, { documents: new Map(), assemblies: new Map() });
    onAcked(socket, 'document:open', (request, ack) => {
      void answerChannel(socket, ack, this.logger, () => this.open(socket, request));
    });
    onAcked(socket, 'document:update', (update, ack) => {
      void answerChannel(socket, ack, this.logger, () => this.update(socket, update));
    });
    // Unacknowledged: a cursor that is dropped is replaced by the next one.
    socket.on('document:awareness', (message: unknown) => {
      this.relayAwareness(socket, message).catch(() => undefined);
    });
  }

  private async open(socket: RoomSocket, raw: unknown) {
    tooLarge(raw, 'stateVector', MAX_STATE_VECTOR_BYTES);
    const { userId } = socket.data;
    await limited(this.userOpens, userId, 'You are opening documents too often; wait a moment.');
    const request = documentOpenSchema.safeParse(raw);
    if (!request.success) throw invalid('The open request is not valid.', request.error);
    const { sessionId, documentId, stateVector } = request.data;
    const role = await this.documents.roleOf(sessionId, userId);
    if (!socket.rooms.has(viewerRoom(sessionId, userId))) {
      throw new AppException('INVALID_STATE', 'Join the room before opening its documents.');
    }
    const { settings, name } = await this.documents.seatOf(sessionId, userId);
    const access = this.documents.accessOf(documentId, role, settings);
    // Into the document's room before reading it, so nothing committed meanwhile is missed.
    const room = documentRoom(sessionId, documentId);
    const writers = documentWriters(sessionId, documentId);
    await socket.join(access === 'write' ? [room, writers] : room);
    if (access === 'read') await socket.leave(writers);
    try {
      const opened = await this.documents.open(sessionId, documentId, access, stateVector);
      this.openedBy(socket).documents.set(key(sessionId, documentId), name);
      // A writer opening may be one whose node died after storing an update and before
      // fanning it out: the others compare what is stored with what they hold.
      if (access === 'write') {
        socket.to(room).emit('document:stored', {
          sessionId,
          documentId,
          stateVector: opened.stateVector,
        });
      }
      return { ok: true as const, ...opened };
    } catch (error) {
      await socket.leave(room);
      await socket.leave(writers);
      throw error;
    }
  }

  private async update(socket: RoomSocket, raw: unknown): Promise<{ ok: true }> {
    tooLarge(raw, 'update', MAX_DOCUMENT_PART_BYTES);
    const { userId } = socket.data;
    await limited(this.userUpdates, userId, 'You are sending updates too fast; slow down.');
    const message = documentUpdateSchema.safeParse(raw);
    if (!message.success) throw invalid('The update is not valid.', message.error);
    const { sessionId, documentId, clientUpdateId, part } = message.data;
    this.requireWrite(socket, sessionId, documentId);
    const update = part ? this.assemble(socket, message.data) : message.data.update;
    if (!update) return { ok: true };
    try {
      Y.decodeUpdate(update);
    } catch {
      throw invalid('The update is not a Yjs update.');
    }
    const fresh = await this.documents.store({
      sessionId,
      documentId,
      clientUpdateId,
      update,
      authorId: userId,
    });
    // Only once committed: a socket that opens meanwhile reads it from the store or gets it
    // here, never neither. A retry was fanned out the first time.
    if (fresh) {
      socket.to(documentRoom(sessionId, documentId)).emit('document:update', {
        sessionId,
        documentId,
        update,
      });
    }
    return { ok: true };
  }

  /** Checked on every update: the socket is still in the room, opened this, and may write it. */
  private requireWrite(socket: RoomSocket, sessionId: string, documentId: DocumentId): void {
    const opened = this.openedBy(socket).documents.has(key(sessionId, documentId));
    // A person removed from the session has left every room (RoomBroadcaster.publish).
    const inRoom =
      socket.rooms.has(viewerRoom(sessionId, socket.data.userId)) &&
      socket.rooms.has(documentRoom(sessionId, documentId));
    if (!opened || !inRoom) {
      throw new AppException('INVALID_STATE', `Open the ${documentId} before writing to it.`);
    }
    if (!socket.rooms.has(documentWriters(sessionId, documentId))) {
      throw new AppException(
        'FORBIDDEN_ROLE',
        `You may read the ${documentId} but not write it now.`,
      );
    }
  }

  /** Holds a part; answers the whole update once its last part is in, else null. */
  private assemble(
    socket: RoomSocket,
    message: {
      documentId: DocumentId;
      clientUpdateId: string;
      update: Uint8Array;
      part?: { index: number; count: number };
    },
  ): Uint8Array | null {
    const { documentId, clientUpdateId, update, part } = message;
    if (!part) return update;
    const { assemblies } = this.openedBy(socket);
    let assembly = assemblies.get(clientUpdateId);
    if (!assembly) {
      if (assemblies.size >= ASSEMBLIES_PER_SOCKET) {
        const [oldest] = assemblies.keys();
        if (oldest !== undefined) assemblies.delete(oldest);
      }
      assembly = { documentId, parts: new Array<undefined>(part.count), received: 0 };
      assemblies.set(clientUpdateId, assembly);
    }
    if (assembly.documentId !== documentId || assembly.parts.length !== part.count) {
      throw invalid('The parts of one update must name one document and one count.');
    }
    if (!assembly.parts[part.index]) assembly.received += 1;
    assembly.parts[part.index] = update;
    if (assembly.received < part.count) return null;
    assemblies.delete(clientUpdateId);
    return Buffer.concat(assembly.parts as Uint8Array[]);
  }

  private async relayAwareness(socket: RoomSocket, raw: unknown): Promise<void> {
    if (bytesIn(raw, 'update') > MAX_AWARENESS_BYTES) return;
    await this.awareness.consume(socket.id);
    const message = documentAwarenessSchema.safeParse(raw);
    if (!message.success) return;
    const { sessionId, documentId, update } = message.data;
    const documents = this.openedBy(socket).documents;
    const opened = key(sessionId, documentId);
    if (!documents.has(opened) || !awarenessIsOwn(update, documents.get(opened) ?? null)) return;
    const room = documentRoom(sessionId, documentId);
    if (!socket.rooms.has(room)) return;
    socket.to(room).emit('document:awareness', { sessionId, documentId, update });
  }

  private openedBy(socket: RoomSocket): Opened {
    const opened = this.opened.get(socket);
    if (!opened) throw new Error('a socket was not wired for documents');
    return opened;
  }
}
