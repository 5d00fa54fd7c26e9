import type { DocumentChannel } from '@signal-room/room-client';
import { summary } from './support/cluster';
import { convergence, synced } from './support/documents';
import { waitUntil } from './support/processes';
import { ClusterClient } from './support/room-client';
import { clusterForSuite } from './support/suite';

const SHAPES_EACH = 20;
const MOVES_EACH = 120;
const KILL_AFTER = 40;

interface Shape {
  id: string;
  type: 'rectangle';
  version: number;
  versionNonce: number;
  x: number;
  y: number;
}

const shapesOf = (channel: DocumentChannel): Map<string, Shape> =>
  new Map(channel.doc.getMap<Shape>('elements'));

/**
 * One person drawing: `SHAPES_EACH` boxes of their own, then `MOVES_EACH` moves of them, each
 * a new version of the element as Excalidraw writes one, a few ms apart.
 */
async function draw(channel: DocumentChannel, prefix: 'i' | 'c', done: string[]): Promise<void> {
  const elements = channel.doc.getMap<Shape>('elements');
  for (let step = 0; step < SHAPES_EACH + MOVES_EACH; step += 1) {
    const id = `${prefix}${step % SHAPES_EACH}`;
    const version = Math.floor(step / SHAPES_EACH) + 1;
    elements.set(id, {
      id,
      type: 'rectangle',
      version,
      versionNonce: step,
      x: step * 7,
      y: version * 11,
    });
    done.push(`${id}@${version}`);
    await new Promise((resolve) => setTimeout(resolve, 8 + Math.random() * 8));
  }
}

/** Each drawer's last version of each of their shapes. */
const finalVersions = (done: string[]): Record<string, number> =>
  Object.fromEntries(
    done.map((entry) => {
      const [id = '', version = '0'] = entry.split('@');
      return [id, Number(version)];
    }),
  );

describe('losing a node while both people draw on the board', () => {
  const suite = clusterForSuite();

  it('SIGKILL: the drawer on the dead node moves, the board converges on every last version', async () => {
    const started = Date.now();
    const room = await suite.openRoom('board-kill', {
      interviewer: 'a',
      observer: 'a',
      candidate: 'b',
    });
    await room.interviewer.send('timer.start', {});
    const ivo = room.clients.interviewer.document('board');
    const cleo = room.clients.candidate.document('board');
    await waitUntil('both boards to open', () => synced(ivo) && synced(cleo), 10_000);

    const done = { interviewer: [] as string[], candidate: [] as string[] };
    const drawing = Promise.all([
      draw(ivo, 'i', done.interviewer),
      draw(cleo, 'c', done.candidate),
    ]);
    await waitUntil('drawing to be under way', () => done.interviewer.length >= KILL_AFTER, 20_000);
    const killedAt = Date.now();
    const exit = await suite.cluster.a.signal('SIGKILL');
    expect(exit.signal).toBe('SIGKILL');
    await drawing;

    // Both sorted by id, so the two compare whatever order each replica holds its shapes in.
    const byId = (entries: [string, number][]) =>
      Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
    const expected = byId(
      Object.entries({ ...finalVersions(done.interviewer), ...finalVersions(done.candidate) }),
    );
    const versions = (channel: DocumentChannel) =>
      byId([...shapesOf(channel)].map(([id, shape]) => [id, shape.version]));
    const behind = (channel: DocumentChannel) =>
      Object.entries(expected).filter(([id, version]) => versions(channel)[id] !== version);
    await convergence(
      'both boards to hold every shape at its last version, saved',
      { interviewer: ivo, candidate: cleo },
      (channel) => behind(channel).length === 0,
      (channel) => `${behind(channel).length} shapes behind`,
      30_000,
    );
    const convergedMs = Date.now() - killedAt;
    expect(room.clients.interviewer.url).toBe(suite.cluster.b.url);
    expect(Object.keys(expected)).toHaveLength(SHAPES_EACH * 2);

    // What the store holds, as a late joiner on the surviving node is given it.
    const late = await ClusterClient.open('late', room.cast.observer.token, room.sessionId, [
      suite.cluster.b.url,
    ]);
    const fresh = late.document('board');
    await waitUntil('the late joiner to open the board', () => synced(fresh), 10_000);
    expect(versions(fresh)).toEqual(expected);
    expect([...shapesOf(fresh).values()].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [...shapesOf(ivo).values()].sort((a, b) => a.id.localeCompare(b.id)),
    );
    late.close();
    suite.cluster.assertNodesAlive();

    summary('board-sigkill', {
      changesEach: SHAPES_EACH + MOVES_EACH,
      rejoinedOnBMs: room.clients.interviewer.moves[0]?.ms ?? -1,
      killToConvergedMs: convergedMs,
      shapes: Object.keys(expected).length,
      ms: Date.now() - started,
    });
  });
});
