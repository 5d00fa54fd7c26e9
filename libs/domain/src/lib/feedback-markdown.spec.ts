import type { AuditEntry } from './audit';
import { describeScore, signalById } from './catalog';
import type { FeedbackDocument } from './feedback';
import { buildFeedback } from './feedback';
import { feedbackToMarkdown, formatOffset, formatUtc } from './feedback-markdown';
import type { Severity } from './model';
import { VERDICT_LABELS } from './interpretation';
import type { FailureModeId, MoveId, Score, SignalId } from './model';
import type { Actor } from './room/decide';
import { sheetFeedback, sheetTemplate } from './sheet';
import { talkTime } from './talk-time';
import {
  CANDIDATE,
  command,
  endedRoom,
  INTERVIEWER,
  liveRoom,
  MINUTE,
  OBSERVER,
  run,
  T0,
  WATCH_ITEM,
  withWatch,
} from './room/room-fixtures';
import type { RoomState } from './room/state';
import type { Polarity } from './scorecard';
import { emptyScores } from './scorecard';

const INJECTION = 'Said: | # *x* [a](b) <script>alert(1)</script> `rm` _em_ ~~s~~ &lt;\n# Injected';

let nextCommand = 0;
const addEvidence = (
  state: RoomState,
  actor: Actor,
  signal: SignalId,
  polarity: Polarity,
  offsetMs: number,
  note: string,
) =>
  run(
    state,
    command('evidence.add', { signal, polarity, note, offsetMs }, `c${++nextCommand}`),
    actor,
    T0 + 6 * MINUTE,
  );

const setScores = (state: RoomState, actor: Actor, given: Partial<Record<SignalId, Score>>) =>
  Object.entries(given).reduce(
    (current, [signal, score]) =>
      run(
        current,
        command('score.set', { signal: signal as SignalId, score: score as Score }),
        actor,
        T0 + 6 * MINUTE,
      ),
    state,
  );

const mark = (state: RoomState, kind: 'move' | 'flag', id: string, offsetMs: number) =>
  run(
    state,
    kind === 'move'
      ? command('move.mark', { move: id as MoveId, offsetMs }, `c${++nextCommand}`)
      : command('flag.mark', { flag: id as FailureModeId, offsetMs }, `c${++nextCommand}`),
    INTERVIEWER,
    T0 + 6 * MINUTE,
  );

/**
 * A finished system-design round: the interviewer logged evidence on two signals (one note with
 * Markdown in it), scored four, heard two moves and flagged a pattern; an observer kept their own
 * scorecard; the candidate assessed themselves with a note of their own.
 */
function finishedRound(selfNote = 'I rushed the design.'): RoomState {
  let state = run(
    liveRoom(),
    command('phase.change', { phaseId: 'clarify-scope' }),
    INTERVIEWER,
    T0 + 30_000,
  );
  state = addEvidence(
    state,
    INTERVIEWER,
    'architecture',
    'strong',
    5 * MINUTE,
    'Named the failure modes',
  );
  state = addEvidence(
    state,
    INTERVIEWER,
    'architecture',
    'weak',
    2 * MINUTE,
    'Skipped the data model',
  );
  state = addEvidence(state, INTERVIEWER, 'framing', 'weak', 61_000, 'Jumped to a solution');
  state = addEvidence(state, INTERVIEWER, 'framing', 'strong', 3 * MINUTE, INJECTION);
  state = addEvidence(state, OBSERVER, 'production', 'strong', 4 * MINUTE, 'OBSERVER-ONLY note');
  state = setScores(state, OBSERVER, { production: 5 });
  state = setScores(state, INTERVIEWER, {
    architecture: 4,
    framing: 2,
    production: 3,
    communication: 3,
  });
  state = mark(state, 'move', 'clarify-constraints', 4 * MINUTE);
  state = mark(state, 'move', 'clarify-constraints', MINUTE);
  state = mark(state, 'flag', 'signal-bloat', MINUTE);
  state = run(state, command('session.end', {}), INTERVIEWER, T0 + 10 * MINUTE);
  return run(
    state,
    command('self-assessment.submit', {
      scores: { ...emptyScores(), architecture: 2, framing: 3, production: 5, coding: 4 },
      note: selfNote,
    }),
    CANDIDATE,
    T0 + 11 * MINUTE,
  );
}

const GENERATED_AT = T0 + 12 * MINUTE;

