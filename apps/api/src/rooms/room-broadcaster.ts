import { Injectable } from '@nestjs/common';
import type { RoomEvent, RoomState } from '@signal-room/domain';
import { projectEvent, reduce, viewFor } from '@signal-room/domain';
import type { ServerToClientEvents } from '@signal-room/protocol';
import type { Server } from 'socket.io';

/** Every socket of one user in one session; projections are addressed to these rooms. */
export const viewerRoom = (sessionId: string, userId: string): string =>
  `session:${sessionId}:user:${userId}`;
/** Every socket in one session, whoever it belongs to. */
export const sessionRoom = (sessionId: string): string => `session:${sessionId}`;

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

/** A committed batch, ready to send. */
export interface Batch {
  before: RoomState;
  after: RoomState;
  events: readonly RoomEvent[];
}

/** A place in a session's line: settled with its batch to send it, or with null if none came. */
export type Place = (batch: Batch | null) => Promise<void>;

@Injectable()
export class RoomBroadcaster {
  private server: Server<Record<string, never>, ServerToClientEvents> | null = null;
  /** Per session, the last batch this node has lined up to send. */
  private readonly lines = new Map<string, Promise<void>>();

  attach(server: Server<Record<string, never>, ServerToClientEvents>): void {
    this.server = server;
  }

  /**
   * A place in line for the session's next batch; take it while holding the session's row
   * lock. Writers commit in seq order, but one commit can be answered later than the next
   * one's, and a client drops an event older than what it holds: so a batch is sent only once
   * the batches that took the lock before it on this node have been sent or have failed.
   */
  reserve(sessionId: string): Place {
    let settle: (batch: Batch | null) => void = () => undefined;
    const batch = new Promise<Batch | null>((resolve) => (settle = resolve));
    const previous = this.lines.get(sessionId) ?? Promise.resolve();
    const sent = previous
      .then(() => batch)
      .then((ready) => {
        if (ready) this.publish(ready.before, ready.after, ready.events);
      });
    // A batch that failed to send must not hold up the ones behind it.
    const line = sent.catch(() => undefined);
    this.lines.set(sessionId, line);
    void line.then(() => {
      if (this.lines.get(sessionId) === line) this.lines.delete(sessionId);
    });
    return (ready) => {
      settle(ready);
      return sent;
    };
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
  }
}
