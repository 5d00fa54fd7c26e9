import { ROOM_COMMAND_TYPES, ROOM_EVENT_TYPES } from '@signal-room/domain';
import {
  commandEnvelopeSchema,
  commandPayloadSchemas,
  eventPayloadSchemas,
  roomEventSchema,
  SUMMARY_LIMITS,
} from './room';

const id = '3b2f9d2e-8a4c-4f7e-9d57-2c9e1f4b6a10';
const otherId = '9e0c5a71-1d2b-4c3e-8f40-5a6b7c8d9e0f';

describe('command payload schemas', () => {
  it('exist for every domain command, and event schemas for every event', () => {
    expect(Object.keys(commandPayloadSchemas).sort()).toEqual([...ROOM_COMMAND_TYPES].sort());
    expect(Object.keys(eventPayloadSchemas).sort()).toEqual([...ROOM_EVENT_TYPES].sort());
  });

  it('accept a well-formed evidence note and trim it', () => {
    const parsed = commandPayloadSchemas['evidence.add'].parse({
      signal: 'framing',
      polarity: 'strong',
      note: '  asked about peak load  ',
      offsetMs: 120_000,
    });
    expect(parsed.note).toBe('asked about peak load');
  });

  it('accept a note on the pad or on the board, and refuse an anchor that points nowhere', () => {
    const evidence = {
      signal: 'architecture',
      polarity: 'strong',
      note: 'Queue before the writer',
    };
    const schema = commandPayloadSchemas['evidence.add'];
    for (const anchor of [
      { documentId: 'pad', fromLine: 2, toLine: 5 },
      { documentId: 'board', elementIds: ['pQ3_x-9', 'Zk1'] },
    ]) {
      expect(schema.safeParse({ ...evidence, anchor }).success).toBe(true);
    }
    for (const anchor of [
      { documentId: 'board', elementIds: [] },
      { documentId: 'board', elementIds: ['<img src=x>'] },
      { documentId: 'board', elementIds: Array.from({ length: 51 }, (_, i) => `e${i}`) },
      { documentId: 'board', fromLine: 1, toLine: 2 },
      { documentId: 'pad', elementIds: ['a'] },
      { documentId: 'scratch', fromLine: 1, toLine: 1 },
    ]) {
      expect({ anchor, ok: schema.safeParse({ ...evidence, anchor }).success }).toEqual({
        anchor,
        ok: false,
      });
    }
  });

  it.each([
    ['a wrong type', { signal: 'framing', polarity: 'strong', note: 42 }],
    ['an unknown signal', { signal: 'charisma', polarity: 'strong', note: 'x' }],
    ['an extra field', { signal: 'framing', polarity: 'strong', note: 'x', score: 5 }],
    ['an empty note', { signal: 'framing', polarity: 'weak', note: '   ' }],
    ['a negative offset', { signal: 'framing', polarity: 'weak', note: 'x', offsetMs: -1 }],
    [
      'a note over 2000 characters',
      { signal: 'framing', polarity: 'weak', note: 'x'.repeat(2001) },
    ],
  ])('refuse evidence with %s', (_, payload) => {
    expect(commandPayloadSchemas['evidence.add'].safeParse(payload).success).toBe(false);
  });

  it('refuse a __proto__ key smuggled in through JSON', () => {
    const payload: unknown = JSON.parse('{"signal":"coding","score":3,"__proto__":{"admin":true}}');
    const result = commandPayloadSchemas['score.set'].safeParse(payload);
    expect(result.success).toBe(false);
    expect(({} as Record<string, unknown>)['admin']).toBeUndefined();
  });

  it('only take scores 1 to 5', () => {
    for (const score of [0, 6, 2.5, '3', null]) {
      expect(
        commandPayloadSchemas['score.set'].safeParse({ signal: 'coding', score }).success,
      ).toBe(false);
    }
    expect(commandPayloadSchemas['score.set'].parse({ signal: 'coding', score: 4 }).score).toBe(4);
  });

  it('need all seven signals in a self-assessment, each scored or null', () => {
    const scores = {
      framing: 3,
      coding: null,
      architecture: 4,
      production: 2,
      delivery: null,
      leadership: null,
      communication: 5,
    };
    const schema = commandPayloadSchemas['self-assessment.submit'];
    expect(schema.safeParse({ scores, note: '' }).success).toBe(true);
    const { coding, ...missingOne } = scores;
    expect(coding).toBeNull();
    expect(schema.safeParse({ scores: missingOne, note: '' }).success).toBe(false);
  });

  it('take a run of a runnable language with the digest of its code, and bound its output', () => {
    const schema = commandPayloadSchemas['code.run'];
    const run = {
      language: 'python',
      status: 'timeout',
      output: 'partial',
      durationMs: 5000,
      codeVersion: 'ab'.repeat(32),
    };
    expect(schema.safeParse(run).success).toBe(true);
    expect(schema.safeParse({ ...run, language: 'go' }).success).toBe(false);
    expect(schema.safeParse({ ...run, codeVersion: 'v1' }).success).toBe(false);
    expect(schema.safeParse({ ...run, status: 'crashed' }).success).toBe(false);
    expect(schema.safeParse({ ...run, durationMs: -1 }).success).toBe(false);
    expect(schema.safeParse({ ...run, output: 'x'.repeat(1_000_000) }).success).toBe(false);
  });

  it('need a summary and one thing to practise next, each trimmed, present and short', () => {
    const schema = commandPayloadSchemas['summary.write'];
    expect(schema.parse({ text: '  Framed well.  ', practiseNext: ' Say the cost. ' })).toEqual({
      text: 'Framed well.',
      practiseNext: 'Say the cost.',
    });
    expect(schema.safeParse({ text: '   ', practiseNext: 'Say the cost.' }).success).toBe(false);
    expect(schema.safeParse({ text: 'Framed well.', practiseNext: '' }).success).toBe(false);
    expect(schema.safeParse({ text: 'Framed well.' }).success).toBe(false);
    const long = (length: number) => 'a'.repeat(length);
    expect(
      schema.safeParse({
        text: long(SUMMARY_LIMITS.text),
        practiseNext: long(SUMMARY_LIMITS.practiseNext),
      }).success,
    ).toBe(true);
    expect(
      schema.safeParse({ text: long(SUMMARY_LIMITS.text + 1), practiseNext: 'x' }).success,
    ).toBe(false);
    expect(
      schema.safeParse({ text: 'x', practiseNext: long(SUMMARY_LIMITS.practiseNext + 1) }).success,
    ).toBe(false);
  });

  it('refuse an edit that changes nothing', () => {
    const schema = commandPayloadSchemas['evidence.edit'];
    expect(schema.safeParse({ evidenceId: id }).success).toBe(false);
    expect(schema.safeParse({ evidenceId: id, note: 'better wording' }).success).toBe(true);
  });

  it('take a meeting link only as an https address of a named host, or null', () => {
    const schema = commandPayloadSchemas['meeting.set'];
    for (const url of ['https://meet.google.com/abc-defg-hij', 'https://zoom.us/j/123?pwd=x']) {
      expect(schema.safeParse({ url }).success).toBe(true);
    }
    expect(schema.safeParse({ url: null }).success).toBe(true);
    for (const url of [
      'javascript:alert(1)',
      'http://meet.example.com/x',
      'data:text/html,<script>1</script>',
      'https://',
      `https://meet.example.com/${'x'.repeat(500)}`,
    ]) {
      expect(schema.safeParse({ url }).success).toBe(false);
    }
    expect(schema.safeParse({}).success).toBe(false);
  });

  it('bound timer extensions to between one minute and one hour', () => {
    const schema = commandPayloadSchemas['timer.extend'];
    expect(schema.safeParse({ byMs: 59_999 }).success).toBe(false);
    expect(schema.safeParse({ byMs: 3_600_001 }).success).toBe(false);
    expect(schema.safeParse({ byMs: 300_000 }).success).toBe(true);
  });
});