/** The lines of the section under a `## ` heading, up to the next one. */
function section(markdown: string, heading: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(`## ${heading}`);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((line, index) => index > start && line.startsWith('## '));
  return lines.slice(start + 1, end === -1 ? undefined : end);
}

const SEVERITY: Record<Severity, string> = { risk: 'Risk', concern: 'Concern', note: 'Note' };

/** Table cell separators, leaving out escaped pipes. */
const pipes = (line: string): number => (line.match(/(?<!\\)\|/g) ?? []).length;

describe('feedbackToMarkdown: a finished round', () => {
  const doc = buildFeedback(finishedRound(), GENERATED_AT);
  const markdown = feedbackToMarkdown(doc);
  const lines = markdown.split('\n');
  const name = (id: SignalId) => doc.signals.find((signal) => signal.signal === id)?.name ?? '';

  it('is titled by round type and prompt, with the timing of the round', () => {
    expect(lines[0]).toBe('# Feedback — System design: Prompt A');
    expect(lines[2]).toBe(
      'Session session-1 · Time on the clock 10:00 · Ended 2023-11-14 22:23 UTC · ' +
        'Generated 2023-11-14 22:25 UTC',
    );
  });

  it('has its sections in reading order', () => {
    expect(lines.filter((line) => line.startsWith('## '))).toEqual([
      '## From your interviewer',
      '## Overall reading',
      '## The seven signals',
      '## Signal by signal',
      '## Hidden signals',
      '## Rule findings',
      '## Communication moves',
      '## Flagged patterns',
      '## Phases',
      '## Self-assessment',
      '## Recommended drills',
    ]);
  });

  it('says when the interviewer wrote no summary', () => {
    expect(section(markdown, 'From your interviewer')).toEqual([
      '',
      'Your interviewer wrote no summary for this round.',
      '',
    ]);
  });

  it('leads with the summary, its paragraphs kept, and the one thing to practise next', () => {
    const summary = {
      text: 'You framed it well.\n\nThe design held.',
      practiseNext: 'Name risks.',
    };
    const led = feedbackToMarkdown({ ...doc, summary });
    expect(led.split('\n').filter((line) => line.startsWith('## '))[0]).toBe(
      '## From your interviewer',
    );
    expect(section(led, 'From your interviewer')).toEqual([
      '',
      'You framed it well.',
      '',
      'The design held.',
      '',
      '**One thing to practise next:** Name risks.',
      '',
    ]);
  });

  it('gives the overall reading by its label, with its reasons', () => {
    expect(section(markdown, 'Overall reading')).toEqual([
      '',
      `**${VERDICT_LABELS[doc.reading.verdict]}**`,
      '',
      ...doc.reading.reasons.map((reason) => `- ${reason}`),
      '',
    ]);
    expect(doc.reading.verdict).toBe('mixed');
  });

  it('tables the seven signals with layer, both scores and the gap in words', () => {
    const rows = section(markdown, 'The seven signals').filter((line) => line.startsWith('|'));
    expect(rows).toEqual([
      '| Signal | Layer | Interviewer | Self | Gap |',
      '| --- | --- | --- | --- | --- |',
      `| ${name('framing')} | primary | 2 (Below competent) | 3 | Self 1 higher |`,
      `| ${name('coding')} | unsampled | Not scored | 4 | — |`,
      `| ${name('architecture')} | primary | 4 (Strong) | 2 | ⚠ Misjudged: 2 lower |`,
      `| ${name('production')} | primary | 3 (Competent) | 5 | ⚠ Misjudged: 2 higher |`,
      `| ${name('delivery')} | secondary | Not scored | — | — |`,
      `| ${name('leadership')} | unsampled | Not scored | — | — |`,
      `| ${name('communication')} | floor | 3 (Competent) | — | — |`,
    ]);
  });

  it('gives each signal its rubric descriptor and its evidence by time, strong and weak in words', () => {
    const body = section(markdown, 'Signal by signal').join('\n');
    expect(body).toContain(
      [
        `### ${name('architecture')} (primary)`,
        '',
        '**Interviewer: 4, Strong.** Your score: 2.',
        '',
        `Rubric: ${describeScore('architecture', 4)}`,
        '',
        '| Time | Reading | Evidence |',
        '| --- | --- | --- |',
        '| 2:00 | Weak | Skipped the data model |',
        '| 5:00 | Strong | Named the failure modes |',
      ].join('\n'),
    );
    expect(body).toContain('| 1:01 | Weak | Jumped to a solution |');
    expect(body).toContain(
      [
        `### ${name('delivery')} (secondary)`,
        '',
        '**Interviewer: not scored.**',
        '',
        'No evidence was recorded.',
      ].join('\n'),
    );
    expect(body.match(/^### /gm)).toHaveLength(7);
  });

  it("never carries the observer's notes", () => {
    expect(markdown).not.toContain('OBSERVER-ONLY');
  });

  it('names the hidden signals and the rule findings', () => {
    expect(section(markdown, 'Hidden signals')).toEqual(
      expect.arrayContaining(
        doc.hiddenSignals.map((hidden) => `- ${hidden.name} (${hidden.layer})`),
      ),
    );
    expect(doc.hiddenSignals.length).toBeGreaterThan(0);
    expect(section(markdown, 'Rule findings')).toEqual(
      expect.arrayContaining(
        doc.findings.map(
          (finding) => `- **${SEVERITY[finding.severity]}** (${finding.rule}): ${finding.message}`,
        ),
      ),
    );
    expect(doc.findings.length).toBeGreaterThan(0);
  });

  it('lists the moves seen with their times, the moves missed, and the flagged patterns', () => {
    const moves = section(markdown, 'Communication moves');
    expect(moves).toContain(`- ${doc.moves.seen[0].name}, at 1:00, 4:00`);
    for (const missed of doc.moves.missed) {
      expect(moves).toContain(`- **${missed.name}**: ${missed.description}`);
    }
    expect(section(markdown, 'Flagged patterns')).toEqual([
      '',
      `- 1:00 — **${doc.flags[0].name}**`,
      `  - What it means: ${doc.flags[0].meaning}`,
      `  - Instead: ${doc.flags[0].instead}`,
      '',
    ]);
    expect(section(markdown, 'Phases')).toContain(`- 0:30 — ${doc.phases[0].name}`);
  });

  it("sets out the candidate's note and where they misjudged", () => {
    expect(section(markdown, 'Self-assessment')).toEqual([
      '',
      '**Your note:** I rushed the design.',
      '',
      'Where you misjudged (a gap of 2 or more):',
      '',
      `- ${name('architecture')}: you gave 2, the interviewer 4 (2 lower)`,
      `- ${name('production')}: you gave 5, the interviewer 3 (2 higher)`,
      '',
    ]);
  });

  it('recommends the drills with their reasons and numbered steps', () => {
    const drills = section(markdown, 'Recommended drills').join('\n');
    expect(doc.drills.length).toBeGreaterThan(0);
    doc.drills.forEach((drill, index) => {
      expect(drills).toContain(`### ${index + 1}. ${drill.name}`);
      expect(drills).toContain(drill.description);
      expect(drills).toContain(`*Why:* ${drill.reason}`);
      expect(drills).toContain(
        drill.steps.map((step, number) => `${number + 1}. ${step}`).join('\n'),
      );
    });
  });

  it('is pure: the same document gives the same text, and is left untouched', () => {
    const copy: FeedbackDocument = JSON.parse(JSON.stringify(doc));
    expect(feedbackToMarkdown(doc)).toBe(markdown);
    expect(doc).toEqual(copy);
  });
});

describe('feedbackToMarkdown: what users wrote renders inert', () => {
  const doc = buildFeedback(finishedRound(INJECTION), GENERATED_AT);
  const markdown = feedbackToMarkdown(doc);
  const lines = markdown.split('\n');
  const escaped =
    'Said: \\| \\# \\*x\\* \\[a\\](b) \\<script\\>alert(1)\\</script\\> \\`rm\\` \\_em\\_ ' +
    '\\~\\~s\\~\\~ \\&lt; \\# Injected';

  it('keeps a note with Markdown in it to one table row of three cells', () => {
    const row = lines.filter((line) => line.includes('Said:') && line.startsWith('|'));
    expect(row).toEqual([`| 3:00 | Strong | ${escaped} |`]);
    expect(pipes(row[0])).toBe(4);
  });

  it('lets no note start a heading, open HTML, a link, emphasis or code', () => {
    expect(lines.filter((line) => line.includes('Injected') && !line.startsWith('|'))).toEqual([
      `**Your note:** ${escaped}`,
    ]);
    expect(lines.filter((line) => /^#/.test(line) && line.includes('Injected'))).toEqual([]);
    for (const live of [/(?<!\\)<script/, /(?<!\\)\[a/, /(?<!\\)\*x/, /(?<!\\)`rm/, /(?<!\\)_em/]) {
      expect(markdown).not.toMatch(live);
    }
  });

  it('sets the sheet after the hidden signals, each section quoted and inert, the empty ones said', () => {
    const sheet = sheetFeedback(sheetTemplate('project-deep-dive'), true, (id) =>
      id === 'context' ? `Two teams\n${INJECTION}` : '',
    );
    const written = feedbackToMarkdown({ ...doc, sheet });
    const headings = written.split('\n').filter((line) => line.startsWith('## '));
    expect(headings.indexOf('## Decision notes')).toBe(headings.indexOf('## Hidden signals') + 1);
    const notes = section(written, 'Decision notes').join('\n');
    expect(notes).toContain(
      'Never written down: Stakes, Decision, Alternatives, Outcome, What changed after.',
    );
    // Every line of what was written is quoted, so none starts a heading or a list.
    expect(notes).toContain(
      `### Context\n\n> Two teams\n> ${escaped.replace(' \\# Injected', '\n> \\# Injected')}`,
    );
    expect(notes).toContain('### Stakes\n\n*Never written down.*');
    expect(feedbackToMarkdown({ ...doc, sheet: null })).not.toContain('Never written down');
  });

  it('sets the talk-time after the sheet as measured figures, names inert', () => {
    const talk = talkTime(
      [
        {
          userId: 'c',
          displayName: INJECTION,
          role: 'candidate',
          spans: [{ startAt: 1000, endAt: 91_000 }],
        },
        { userId: 'i', displayName: 'Ivan', role: 'interviewer', spans: [] },
      ],
      { startedAt: 1000, lengthMs: 200_000 },
      [{ move: 'clarify-constraints', name: 'Clarify', offsetsMs: [60_000] }],
    );
    const written = section(feedbackToMarkdown({ ...doc, communication: talk }), 'Talk-time');
    expect(written).toContain(`| ${escaped} | Candidate | 1:30 | 100% |`);
    expect(written).toContain(
      'Longest stretch the candidate spoke without a pause for the interviewer: 90 s, from 0:00.',
    );
    expect(written).toContain('Silences of a minute or more: 1:30–3:20.');
    expect(written).toContain('| Clarify | 1:00 | 60 s | 0 s |');
    expect(feedbackToMarkdown({ ...doc, communication: null })).not.toContain('## Talk-time');
  });

  it('keeps a summary with Markdown in it inert', () => {
    const summary = { text: INJECTION, practiseNext: INJECTION };
    const led = section(feedbackToMarkdown({ ...doc, summary }), 'From your interviewer');
    expect(led).toEqual(['', escaped, '', `**One thing to practise next:** ${escaped}`, '']);
  });

  it('escapes a prompt title in the heading', () => {
    const titled = buildFeedback(endedRoom(), GENERATED_AT);
    const heading = feedbackToMarkdown({ ...titled, promptTitle: 'Queue #1 | *fast*\n# Evil' })
      .split('\n')
      .filter((line) => line.startsWith('# '));
    expect(heading).toEqual(['# Feedback — System design: Queue \\#1 \\| \\*fast\\* \\# Evil']);
  });

  it('leaves a plain ampersand as written, and escapes one that would start an entity', () => {
    expect(markdown).toContain('Delivery & product judgment');
    expect(markdown).toContain('\\&lt;');
  });
});

describe("feedbackToMarkdown: the candidate's audit and the watch list", () => {
  const entry = (overrides: Partial<AuditEntry>): AuditEntry => ({
    id: 'a1',
    sessionId: 'session-1',
    signal: 'framing',
    sentence: 'I scoped it to one region first.',
    offsetMs: null,
    createdAt: '2023-11-14T22:30:00.000Z',
    visibleInSessionId: null,
    ...overrides,
  });
  const doc = buildFeedback(endedRoom(), GENERATED_AT);

  it('leaves both sections out when the export carries no audit and the round watched for nothing', () => {
    const headings = feedbackToMarkdown(doc)
      .split('\n')
      .filter((line) => line.startsWith('## '));
    expect(headings).not.toContain('## Your audit');
    expect(headings).not.toContain('## From your audits: what became visible');
  });

  it("tables the candidate's entries after the hidden signals: signal, moment, sentence, whether heard", () => {
    const markdown = feedbackToMarkdown({
      ...doc,
      audit: [
        entry({ offsetMs: 95_600 }),
        entry({
          id: 'a2',
          signal: 'production',
          sentence: 'Retries | *backoff*\n# capped',
          visibleInSessionId: 'session-2',
        }),
      ],
    });
    const headings = markdown.split('\n').filter((line) => line.startsWith('## '));
    expect(headings.indexOf('## Your audit')).toBe(headings.indexOf('## Hidden signals') + 1);
    expect(section(markdown, 'Your audit')).toEqual([
      '',
      'Decisions you had in mind in this round and never said:',
      '',
      '| Signal | Moment | What you had in mind | Heard in a later mock |',
      '| --- | --- | --- | --- |',
      `| ${signalById('framing').name} | 1:35 | I scoped it to one region first. | Not yet |`,
      `| ${signalById('production').name} | — | Retries \\| \\*backoff\\* \\# capped | Yes, in session session-2 |`,
      '',
    ]);
  });

  it('says so when the candidate has written nothing yet', () => {
    expect(section(feedbackToMarkdown({ ...doc, audit: [] }), 'Your audit')).toEqual([
      '',
      'You wrote no audit entries for this round.',
      '',
    ]);
  });

  it('says which earlier audit items the round heard, and when', () => {
    const heard = buildFeedback(
      run(
        withWatch(liveRoom(), 3 * MINUTE),
        command('session.end', {}),
        INTERVIEWER,
        T0 + 10 * MINUTE,
      ),
      GENERATED_AT,
    );
    const unheard = buildFeedback(
      run(withWatch(liveRoom()), command('session.end', {}), INTERVIEWER, T0 + 10 * MINUTE),
      GENERATED_AT,
    );
    const { intent } = WATCH_ITEM;
    const production = signalById('production').name;
    expect(section(feedbackToMarkdown(heard), 'From your audits: what became visible')).toEqual([
      '',
      '1 of 1 decisions you audited after earlier rounds were heard this time.',
      '',
      '| Signal | Decision | This round | Audited in |',
      '| --- | --- | --- | --- |',
      `| ${production} | ${intent} | Visible at 3:00 | Session session-0 |`,
      '',
    ]);
    expect(section(feedbackToMarkdown(unheard), 'From your audits: what became visible')).toContain(
      `| ${production} | ${intent} | Not heard | Session session-0 |`,
    );
  });
});

describe('feedbackToMarkdown: a round with little in it', () => {
  const markdown = feedbackToMarkdown(
    buildFeedback(endedRoom({ prompt: null }, 5 * MINUTE), GENERATED_AT),
  );

  it('says plainly what is missing instead of leaving sections empty', () => {
    expect(markdown.split('\n')[0]).toBe('# Feedback — System design');
    expect(markdown).toContain('Time on the clock 5:00');
    expect(markdown.match(/^No evidence was recorded\.$/gm)).toHaveLength(7);
    expect(section(markdown, 'Communication moves')).toContain('None of the moves was marked.');
    expect(section(markdown, 'Flagged patterns')).toContain('No failure pattern was flagged.');
    expect(section(markdown, 'Phases')).toContain('No phases were marked.');
    expect(section(markdown, 'Self-assessment')).toContain(
      'No self-assessment was submitted, so there is nothing to compare.',
    );
  });
});

describe('formatOffset', () => {
  it.each([
    [0, '0:00'],
    [999, '0:00'],
    [59_999, '0:59'],
    [61_000, '1:01'],
    [10 * MINUTE, '10:00'],
    [3_600_000, '60:00'],
    [3_600_000 + 90_000, '61:30'],
    [-5_000, '0:00'],
    [Number.NaN, '0:00'],
  ])('formats %d ms as %s', (ms, expected) => {
    expect(formatOffset(ms)).toBe(expected);
  });
});

describe('formatUtc', () => {
  it.each([
    [0, '1970-01-01 00:00 UTC'],
    [T0, '2023-11-14 22:13 UTC'],
    [951_782_400_000, '2000-02-29 00:00 UTC'],
    [951_868_799_999, '2000-02-29 23:59 UTC'],
    [1_704_067_199_000, '2023-12-31 23:59 UTC'],
    [4_102_444_800_000, '2100-01-01 00:00 UTC'],
    [-1, '1969-12-31 23:59 UTC'],
  ])('formats %d as %s', (ms, expected) => {
    expect(formatUtc(ms)).toBe(expected);
  });
});
