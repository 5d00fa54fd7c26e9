import { roundTypeById } from '@signal-room/domain';
import type { ApiNode } from './api-node';
import type { Cast, Cluster } from './cluster';
import { createStaffedSession, registerCast, roomView } from './cluster';
import { ClusterClient } from './room-client';

export type Seat = keyof Cast;
export const SEATS: readonly Seat[] = ['interviewer', 'candidate', 'observer'];

const PHASES = roundTypeById('system-design').phases.map((phase) => phase.id);

/**
 * One staffed session with a client per seat, each placed on a node of its own choosing and
 * falling back to the other node when its own goes.
 */
export class Room {
  private phase = 0;

  private constructor(
    readonly cast: Cast,
    readonly sessionId: string,
    readonly clients: Record<Seat, ClusterClient>,
  ) {}

  static async open(
    cluster: Cluster,
    label: string,
    placement: Record<Seat, 'a' | 'b'>,
  ): Promise<Room> {
    const cast = await registerCast(cluster.a, label);
    const sessionId = await createStaffedSession(cluster.a, cast);
    const clients = {} as Record<Seat, ClusterClient>;
    for (const seat of SEATS) {
      const [own, other] =
        placement[seat] === 'a' ? [cluster.a, cluster.b] : [cluster.b, cluster.a];
      clients[seat] = await ClusterClient.open(seat, cast[seat].token, sessionId, [
        own.url,
        other.url,
      ]);
    }
    return new Room(cast, sessionId, clients);
  }

  get interviewer(): ClusterClient {
    return this.clients.interviewer;
  }

  /** A phase change, which every seat is sent as an event; its seq. */
  async changePhase(): Promise<number> {
    const phaseId = PHASES[this.phase % PHASES.length] ?? 'clarify-scope';
    this.phase += 1;
    return (await this.interviewer.send('phase.change', { phaseId })).ack.seq;
  }

  /**
   * Every client has folded its way to `seq` and holds exactly what GET /room answers its user
   * on each of `nodes`. The last event must be one every seat sees, or a candidate's view
   * would rightly stop at an earlier seq.
   */
  async expectViewsMatch(seq: number, nodes: readonly ApiNode[]): Promise<void> {
    for (const seat of SEATS) {
      const held = await this.clients[seat].settle(seq);
      for (const node of nodes) {
        expect({ seat, view: held }).toEqual({
          seat,
          view: await roomView(node, this.sessionId, this.cast[seat].token),
        });
      }
    }
  }

  close(): void {
    for (const seat of SEATS) this.clients[seat].close();
  }
}
