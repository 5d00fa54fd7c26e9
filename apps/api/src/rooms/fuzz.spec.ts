import { ROOM_COMMAND_TYPES } from '@signal-room/domain';
import {
  ERROR_CODES,
  commandEnvelopeSchema,
  commandPayloadSchemas,
  joinRequestSchema,
} from '@signal-room/protocol';
import fc from 'fast-check';
import type { Cast, TestApp } from '../testing/test-app';
import { createStaffedSession, startTestApp } from '../testing/test-app';

const onTheWire = (value: unknown): unknown => {
  try {
    return JSON.parse(JSON.stringify(value) ?? 'null') as unknown;
  } catch {
    return null;
  }
};

const MESSAGES = Number(process.env['FUZZ_MESSAGES'] ?? 10_000);

/** Anything at all, and near-misses of real payloads: wrong types, extra keys, prototypes, size. */
const oversize = 'x'.repeat(70_000);
const junk = fc.oneof(
  { arbitrary: fc.anything({ maxDepth: 3 }), weight: 20 },
  { arbitrary: fc.jsonValue({ maxDepth: 4 }), weight: 20 },
  {
    arbitrary: fc.dictionary(
      fc.constantFrom(
        'signal',
        'score',
        'note',
        'polarity',
        'offsetMs',
        'byMs',
        'phaseId',
        'evidenceId',
        'markId',
        'move',
        'flag',
        'scores',
        'prompt',
        'constructor',
        'prototype',
      ),
      fc.anything({ maxDepth: 2 }),
    ),
    weight: 40,
  },
  {
    arbitrary: fc.constant(
      JSON.parse('{"__proto__":{"polluted":true},"signal":"coding","score":3}') as unknown,
    ),
    weight: 4,
  },
  {
    arbitrary: fc.constant(
      JSON.parse('{"constructor":{"prototype":{"polluted":true}}}') as unknown,
    ),
    weight: 4,
  },
  { arbitrary: fc.integer().map((n) => ({ signal: 'coding', score: n })), weight: 10 },
  // Rare, since each is 70 KB on the wire: a note past the message size limit.
  { arbitrary: fc.constant({ signal: 'coding', polarity: 'strong', note: oversize }), weight: 1 },
);

describe('fuzzing the room gateway', () => {
  let t: TestApp;
  let sessionId: string;
  let cast: Cast;

  beforeAll(async () => {
    t = await startTestApp('embedded', { commandRatePerSecond: 100_000 });
    cast = {
      interviewer: await t.register('Ines'),
      candidate: await t.register('Cato'),
      observer: await t.register('Ozzie'),
    };
    sessionId = (await createStaffedSession(t, cast)).id;
  });
  afterAll(() => t?.close());

  it(`answers ${MESSAGES} malformed messages with coded errors, changes nothing and stays up`, async () => {
    const interviewer = await t.connect(cast.interviewer.token);
    await interviewer.join(sessionId);
    const before = await t
      .http()
      .get(`/api/sessions/${sessionId}/room`)
      .set({ Authorization: `Bearer ${cast.interviewer.token}` })
      .expect(200);

    // Only messages the protocol refuses: a fuzzed payload that happens to be valid is skipped.
    const message = fc
      .oneof(
        fc
          .record({
            kind: fc.constant('command' as const),
            type: fc.constantFrom(...ROOM_COMMAND_TYPES),
            payload: junk,
          })
          .map(({ type, payload }) => ({
            event: 'room:command' as const,
            body: { sessionId, clientEventId: crypto.randomUUID(), type, payload },
          })),
        junk.map((body) => ({ event: 'room:command' as const, body })),
        junk.map((body) => ({ event: 'room:join' as const, body })),
      )
      // Judge what the server receives: socket.io sends JSON, so undefined values drop out.
      .map(({ event, body }) => ({ event, body: onTheWire(body) }))
      .filter(({ event, body }) => {
        if (event === 'room:join') return !joinRequestSchema.safeParse(body).success;
        const envelope = commandEnvelopeSchema.safeParse(body);
        return (
          !envelope.success ||
          !commandPayloadSchemas[envelope.data.type].safeParse(envelope.data.payload).success
        );
      });
    const messages = fc.sample(message, { numRuns: MESSAGES, seed: 20261122 });

    const codes = new Map<string, number>();
    const batch = 200;
    for (let start = 0; start < messages.length; start += batch) {
      const answers = await Promise.all(
        messages.slice(start, start + batch).map(({ event, body }) => interviewer.raw(event, body)),
      );
      for (const answer of answers) {
        expect(answer.ok).toBe(false);
        const code = answer.ok ? 'ok' : answer.error.code;
        expect(ERROR_CODES).toContain(code);
        codes.set(code, (codes.get(code) ?? 0) + 1);
      }
    }
    process.stdout.write(
      `fuzz: ${messages.length} messages, codes ${JSON.stringify(Object.fromEntries(codes))}\n`,
    );
    expect(codes.get('INTERNAL') ?? 0).toBe(0);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();

    const after = await t
      .http()
      .get(`/api/sessions/${sessionId}/room`)
      .set({ Authorization: `Bearer ${cast.interviewer.token}` })
      .expect(200);
    expect(after.body).toEqual(before.body);
    await t.http().get('/api/health').expect(200);
    expect(interviewer.socket.connected).toBe(true);
  }, 300_000);
});
