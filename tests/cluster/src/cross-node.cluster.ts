import type { RoomCommandType, Score, SignalId } from '@signal-room/domain';
import { SIGNAL_IDS } from '@signal-room/domain';
import type { CommandPayload } from '@signal-room/protocol';
import { summary } from './support/cluster';
import { EvidenceStream, auditStreams } from './support/evidence-stream';
import type { Seat } from './support/room';
import type { Frame } from './support/room-client';
import { clusterForSuite } from './support/suite';
import { SEATS } from './support/room';

type Delivery = 'event' | 'snapshot' | 'nothing';

interface Step<T extends RoomCommandType = RoomCommandType> {
  by: Seat;
  type: T;
  payload: CommandPayload<T>;
  /** What each seat is sent for it, by the audience rules of the protocol (§8.2). */
  expect: Record<Seat, Delivery>;
}

const step = <T extends RoomCommandType>(
  by: Seat,
  type: T,
  payload: CommandPayload<T>,
  expect: Record<Seat, Delivery>,
): Step => ({ by, type, payload, expect }) as Step;

const everyone = (delivery: Delivery): Record<Seat, Delivery> => ({
  interviewer: delivery,
  candidate: delivery,
  observer: delivery,
});

const noScores = Object.fromEntries(SIGNAL_IDS.map((id) => [id, null])) as Record<
  SignalId,
  Score | null
>;

// The interviewer sits on node A, the candidate and the observer on node B; commands come
// from both nodes, and each frame has to cross (or stay off) Redis to reach its audience.
const STEPS: Step[] = [
  step('interviewer', 'prompt.reveal', {}, { ...everyone('event'), candidate: 'snapshot' }),
  step('interviewer', 'timer.start', {}, everyone('event')),
  step('interviewer', 'phase.change', { phaseId: 'clarify-scope' }, everyone('event')),
  step(
    'interviewer',
    'evidence.add',
    { signal: 'framing', polarity: 'strong', note: 'asked what defensible means' },
    { interviewer: 'event', candidate: 'nothing', observer: 'nothing' },
  ),
  step(
    'observer',
    'score.set',
    { signal: 'architecture', score: 4 },
    { interviewer: 'nothing', candidate: 'nothing', observer: 'event' },
  ),
  step('interviewer', 'hint.reveal', {}, { ...everyone('event'), candidate: 'snapshot' }),
  step('interviewer', 'timer.pause', {}, everyone('event')),
  // Another scorer has a card, so the staff's view of the end widens: a snapshot for them.
  step('interviewer', 'session.end', {}, { ...everyone('snapshot'), candidate: 'event' }),
  step(
    'observer',
    'evidence.add',
    { signal: 'production', polarity: 'weak', note: 'no replay path for disputes' },
    { interviewer: 'event', candidate: 'nothing', observer: 'event' },
  ),
  step(
    'candidate',
    'self-assessment.submit',
    { scores: { ...noScores, framing: 3 }, note: 'ran out of time on failures' },
    everyone('event'),
  ),
];

