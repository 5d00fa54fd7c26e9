import { performance } from 'node:perf_hooks';
import type { TestApp } from '../testing/test-app';
import { startTestApp } from '../testing/test-app';
import { TEST_DATABASE_KINDS } from '../testing/test-databases';

const COMMANDS = Number(process.env['BENCH_COMMANDS'] ?? 500);

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

/**
 * One durable command at a time from one socket: emit → ack, where the ack means committed.
 * Prints p50/p95/p99; run with `npm run bench:ack`.
 */
describe.each(TEST_DATABASE_KINDS)('emit→ack of one command on %s PostgreSQL', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { commandRatePerSecond: 100_000 });
  });
  afterAll(() => t?.close());

  it(`measures ${COMMANDS} sequential score.set commands`, async () => {
    const alice = await t.register('Alice');
    const created = await t
      .http()
      .post('/api/sessions')
      .set({ Authorization: `Bearer ${alice.token}` })
      .send({ roundType: 'coding-screen' })
      .expect(201);
    const sessionId = (created.body as { id: string }).id;
    const client = await t.connect(alice.token);
    await client.join(sessionId);
    const samples: number[] = [];
    for (let i = 0; i < COMMANDS + 50; i += 1) {
      const started = performance.now();
      const ack = await client.command(sessionId, 'score.set', {
        signal: 'coding',
        score: ((i % 5) + 1) as 1 | 2 | 3 | 4 | 5,
      });
      if (!ack.ok) throw new Error(ack.error.code);
      if (i >= 50) samples.push(performance.now() - started); // the first 50 warm up
    }
    samples.sort((a, b) => a - b);
    const figures = {
      database: kind,
      commands: samples.length,
      p50: percentile(samples, 50).toFixed(2),
      p95: percentile(samples, 95).toFixed(2),
      p99: percentile(samples, 99).toFixed(2),
      max: (samples.at(-1) ?? Number.NaN).toFixed(2),
    };
    process.stdout.write(`emit→ack (ms): ${JSON.stringify(figures)}\n`);
    expect(samples).toHaveLength(COMMANDS);
  });
});
