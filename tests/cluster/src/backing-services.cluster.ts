import { healthy } from './support/api-node';
import { summary } from './support/cluster';
import { EvidenceStream, auditStreams, figures } from './support/evidence-stream';
import { sleep, waitUntil } from './support/processes';
import { SEATS } from './support/room';
import { clusterForSuite } from './support/suite';

const OUTAGE_COMMANDS = 3;

describe('the backing services restarting mid-session', () => {
  const suite = clusterForSuite();

  it('Redis: rooms recover by themselves once it is back, across nodes', async () => {
    const started = Date.now();
    const room = await suite.openRoom('redis', {
      interviewer: 'a',
      candidate: 'b',
      observer: 'b',
    });
    const { candidate } = room.clients;
    await room.interviewer.send('timer.start', {});
    await candidate.settle(await room.changePhase());

    await suite.cluster.redis.halt();
    const haltedAt = Date.now();
    // The database is up, so commands still commit on node A while fan-out is cut off.
    for (let i = 0; i < OUTAGE_COMMANDS; i += 1) await room.changePhase();
    await sleep(1000);
    await suite.cluster.redis.resume();
    const resumedAt = Date.now();

    // A command on node A reaches the candidate on node B again; the clients rejoin by themselves.
    let probes = 0;
    await waitUntil(
      'a phase change on node A to reach the candidate on node B',
      async () => {
        probes += 1;
        const seq = await room.changePhase();
        return candidate.settle(seq, 1000).then(
          () => true,
          () => false,
        );
      },
      15_000,
      0,
    );
    const recoveredMs = Date.now() - resumedAt;
    expect(candidate.url).toBe(suite.cluster.b.url);
    expect(room.interviewer.url).toBe(suite.cluster.a.url);

    const seq = await room.changePhase();
    await room.expectViewsMatch(seq, [suite.cluster.a, suite.cluster.b]);
    suite.cluster.assertNodesAlive();
    summary('redis-restart', {
      outageMs: resumedAt - haltedAt,
      commandsDuringOutage: OUTAGE_COMMANDS,
      probes,
      recoveredMs,
      // Each node, once subscribed again, sent its sockets off to rejoin and catch up.
      reconnects: SEATS.reduce((sum, seat) => sum + room.clients[seat].moves.length, 0),
      ms: Date.now() - started,
    });
  });

  it('PostgreSQL: commands fail retryably while it is down, and each is applied once after', async () => {
    const started = Date.now();
    const room = await suite.openRoom('pg', {
      interviewer: 'a',
      candidate: 'b',
      observer: 'b',
    });
    await room.interviewer.send('timer.start', {});
    // One scorer per node, paced so the streams span the outage.
    const streams = {
      interviewer: new EvidenceStream(room.clients.interviewer, 'pg/interviewer', 80, {
        concurrency: 2,
        pauseMs: 20,
      }),
      observer: new EvidenceStream(room.clients.observer, 'pg/observer', 40, {
        concurrency: 2,
        pauseMs: 40,
      }),
    };
    const ackedSoFar = () => streams.interviewer.acked.size + streams.observer.acked.size;
    const streaming = Promise.all([streams.interviewer.run(), streams.observer.run()]);
    await streams.interviewer.ackedAtLeast(15);

    await suite.cluster.postgres.halt();
    const haltedAt = Date.now();
    // Both nodes say so to a load balancer while the database is away.
    expect(await healthy(suite.cluster.a.url)).toBe(false);
    expect(await healthy(suite.cluster.b.url)).toBe(false);
    const ackedBeforeOutage = ackedSoFar();
    await sleep(3000);
    const ackedDuringOutage = ackedSoFar() - ackedBeforeOutage;
    await suite.cluster.postgres.resume();
    const resumedAt = Date.now();
    await streaming;
    const drainedMs = Date.now() - resumedAt;

    const around = figures(Object.values(streams), haltedAt);
    // Attempts failed only as a lost database should make them fail: retryably, on a live socket.
    expect(
      Object.keys(around.failures).filter((f) => f !== 'UNAVAILABLE' && f !== 'timeout'),
    ).toEqual([]);
    expect(around.retried).toBeGreaterThan(0);
    expect(ackedDuringOutage).toBe(0);

    const seq = await room.changePhase();
    await room.expectViewsMatch(seq, [suite.cluster.a, suite.cluster.b]);
    const { acked, lost, duplicates } = await auditStreams(room, suite.cluster.a, streams);
    suite.cluster.assertNodesAlive();
    summary('postgres-restart', {
      acked,
      ackedBeforeOutage,
      ackedDuringOutage,
      retried: around.retried,
      duplicateAcks: around.duplicateAcks,
      failedAttempts: JSON.stringify(around.failures),
      lost,
      duplicates,
      outageMs: resumedAt - haltedAt,
      resumeToLastAckMs: drainedMs,
      ms: Date.now() - started,
    });
  });
});
