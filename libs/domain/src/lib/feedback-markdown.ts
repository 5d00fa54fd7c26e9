import type { AuditEntry } from './audit';
import { signalById } from './catalog';
import type { FeedbackDocument, SelfGap, SignalFeedback } from './feedback';
import { MISJUDGED_GAP } from './feedback';
import type { Severity } from './model';
import type { SheetFeedback } from './sheet';
import type { TalkTime } from './talk-time';
import { ROLE_LABELS } from './room/state';
import { VERDICT_LABELS } from './interpretation';

/**
 * The feedback as a file to keep: the document as its reader may read it and, for the candidate
 * alone, their own audit of the round (absent for anyone else, who may not read it).
 */
export type FeedbackExport = FeedbackDocument & {
  audit?: AuditEntry[];
  /** The workspace as the round left it, for other tools (the Markdown leaves it out). */
  workspace?: WorkspaceExport;
};

/** The pad's final code and the board's elements as Excalidraw stores them, deleted ones left out. */
export interface WorkspaceExport {
  pad: string;
  board: ExportedBoardElement[];
}

export interface ExportedBoardElement {
  id: string;
  type: string;
  [field: string]: unknown;
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/**
 * An offset into the round in whole seconds, the one rounding every view of an offset uses: cut
 * down, so a moment never reads as later than it was (1:29.6 is 1:29 everywhere).
 */
export const offsetSeconds = (ms: number): number =>
  Number.isFinite(ms) ? Math.max(0, Math.floor(ms / 1000)) : 0;

/** An offset into the round as m:ss; minutes keep counting past the hour (60:00, 61:30). */
export function formatOffset(ms: number): string {
  const seconds = offsetSeconds(ms);
  return `${Math.floor(seconds / 60)}:${pad(seconds % 60)}`;
}

const DAY_MS = 86_400_000;

// Howard Hinnant's days-to-civil conversion for the proleptic Gregorian calendar: the domain
// may not construct a Date, so epoch days become a calendar date by arithmetic.
function civilFromDays(daysSinceEpoch: number): { year: number; month: number; day: number } {
  const z = daysSinceEpoch + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1_460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Epoch milliseconds as "YYYY-MM-DD HH:MM UTC". */
export function formatUtc(ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  const minuteOfDay = Math.floor((ms - days * DAY_MS) / 60_000);
  const { year, month, day } = civilFromDays(days);
  const time = `${pad(Math.floor(minuteOfDay / 60))}:${pad(minuteOfDay % 60)}`;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)} ${time} UTC`;
}

// `&` only where it would start an entity; a plain "Delivery & product" stays as written.
const MARKDOWN_SIGNIFICANT = /[\\`*_[\]<>|#~]|&(?=#?\w+;)/g;

/**
 * Any text as one inert line of Markdown: newlines fold to spaces, so it cannot start a heading,
 * a list or a new table row, and every character that could open emphasis, code, a link, HTML or
 * a table cell is backslash-escaped. Every string a user wrote passes through here.
 */
const text = (value: string): string =>
  value
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .trim()
    .replace(MARKDOWN_SIGNIFICANT, (character) => `\\${character}`);

const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
const table = (head: readonly string[], rows: readonly (readonly string[])[]): string[] => [
  row(head),
  row(head.map(() => '---')),
  ...rows.map(row),
];

const SEVERITY_LABELS: Record<Severity, string> = {
  risk: 'Risk',
  concern: 'Concern',
  note: 'Note',
};

const POLARITY_LABELS = { strong: 'Strong', weak: 'Weak' } as const;

const scoreCell = (signal: SignalFeedback): string =>
  signal.score === null ? 'Not scored' : `${signal.score} (${text(signal.scoreLabel ?? '')})`;

const direction = (difference: number): string =>
  `${Math.abs(difference)} ${difference > 0 ? 'higher' : 'lower'}`;

/** How the candidate's own score sits against the interviewer's, in words. */
function gapCell(signal: SignalFeedback, gaps: readonly SelfGap[]): string {
  if (signal.score === null || signal.selfScore === null) return '—';
  const difference = signal.selfScore - signal.score;
  if (difference === 0) return 'Agrees';
  const misjudged = gaps.some((gap) => gap.signal === signal.signal);
  return misjudged ? `⚠ Misjudged: ${direction(difference)}` : `Self ${direction(difference)}`;
}

function header(doc: FeedbackDocument): string[] {
  const title = doc.promptTitle
    ? `${text(doc.roundType.name)}: ${text(doc.promptTitle)}`
    : text(doc.roundType.name);
  const facts = [
    `Session ${text(doc.sessionId)}`,
    `Time on the clock ${formatOffset(doc.elapsedMs)}`,
    ...(doc.endedAt === null ? [] : [`Ended ${formatUtc(doc.endedAt)}`]),
    `Generated ${formatUtc(doc.generatedAt)}`,
  ];
  return [`# Feedback — ${title}`, '', facts.join(' · ')];
}

// A document stored before summaries existed has no key at all, hence the loose check.
const summarySection = ({ summary }: FeedbackDocument): string[] => [
  '## From your interviewer',
  '',
  ...(!summary
    ? ['Your interviewer wrote no summary for this round.']
    : [
        // Blank lines keep the paragraphs the interviewer wrote; each is still one inert line.
        ...summary.text.split(/\n\s*\n/).flatMap((paragraph) => [text(paragraph), '']),
        `**One thing to practise next:** ${text(summary.practiseNext)}`,
      ]),
];

const readingSection = (doc: FeedbackDocument): string[] => [
  '## Overall reading',
  '',
  `**${VERDICT_LABELS[doc.reading.verdict]}**`,
  '',
  ...doc.reading.reasons.map((reason) => `- ${text(reason)}`),
];

const signalTable = (doc: FeedbackDocument): string[] => [
  '## The seven signals',
  '',
  ...table(
    ['Signal', 'Layer', 'Interviewer', 'Self', 'Gap'],
    doc.signals.map((signal) => [
      text(signal.name),
      signal.layer,
      scoreCell(signal),
      signal.selfScore === null ? '—' : String(signal.selfScore),
      gapCell(signal, doc.selfAssessment.gaps),
    ]),
  ),
  '',
  `Gap: your self-score against the interviewer's; ⚠ marks a gap of ${MISJUDGED_GAP} or more.`,
];

function signalSection(signal: SignalFeedback): string[] {
  const score =
    signal.score === null
      ? '**Interviewer: not scored.**'
      : `**Interviewer: ${signal.score}, ${text(signal.scoreLabel ?? '')}.**`;
  const self = signal.selfScore === null ? '' : ` Your score: ${signal.selfScore}.`;
  return [
    `### ${text(signal.name)} (${signal.layer})`,
    '',
    score + self,
    ...(signal.descriptor === null ? [] : ['', `Rubric: ${text(signal.descriptor)}`]),
    '',
    ...(signal.evidence.length === 0
      ? ['No evidence was recorded.']
      : table(
          ['Time', 'Reading', 'Evidence'],
          signal.evidence.map((item) => [
            formatOffset(item.offsetMs),
            POLARITY_LABELS[item.polarity],
            text(item.note),
          ]),
        )),
  ];
}

const signalSections = (doc: FeedbackDocument): string[] => [
  '## Signal by signal',
  ...doc.signals.flatMap((signal) => ['', ...signalSection(signal)]),
];

const hiddenSection = (doc: FeedbackDocument): string[] => [
  '## Hidden signals',
  '',
  ...(doc.hiddenSignals.length === 0
    ? ['None: every signal this round expects showed some evidence.']
    : [
        'Expected by this round, but no evidence of them was recorded:',
        '',
        ...doc.hiddenSignals.map((hidden) => `- ${text(hidden.name)} (${hidden.layer})`),
      ]),
];

function auditSection(audit: readonly AuditEntry[]): string[] {
  const heard = (entry: AuditEntry) =>
    entry.visibleInSessionId === null
      ? 'Not yet'
      : `Yes, in session ${text(entry.visibleInSessionId)}`;
  return [
    '## Your audit',
    '',
    ...(audit.length === 0
      ? ['You wrote no audit entries for this round.']
      : [
          'Decisions you had in mind in this round and never said:',
          '',
          ...table(
            ['Signal', 'Moment', 'What you had in mind', 'Heard in a later mock'],
            audit.map((entry) => [
              text(signalById(entry.signal).name),
              entry.offsetMs === null ? '—' : formatOffset(entry.offsetMs),
              text(entry.sentence),
              heard(entry),
            ]),
          ),
        ]),
  ];
}

// Shown, as on the feedback page, only when the round had something to watch for.
function sheetSection(sheet: SheetFeedback): string[] {
  return [
    `## ${text(sheet.title)}`,
    '',
    sheet.neverWritten.length === 0
      ? 'Every section was written down.'
      : `Never written down: ${sheet.neverWritten.map(text).join(', ')}.`,
    ...sheet.sections.flatMap((section) => [
      '',
      `### ${text(section.label)}`,
      '',
      ...(section.text.trim() === ''
        ? ['*Never written down.*']
        : section.text
            .trim()
            .split('\n')
            .map((line) => `> ${text(line)}`)),
    ]),
  ];
}

function watchForSection(items: NonNullable<FeedbackDocument['watchFor']>): string[] {
  const heard = items.filter((item) => item.seenAtMs !== null).length;
  return [
    '## From your audits: what became visible',
    '',
    `${heard} of ${items.length} decisions you audited after earlier rounds were heard this time.`,
    '',
    ...table(
      ['Signal', 'Decision', 'This round', 'Audited in'],
      items.map((item) => [
        text(item.name),
        text(item.intent),
        item.seenAtMs === null ? 'Not heard' : `Visible at ${formatOffset(item.seenAtMs)}`,
        `Session ${text(item.fromSessionId)}`,
      ]),
    ),
  ];
}

const findingsSection = (doc: FeedbackDocument): string[] => [
  '## Rule findings',
  '',
  ...(doc.findings.length === 0
    ? ['No rule raised a finding.']
    : doc.findings.map(
        (finding) =>
          `- **${SEVERITY_LABELS[finding.severity]}** (${finding.rule}): ${text(finding.message)}`,
      )),
];

const movesSection = (doc: FeedbackDocument): string[] => [
  '## Communication moves',
  '',
  '### Seen',
  '',
  ...(doc.moves.seen.length === 0
    ? ['None of the moves was marked.']
    : doc.moves.seen.map(
        (move) => `- ${text(move.name)}, at ${move.offsetsMs.map(formatOffset).join(', ')}`,
      )),
  '',
  '### Missed',
  '',
  ...(doc.moves.missed.length === 0
    ? ['None: every move was heard.']
    : doc.moves.missed.map((move) => `- **${text(move.name)}**: ${text(move.description)}`)),
];

const flagsSection = (doc: FeedbackDocument): string[] => [
  '## Flagged patterns',
  '',
  ...(doc.flags.length === 0
    ? ['No failure pattern was flagged.']
    : doc.flags.flatMap((flag) => [
        `- ${formatOffset(flag.offsetMs)} — **${text(flag.name)}**`,
        `  - What it means: ${text(flag.meaning)}`,
        `  - Instead: ${text(flag.instead)}`,
      ])),
];

const phasesSection = (doc: FeedbackDocument): string[] => [
  '## Phases',
  '',
  ...(doc.phases.length === 0
    ? ['No phases were marked.']
    : doc.phases.map((phase) => `- ${formatOffset(phase.offsetMs)} — ${text(phase.name)}`)),
];

function selfAssessmentSection(doc: FeedbackDocument): string[] {
  const { submitted, note, gaps } = doc.selfAssessment;
  if (!submitted) {
    return [
      '## Self-assessment',
      '',
      'No self-assessment was submitted, so there is nothing to compare.',
    ];
  }
  const name = (gap: SelfGap) =>
    text(doc.signals.find((signal) => signal.signal === gap.signal)?.name ?? gap.signal);
  return [
    '## Self-assessment',
    '',
    ...(note.trim() === '' ? [] : [`**Your note:** ${text(note)}`, '']),
    ...(gaps.length === 0
      ? [`Wherever you and the interviewer both scored, no gap reached ${MISJUDGED_GAP} points.`]
      : [
          `Where you misjudged (a gap of ${MISJUDGED_GAP} or more):`,
          '',
          ...gaps.map(
            (gap) =>
              `- ${name(gap)}: you gave ${gap.self}, the interviewer ${gap.interviewer} ` +
              `(${direction(gap.difference)})`,
          ),
        ]),
  ];
}

const drillsSection = (doc: FeedbackDocument): string[] => [
  '## Recommended drills',
  ...(doc.drills.length === 0
    ? ['', 'None: no signal scored low and no expected signal stayed hidden.']
    : doc.drills.flatMap((drill, index) => [
        '',
        `### ${index + 1}. ${text(drill.name)}`,
        '',
        text(drill.description),
        '',
        `*Why:* ${text(drill.reason)}`,
        '',
        ...drill.steps.map((step, number) => `${number + 1}. ${text(step)}`),
      ])),
];

const seconds = (ms: number): string => `${Math.round(ms / 1000)} s`;

// Measured, not judged: the section says what the meter saw and leaves the reading to people.
function communicationSection(talk: TalkTime): string[] {
  const stretch = talk.longestStretch;
  const silences = talk.silences.map(
    (silence) => `${formatOffset(silence.startMs)}–${formatOffset(silence.endMs)}`,
  );
  return [
    '## Talk-time',
    '',
    'Measured from each microphone in the call, not from words: evidence to weigh, not a score.',
    '',
    ...table(
      ['Person', 'Role', 'Spoke', 'Share'],
      talk.people.map((person) => [
        text(person.displayName),
        ROLE_LABELS[person.role],
        formatOffset(person.spokeMs),
        `${Math.round(person.share * 100)}%`,
      ]),
    ),
    '',
    stretch
      ? `Longest stretch the candidate spoke without a pause for the interviewer: ${seconds(stretch.endMs - stretch.startMs)}, from ${formatOffset(stretch.startMs)}.`
      : 'The candidate did not speak in the call.',
    '',
    silences.length === 0
      ? 'No silence of a minute or more.'
      : `Silences of a minute or more: ${silences.join(', ')}.`,
    ...(talk.moves.length === 0
      ? []
      : [
          '',
          ...table(
            ['Move marked', 'At', 'Candidate spoke, minute before', 'Interviewer spoke'],
            talk.moves.map((move) => [
              text(move.name),
              formatOffset(move.offsetMs),
              seconds(move.candidateMs),
              seconds(move.interviewerMs),
            ]),
          ),
        ]),
  ];
}

/**
 * The feedback as a Markdown report the candidate can keep: the interviewer's summary and one
 * thing to practise next, the reading, the seven signals with their evidence, what stayed
 * hidden, the round's sheet and what it never wrote down, the call's talk-time, the candidate's audit (when the export carries it) and which earlier audit items this
 * round heard, the moves and patterns, the self-assessment and the drills. Pure: times are
 * formatted from the document, never read from a clock.
 */
export function feedbackToMarkdown(doc: FeedbackExport): string {
  const watchFor = doc.watchFor ?? [];
  const sections = [
    header(doc),
    summarySection(doc),
    readingSection(doc),
    signalTable(doc),
    signalSections(doc),
    hiddenSection(doc),
    ...(doc.sheet ? [sheetSection(doc.sheet)] : []),
    ...(doc.communication ? [communicationSection(doc.communication)] : []),
    ...(doc.audit === undefined ? [] : [auditSection(doc.audit)]),
    ...(watchFor.length === 0 ? [] : [watchForSection(watchFor)]),
    findingsSection(doc),
    movesSection(doc),
    flagsSection(doc),
    phasesSection(doc),
    selfAssessmentSection(doc),
    drillsSection(doc),
  ];
  return `${sections.map((lines) => lines.join('\n')).join('\n\n')}\n`;
}
