import { registerBodySchema } from './accounts';
import { commandPayloadSchemas } from './room';
import { createSessionBodySchema } from './sessions';

const NUL = 'before\u0000after';
const LONE_HIGH = 'broken \ud83d here';
const LONE_LOW = 'broken \ude00 here';

const account = (displayName: string) => ({
  email: 'ada@example.test',
  password: 'a long enough passphrase',
  displayName,
});

describe('text that is not text', () => {
  it.each([
    ['a NUL byte', NUL],
    ['a lone high surrogate', LONE_HIGH],
    ['a lone low surrogate', LONE_LOW],
  ])('is refused in a note, a prompt, a self-assessment, a summary and a name: %s', (_, text) => {
    expect(
      commandPayloadSchemas['evidence.add'].safeParse({
        signal: 'framing',
        polarity: 'strong',
        note: text,
      }).success,
    ).toBe(false);
    expect(
      commandPayloadSchemas['self-assessment.submit'].safeParse({
        scores: {
          framing: null,
          coding: null,
          architecture: null,
          production: null,
          delivery: null,
          leadership: null,
          communication: null,
        },
        note: text,
      }).success,
    ).toBe(false);
    const summary = commandPayloadSchemas['summary.write'];
    expect(summary.safeParse({ text, practiseNext: 'Say the trade-off' }).success).toBe(false);
    expect(summary.safeParse({ text: 'Clear start', practiseNext: text }).success).toBe(false);
    expect(commandPayloadSchemas['phase.change'].safeParse({ phaseId: text }).success).toBe(false);
    expect(
      createSessionBodySchema.safeParse({
        roundType: 'coding-screen',
        customPrompt: { title: 'Rate limiter', body: text },
      }).success,
    ).toBe(false);
    expect(registerBodySchema.safeParse(account(text)).success).toBe(false);
  });

  it('keeps text that is only unusual: emoji (surrogate pairs), accents, scripts, new lines', () => {
    for (const note of ['asked 🙂 twice', 'naïve café', '先に制約を確認した', 'two\nlines']) {
      expect(
        commandPayloadSchemas['evidence.add'].safeParse({
          signal: 'framing',
          polarity: 'strong',
          note,
        }).success,
      ).toBe(true);
    }
    for (const name of ['Zoë', 'José María', 'أحمد', '李雷', 'Ada 🚀']) {
      expect(registerBodySchema.safeParse(account(name)).success).toBe(true);
    }
  });

  it.each([
    ['a right-to-left override', 'Ada\u202Enimda'],
    ['a directional isolate', '\u2067Ada\u2069'],
    ['zero-width characters only', '\u200B\u200C\u200D'],
    ['a word joiner and spaces', ' \u2060 '],
    ['a control character', 'Ada\u0007'],
  ])('refuses a display name with %s, naming the field', (_, name) => {
    const parsed = registerBodySchema.safeParse(account(name));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toContain('displayName');
  });
});