describe('the command envelope', () => {
  it('needs a session, a client event id and a known type', () => {
    const envelope = { sessionId: id, clientEventId: otherId, type: 'timer.start', payload: {} };
    expect(commandEnvelopeSchema.safeParse(envelope).success).toBe(true);
    expect(commandEnvelopeSchema.safeParse({ ...envelope, type: 'timer.explode' }).success).toBe(
      false,
    );
    expect(commandEnvelopeSchema.safeParse({ ...envelope, clientEventId: 'abc' }).success).toBe(
      false,
    );
    expect(commandEnvelopeSchema.safeParse({ ...envelope, extra: true }).success).toBe(false);
  });
});

describe('the room event schema', () => {
  it('parses a committed event with its typed payload', () => {
    const event = roomEventSchema.parse({
      seq: 3,
      type: 'score.set',
      payload: { signal: 'delivery', score: 2 },
      actorId: id,
      at: 1_700_000_000_000,
    });
    expect(event).toMatchObject({ type: 'score.set', payload: { signal: 'delivery', score: 2 } });
  });

  it('refuses an event whose payload does not match its type', () => {
    const result = roomEventSchema.safeParse({
      seq: 3,
      type: 'score.set',
      payload: { evidenceId: id },
      actorId: id,
      at: 1,
    });
    expect(result.success).toBe(false);
  });
});
