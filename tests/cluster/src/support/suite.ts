import type { Cluster } from './cluster';
import { startCluster } from './cluster';
import type { Seat } from './room';
import { Room } from './room';

/**
 * The cluster a suite runs on: started once before its tests, with every node and service up
 * again before each test (a test may stop one), and stopped after them together with every
 * room opened through it.
 */
export function clusterForSuite() {
  let started: Cluster | null = null;
  const rooms: Room[] = [];
  beforeAll(async () => {
    started = await startCluster();
  });
  beforeEach(() => started?.restartStopped());
  afterAll(async () => {
    for (const room of rooms) room.close();
    await started?.stop();
  });
  const cluster = (): Cluster => {
    if (!started) throw new Error('the cluster has not started');
    return started;
  };
  return {
    get cluster(): Cluster {
      return cluster();
    },
    async openRoom(label: string, placement: Record<Seat, 'a' | 'b'>): Promise<Room> {
      const room = await Room.open(cluster(), label, placement);
      rooms.push(room);
      return room;
    },
  };
}