describe('a room spread over two nodes', () => {
  const suite = clusterForSuite();

  it('delivers every event to its audience whichever node they are on, and the views agree', async () => {
    const started = Date.now();
    const room = await suite.openRoom('cross', {
      interviewer: 'a',
      candidate: 'b',
      observer: 'b',
    });
    expect(room.clients.interviewer.url).toBe(suite.cluster.a.url);
    expect(room.clients.candidate.url).toBe(suite.cluster.b.url);
    expect(room.clients.observer.url).toBe(suite.cluster.b.url);

    const seqs: number[] = [];
    for (const { by, type, payload, expect: audience } of STEPS) {
      const { ack } = await room.clients[by].send(type, payload);
      seqs.push(ack.seq);
      // A frame meant for a seat arrives, on either node, without anyone rejoining.
      await Promise.all(
        SEATS.filter((seat) => audience[seat] !== 'nothing').map((seat) =>
          room.clients[seat].settle(ack.seq),
        ),
      );
    }
    const last = seqs.at(-1) ?? 0;
    await room.expectViewsMatch(last, [suite.cluster.a, suite.cluster.b]);

    // Each step waited for its audience, and a frame sent to a seat outside it would have gone
    // out with theirs: by now every frame is in, so each seat got what its rule says, no more.
    let deliveries = 0;
    STEPS.forEach(({ type, expect: audience }, index) => {
      const seq = seqs[index] ?? -1;
      for (const seat of SEATS) {
        const frames = room.clients[seat].framesAt(seq) ?? [];
        const got = frames.length === 0 ? 'nothing' : (frames[0]?.kind ?? 'nothing');
        expect({ seq, type, seat, got, count: frames.length }).toEqual({
          seq,
          type,
          seat,
          got: audience[seat],
          count: audience[seat] === 'nothing' ? 0 : 1,
        });
        if (got !== 'nothing') deliveries += 1;
      }
    });
    for (const seat of SEATS) expect(room.clients[seat].moves).toEqual([]);
    suite.cluster.assertNodesAlive();
    summary('cross-node', {
      commands: STEPS.length,
      fromNodeA: STEPS.filter((s) => s.by === 'interviewer').length,
      fromNodeB: STEPS.filter((s) => s.by !== 'interviewer').length,
      framesDelivered: deliveries,
      withheldChecked: STEPS.length * SEATS.length - deliveries,
      viewsEqualServer: `${SEATS.length}x2 nodes`,
      ms: Date.now() - started,
    });
  });

  it('keeps every view equal to the server while two scorers on one node write at once', async () => {
    const started = Date.now();
    const room = await suite.openRoom('burst', {
      interviewer: 'a',
      candidate: 'b',
      observer: 'a',
    });
    // After the end the staff see each other's evidence: both are sent both streams, whose
    // commits interleave; a batch sent before the one committed ahead of it would be dropped.
    await room.interviewer.send('session.end', {});
    const streams = {
      interviewer: new EvidenceStream(room.clients.interviewer, 'burst/interviewer', 100, {
        concurrency: 3,
      }),
      observer: new EvidenceStream(room.clients.observer, 'burst/observer', 100, {
        concurrency: 3,
      }),
    };
    await Promise.all([streams.interviewer.run(), streams.observer.run()]);
    const { ack } = await room.clients.candidate.send('self-assessment.submit', {
      scores: noScores,
      note: '',
    });
    await room.expectViewsMatch(ack.seq, [suite.cluster.a, suite.cluster.b]);
    const totals = await auditStreams(room, suite.cluster.b, streams);
    suite.cluster.assertNodesAlive();
    summary('one-node-burst', {
      acked: totals.acked,
      lost: totals.lost,
      duplicates: totals.duplicates,
      viewsEqualServer: `${SEATS.length}x2 nodes`,
      ms: Date.now() - started,
    });
  });

  it('folds an event relayed late from the other node into its place', async () => {
    const started = Date.now();
    const room = await suite.openRoom('reorder', {
      interviewer: 'a',
      candidate: 'b',
      observer: 'b',
    });
    // After the end the staff see each other's evidence. The observer's note is committed on B
    // first and reaches A through Redis, held back here; the interviewer's, committed on A after
    // it, reaches them straight from A. A fold that takes only events newer than its view would
    // drop the observer's note when it comes.
    await room.interviewer.send('session.end', {});
    const { relayA } = suite.cluster;
    relayA.hold();
    try {
      const older = await room.clients.observer.send('evidence.add', {
        signal: 'production',
        polarity: 'strong',
        note: 'reorder: committed first, on B',
      });
      const newer = await room.interviewer.send('evidence.add', {
        signal: 'framing',
        polarity: 'strong',
        note: 'reorder: committed second, on A',
      });
      expect(newer.ack.seq).toBe(older.ack.seq + 1);
      await room.interviewer.settle(newer.ack.seq);
    } finally {
      relayA.release();
    }
    const { ack } = await room.clients.candidate.send('self-assessment.submit', {
      scores: noScores,
      note: '',
    });
    await room.expectViewsMatch(ack.seq, [suite.cluster.a, suite.cluster.b]);
    const late = lateArrivals(room.clients.interviewer.frames);
    expect(late).toBe(1);
    suite.cluster.assertNodesAlive();
    summary('cross-node-reorder', {
      eventsArrivedAfterANewerOne: late,
      viewsEqualServer: `${SEATS.length}x2 nodes`,
      ms: Date.now() - started,
    });
  });
});

/** Events that arrived after one with a higher seq: what only an ordered fold places. */
function lateArrivals(frames: readonly Frame[]): number {
  let highest = 0;
  let late = 0;
  for (const frame of frames) {
    if (frame.kind !== 'event') continue;
    if (frame.event.seq < highest) late += 1;
    highest = Math.max(highest, frame.event.seq);
  }
  return late;
}
