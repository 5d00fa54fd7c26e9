import { Injectable, Logger } from '@nestjs/common';
import type { DocumentId, RoomEvent, RoomState } from '@signal-room/domain';
import { DOCUMENT_IDS, documentAccess, projectEvent, reduce, viewFor } from '@signal-room/domain';
import type { ServerToClientEvents } from '@signal-room/protocol';
import type { Server } from 'socket.io';

/** Every socket of one user in one session; projections are addressed to these rooms. */
export const viewerRoom = (sessionId: string, userId: string): string =>
  `session:${sessionId}:user:${userId}`;
/** Every socket in one session, whoever it belongs to. */
export const sessionRoom = (sessionId: string): string => `session:${sessionId}`;
/** Every socket that opened one of a session's documents, with the access to read it. */
/** Every tab in a session's call: told when a peer joins or leaves it. */
export const callRoom = (sessionId: string): string => `call:${sessionId}`;

/** One tab's place in a session's call: where the signals addressed to it go. */
export const callPeerRoom = (sessionId: string, userId: string, peerId: string): string =>
  `call:${sessionId}:${userId}:${peerId}`;

export const documentRoom = (sessionId: string, documentId: DocumentId): string =>
  `session:${sessionId}:document:${documentId}`;
/**
 * The sockets that may write one of a session's documents now. A room, not a flag kept with the
 * socket, so a change of the workspace's settings reaches every node's sockets at once.
 */
export const documentWriters = (sessionId: string, documentId: DocumentId): string =>
  `session:${sessionId}:document:${documentId}:writers`;

export type RoomMessage =
  { kind: 'events'; events: RoomEvent[] } | { kind: 'snapshot'; state: RoomState };

/**
 * What one viewer should receive for a batch of committed events: the events themselves when
 * each can be folded into the viewer's view, or one snapshot of the final view if anything in
 * the batch changed what they may see. Nothing when they see no change at all.
 */
export function messageFor(
  before: RoomState,
  events: readonly RoomEvent[],
  userId: string,
  role: RoomState['participants'][string]['role'],
): RoomMessage | null {
  const viewer = { userId, role };
  const forwarded: RoomEvent[] = [];
  let state = before;
  for (const event of events) {
    const next = reduce(state, event);
    const projection = projectEvent(state, next, event, viewer);
    if (projection.kind === 'snapshot') {
      return { kind: 'snapshot', state: viewFor(events.reduce(reduce, before), viewer) };
    }
    if (projection.kind === 'event') forwarded.push(event);
    state = next;
  }
  return forwarded.length > 0 ? { kind: 'events', events: forwarded } : null;
}

type BroadcastServer = Server<
  Record<string, never>,
  ServerToClientEvents,
  Record<string, never>,
  { userId: string }
>;

@Injectable()
export class RoomBroadcaster {
  private readonly logger = new Logger('rooms');
  private server: BroadcastServer | null = null;
  attach(server: BroadcastServer): void {
    this.server = server;
  }

  /**
   * Tells an ended room's sockets who has it open now, read from the sockets themselves (on every
   * node, through the adapter), since its log no longer records people coming and going. Only
   * the online marks hang on it, so a failure is logged and the room carries on.
   */
  async announcePresence(sessionId: string): Promise<void> {
    const server = this.server;
    if (!server) return;
    try {
      const sockets = await server.in(sessionRoom(sessionId)).fetchSockets();
      const online = [...new Set(sockets.map((socket) => socket.data.userId))];
      server.to(sessionRoom(sessionId)).emit('room:presence', { sessionId, online });
    } catch (error) {
      this.logger.warn(`presence not announced in ${sessionId}: ${String(error)}`);
    }
  }

  /** Sends each participant their own projection of a committed batch. */
  publish(before: RoomState, after: RoomState, events: readonly RoomEvent[]): void {
    const server = this.server;
    if (!server || events.length === 0) return;
    const serverTime = Date.now();
    for (const participant of Object.values(after.participants)) {
      const message = messageFor(before, events, participant.userId, participant.role);
      if (!message) continue;
      const target = server.to(viewerRoom(after.sessionId, participant.userId));
      if (message.kind === 'snapshot') {
        target.emit('room:snapshot', {
          sessionId: after.sessionId,
          serverTime,
          state: message.state,
        });
      } else {
        for (const event of message.events)
          target.emit('room:event', { sessionId: after.sessionId, event });
      }
    }
    for (const event of events) {
      if (event.type !== 'participant.removed') continue;
      // On every node (through the adapter): the person is told, and their sockets leave the
      // room. Nothing is addressed to them any more: they are no participant of the state.
      const theirs = viewerRoom(after.sessionId, event.payload.userId);
      server.to(theirs).emit('room:removed', { sessionId: after.sessionId });
      server
        .in(theirs)
        .socketsLeave([
          sessionRoom(after.sessionId),
          callRoom(after.sessionId),
          ...DOCUMENT_IDS.flatMap((documentId) => [
            documentRoom(after.sessionId, documentId),
            documentWriters(after.sessionId, documentId),
          ]),
        ]);
    }
    if (events.some((event) => event.type === 'workspace.changed')) this.regrant(server, after);
  }

  /** Each person's sockets join or leave each document's writers as the settings now say. */
  private regrant(server: BroadcastServer, room: RoomState): void {
    for (const { userId, role } of Object.values(room.participants)) {
      const theirs = server.in(viewerRoom(room.sessionId, userId));
      for (const documentId of DOCUMENT_IDS) {
        const writers = documentWriters(room.sessionId, documentId);
        if (documentAccess(documentId, role, room.workspace) === 'write') {
          theirs.socketsJoin(writers);
        } else {
          theirs.socketsLeave(writers);
        }
      }
    }
  }
}
