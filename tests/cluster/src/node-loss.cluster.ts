import { roomView, summary } from './support/cluster';
import { EvidenceStream, auditStreams, figures } from './support/evidence-stream';
import { within } from './support/processes';
import type { Room } from './support/room';
import { clusterForSuite } from './support/suite';

/** The interviewer and the observer of `room`, both on node A, writing evidence at once. */
function streamEvidence(room: Room, label: string) {
  const streams = {
    interviewer: new EvidenceStream(room.clients.interviewer, `${label}/interviewer`, 150, {
      concurrency: 4,
      pauseMs: 5,
    }),
    observer: new EvidenceStream(room.clients.observer, `${label}/observer`, 60, {
      concurrency: 2,
      pauseMs: 10,
    }),
  };
  const running = Promise.all([streams.interviewer.run(), streams.observer.run()]);
  return { streams, running };
}

describe('losing a node mid-session', () => {
  const suite = clusterForSuite();

  it('SIGKILL: clients move to the other node, catch up, and no acknowledged command is lost or doubled', async () => {
    const started = Date.now();
    const room = await suite.openRoom('kill', {
      interviewer: 'a',
      observer: 'a',
      candidate: 'b',
    });
    await room.interviewer.send('timer.start', {});
    const { streams, running } = streamEvidence(room, 'kill');
    await streams.interviewer.ackedAtLeast(40);

    const killedAt = Date.now();
    const exit = await suite.cluster.a.signal('SIGKILL');
    expect(exit.signal).toBe('SIGKILL');
    await running;
    const streamedMs = Date.now() - killedAt;

    // Both clients of node A are on node B now, and the room goes on there for everyone.
    expect(room.clients.interviewer.url).toBe(suite.cluster.b.url);
    expect(room.clients.observer.url).toBe(suite.cluster.b.url);
    expect(room.clients.interviewer.moves).toHaveLength(1);
    expect(room.clients.observer.moves).toHaveLength(1);
    expect(room.clients.candidate.moves).toEqual([]);
    const seq = await room.changePhase();
    await room.expectViewsMatch(seq, [suite.cluster.b]);
    const totals = await auditStreams(room, suite.cluster.b, streams);
    suite.cluster.assertNodesAlive();

    const around = figures(Object.values(streams), killedAt, suite.cluster.b.url);
    // Commands were in flight when the node died: some needed a retry on node B.
    expect(around.retried).toBeGreaterThan(0);
    summary('sigkill', {
      acked: totals.acked,
      ackedBeforeKill: around.before,
      ackedAfterKill: around.after,
      retried: around.retried,
      duplicateAcks: around.duplicateAcks,
      failedAttempts: JSON.stringify(around.failures),
      lost: totals.lost,
      duplicates: totals.duplicates,
      rejoinedOnBMs: room.clients.interviewer.moves[0]?.ms ?? -1,
      killToLastAckMs: streamedMs,
      ms: Date.now() - started,
    });
  });

  it('SIGTERM: the node finishes what it holds, exits 0 by itself, and every acknowledged command is kept', async () => {
    const started = Date.now();
    const room = await suite.openRoom('term', {
      interviewer: 'a',
      observer: 'a',
      candidate: 'b',
    });
    await room.interviewer.send('timer.start', {});
    const { streams, running } = streamEvidence(room, 'term');
    await streams.interviewer.ackedAtLeast(40);

    const signalledAt = Date.now();
    const exit = await within(
      suite.cluster.a.signal('SIGTERM'),
      20_000,
      'node A exiting after SIGTERM',
    );
    const exitMs = Date.now() - signalledAt;
    expect(exit).toEqual({ code: 0, signal: null });
    await running;

    expect(room.clients.interviewer.url).toBe(suite.cluster.b.url);
    expect(room.clients.observer.url).toBe(suite.cluster.b.url);
    // A stopping node drops its sockets as a lost connection, which socket.io-client (and so the
    // web client) reconnects from by itself; 'io server disconnect' would read as signed out.
    for (const seat of ['interviewer', 'observer'] as const) {
      expect(room.clients[seat].moves.map((move) => move.reason)).toEqual(['transport close']);
    }
    const seq = await room.changePhase();
    await room.expectViewsMatch(seq, [suite.cluster.b]);
    // The interviewer and observer moved; they did not leave, so nobody saw them go offline.
    const view = await roomView(suite.cluster.b, room.sessionId, room.cast.interviewer.token);
    expect(Object.values(view.participants).every((p) => p.online)).toBe(true);
    const totals = await auditStreams(room, suite.cluster.b, streams);
    suite.cluster.assertNodesAlive();

    const around = figures(Object.values(streams), signalledAt, suite.cluster.a.url);
    summary('sigterm', {
      acked: totals.acked,
      ackedBeforeSignal: around.before,
      ackedByStoppingNode: around.afterBy,
      ackedAfterSignal: around.after,
      retried: around.retried,
      duplicateAcks: around.duplicateAcks,
      failedAttempts: JSON.stringify(around.failures),
      lost: totals.lost,
      duplicates: totals.duplicates,
      exitCode: String(exit.code),
      exitMs,
      ms: Date.now() - started,
    });
  });
});
