// Checks for the drills you do on their own pages. Each takes what you wrote and says, in plain
// words to you, how it compares with the catalogue; none of them reads a clock (elapsed time
// arrives with the input).
import { layerOf, roundTypeById, signalById } from './catalog';
import type { RoundTypeId, SignalId } from './model';
import { SIGNAL_IDS } from './model';
import { promptById } from './prompts';

// ---- Word overlap -------------------------------------------------------------------------

// Words that carry no meaning of their own: a sentence is recognised by the rest.
const STOP_WORDS = new Set(
  (
    'the and but for with from into onto about than then that this these those there their ' +
    'they them was were been being are have has had did does doing not nor our ours your you ' +
    'she her his him its who whom what when where which while why how all any each both also ' +
    'very just only can could would should will shall may might must one out off over under ' +
    'again once because before after until some such own same too more most other'
  ).split(' '),
);

/** One form for a word and its plain inflections, so "cached", "caches" and "caching" meet. */
function stem(word: string): string {
  if (/ie[sd]$/.test(word) && word.length > 4) return `${word.slice(0, -3)}y`;
  for (const suffix of ['ing', 'ed', 'es', 'e', 's']) {
    if (suffix === 's' && word.endsWith('ss')) continue;
    if (word.endsWith(suffix) && word.length - suffix.length >= 3)
      return word.slice(0, -suffix.length);
  }
  return word;
}

/** The words of a text that carry its meaning, as written: three letters or more, no function words. */
const meaningfulWords = (text: string): string[] =>
  (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter(
    (word) => word.length >= 3 && !STOP_WORDS.has(word),
  );

/** A text's meaningful words as stems, once each, in the order they first appear. */
export const contentWords = (text: string): string[] => [
  ...new Set(meaningfulWords(text).map(stem)),
];

export interface Overlap {
  /** The sentence's meaningful words (as first written) whose stem is in the other text. */
  found: string[];
  /** Those whose stem is not. */
  missing: string[];
  /** found / all meaningful words of the sentence; 0 for a sentence with none. */
  share: number;
}

export function overlapOf(sentence: string, text: string): Overlap {
  const present = new Set(contentWords(text));
  const byStem = new Map<string, string>();
  for (const word of meaningfulWords(sentence))
    if (!byStem.has(stem(word))) byStem.set(stem(word), word);
  const words = [...byStem];
  const found = words.filter(([key]) => present.has(key)).map(([, word]) => word);
  const missing = words.filter(([key]) => !present.has(key)).map(([, word]) => word);
  return { found, missing, share: words.length === 0 ? 0 : found.length / words.length };
}

/** A sentence made it into an answer when at least half of its content words are in it. */
export const MADE_IT_SHARE = 0.5;

/** An answer as sentences, for marking one by one: split after . ! or ? and at line breaks. */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((sentence) => sentence.trim())
    .filter(Boolean);
}

export const wordCount = (text: string): number => text.split(/\s+/).filter(Boolean).length;

const quote = (text: string, max = 60): string =>
  `“${text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text}”`;

const nameOf = (signal: SignalId): string => signalById(signal).name.toLowerCase();

const listOf = (signals: readonly SignalId[]): string => {
  const names = signals.map(nameOf);
  if (names.length < 2) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
};

// ---- Round-to-signal map ------------------------------------------------------------------

export interface MappedSignal {
  signal: SignalId;
  /** What you will say or do in the round that makes the signal visible. */
  behaviour: string;
}

export interface MappedRound {
  roundType: RoundTypeId;
  primary: MappedSignal;
  secondary: readonly [MappedSignal, MappedSignal];
}

export interface SignalMap {
  /** The company whose loop this is. */
  company: string;
  rounds: readonly MappedRound[];
  elapsedSeconds: number;
}

export type MapFindingKind =
  | 'as-catalogue'
  | 'primary-is-secondary'
  | 'secondary-is-primary'
  | 'floor-only'
  | 'unsampled'
  | 'missed-primary'
  | 'behaviour-off-catalogue';

export interface MapFinding {
  kind: MapFindingKind;
  signal: SignalId;
  /** Whether you and the catalogue agree on this point. */
  agrees: boolean;
  explanation: string;
}

export interface RoundCheck {
  roundType: RoundTypeId;
  findings: MapFinding[];
}

export interface MapCheck {
  rounds: RoundCheck[];
  /** Signals you placed in the layer the catalogue gives them, out of all you listed. */
  placed: number;
  listed: number;
  /** Signals your map names in one round only: that round carries all the evidence for them. */
  singleRound: SignalId[];
  /** Signals your map never names. */
  absent: SignalId[];
}

function placementOf(roundType: RoundTypeId, mapped: SignalId, as: 'primary' | 'secondary') {
  const round = roundTypeById(roundType);
  const name = signalById(mapped).name;
  const finding = (kind: MapFindingKind, agrees: boolean, explanation: string): MapFinding => ({
    kind,
    signal: mapped,
    agrees,
    explanation,
  });
  const inPrimary = round.primary.includes(mapped);
  const inSecondary = round.secondary.includes(mapped);
  if (as === 'primary' ? inPrimary : inSecondary)
    return finding(
      'as-catalogue',
      true,
      `${name} is ${as} in a ${round.name.toLowerCase()}, as you have it.`,
    );
  if (as === 'primary' && inSecondary)
    return finding(
      'primary-is-secondary',
      false,
      `You put ${nameOf(mapped)} first, but the catalogue treats it as secondary here: the round exists to measure ${listOf(round.primary)}. Give it supporting evidence, not the bulk of your time.`,
    );
  if (as === 'secondary' && inPrimary)
    return finding(
      'secondary-is-primary',
      false,
      `${name} is a primary signal of this round, not a secondary one: plan to spend more of the round showing it than you had in mind.`,
    );
  if (layerOf(round, mapped) === 'floor')
    return finding(
      'floor-only',
      false,
      `${name} is a floor here: it is watched in every round for the minimum, but this round does not sample it beyond that. A slot spent on ${listOf(round.secondary)} would earn more.`,
    );
  return finding(
    'unsampled',
    false,
    `A ${round.name.toLowerCase()} does not sample ${nameOf(mapped)}; evidence for it here will barely count. Its primary signals are ${listOf(round.primary)} and its secondary ${listOf(round.secondary)}.`,
  );
}

/** Your behaviour is compared with the catalogue's strong ones; the closest is offered back. */
function behaviourFinding({ signal, behaviour }: MappedSignal): MapFinding | null {
  const strong = signalById(signal).strong;
  const closest = strong
    .map((example) => ({ example, share: overlapOf(example, behaviour).share }))
    .reduce((best, next) => (next.share > best.share ? next : best));
  if (closest.share > 0) return null;
  return {
    kind: 'behaviour-off-catalogue',
    signal,
    agrees: false,
    explanation: `A hint, not a mistake: what you wrote for ${nameOf(signal)} shares no words with the catalogue's strong behaviours for it. Check that an interviewer could see it happen; one the catalogue lists: ${quote(strong[0] ?? '', 200)}`,
  };
}

export function checkSignalMap(map: SignalMap): MapCheck {
  const rounds = map.rounds.map((mapped): RoundCheck => {
    const listed = [mapped.primary, ...mapped.secondary];
    const placements = [
      placementOf(mapped.roundType, mapped.primary.signal, 'primary'),
      ...mapped.secondary.map((entry) => placementOf(mapped.roundType, entry.signal, 'secondary')),
    ];
    const listedIds = listed.map((entry) => entry.signal);
    const round = roundTypeById(mapped.roundType);
    const missed = round.primary
      .filter((signal) => !listedIds.includes(signal))
      .map((signal): MapFinding => ({
        kind: 'missed-primary',
        signal,
        agrees: false,
        explanation: `You left out ${nameOf(signal)}, which a ${round.name.toLowerCase()} exists to measure.`,
      }));
    const behaviours = listed.flatMap((entry) => behaviourFinding(entry) ?? []);
    return { roundType: mapped.roundType, findings: [...placements, ...missed, ...behaviours] };
  });
  const placements = rounds.flatMap((round) =>
    round.findings.filter(
      (finding) => finding.kind !== 'missed-primary' && finding.kind !== 'behaviour-off-catalogue',
    ),
  );
  const roundsNaming = (signal: SignalId) =>
    map.rounds.filter((round) =>
      [round.primary, ...round.secondary].some((entry) => entry.signal === signal),
    ).length;
  return {
    rounds,
    placed: placements.filter((finding) => finding.agrees).length,
    listed: placements.length,
    singleRound: SIGNAL_IDS.filter((signal) => roundsNaming(signal) === 1),
    absent: SIGNAL_IDS.filter((signal) => roundsNaming(signal) === 0),
  };
}

// ---- Signal-balanced project story --------------------------------------------------------

export type StoryAnswer =
  | { mode: 'typed'; text: string }
  /** Spoken to a peer: you (or they) tick the sentences that were said. */
  | { mode: 'spoken'; said: readonly SignalId[] };

export interface SignalStory {
  project: string;
  /** One sentence per signal, each something you decided, built, tested or learned. */
  sentences: Readonly<Record<SignalId, string>>;
  answer: StoryAnswer;
  elapsedSeconds: number;
}

export interface SentenceCheck {
  signal: SignalId;
  sentence: string;
  madeIt: boolean;
  /** For a typed answer: the sentence's words found in it and those not. */
  overlap: Overlap | null;
  explanation: string;
}

export interface StoryCheck {
  sentences: SentenceCheck[];
  /** The signals whose sentence did not make it into the answer. */
  dropped: SignalId[];
}

function typedSentence(signal: SignalId, sentence: string, answer: string): SentenceCheck {
  const overlap = overlapOf(sentence, answer);
  const total = overlap.found.length + overlap.missing.length;
  const madeIt = total > 0 && overlap.share >= MADE_IT_SHARE;
  const explanation =
    total === 0
      ? 'This sentence has no words that carry meaning, so it could not be looked for.'
      : madeIt
        ? `${overlap.found.length} of its ${total} key words are in your answer.`
        : `Only ${overlap.found.length} of its ${total} key words are in your answer; missing: ${overlap.missing.join(', ')}.`;
  return { signal, sentence, madeIt, overlap, explanation };
}

export function checkStory(story: SignalStory): StoryCheck {
  const { answer } = story;
  const sentences = SIGNAL_IDS.map((signal): SentenceCheck => {
    const sentence = story.sentences[signal];
    if (answer.mode === 'typed') return typedSentence(signal, sentence, answer.text);
    const madeIt = answer.said.includes(signal);
    return {
      signal,
      sentence,
      madeIt,
      overlap: null,
      explanation: madeIt ? 'You marked it as said.' : 'You did not mark it as said.',
    };
  });
  return {
    sentences,
    dropped: sentences.filter((check) => !check.madeIt).map((check) => check.signal),
  };
}

// ---- Primary-signal restraint -------------------------------------------------------------

export interface MarkedSentence {
  text: string;
  /** The signal you say the sentence serves; null where you cut it. */
  serves: SignalId | null;
}

export interface RestraintAnswer {
  promptId: string;
  sentences: readonly MarkedSentence[];
  elapsedSeconds: number;
}

export interface RestraintRun {
  answers: readonly RestraintAnswer[];
}

export interface AnswerCheck {
  promptId: string;
  roundType: RoundTypeId;
  kept: MarkedSentence[];
  cut: MarkedSentence[];
  /** Kept sentences you tied to a signal the round does not sample: worth cutting too. */
  offRound: MarkedSentence[];
  wordsBefore: number;
  wordsAfter: number;
  /** Primary signals of the round no kept sentence serves. */
  unserved: SignalId[];
  notes: string[];
}

export function checkRestraintAnswer(answer: RestraintAnswer): AnswerCheck {
  const prompt = promptById(answer.promptId);
  if (!prompt) throw new Error(`no bank prompt ${answer.promptId}`);
  const round = roundTypeById(prompt.roundType);
  const roundName = round.name.toLowerCase();
  const kept = answer.sentences.filter((sentence) => sentence.serves !== null);
  const cut = answer.sentences.filter((sentence) => sentence.serves === null);
  const offRound = kept.filter(
    (sentence) => sentence.serves !== null && layerOf(round, sentence.serves) === 'unsampled',
  );
  const words = (sentences: readonly MarkedSentence[]) =>
    sentences.reduce((sum, sentence) => sum + wordCount(sentence.text), 0);
  const wordsBefore = words(answer.sentences);
  const wordsAfter = words(kept);
  const unserved = round.primary.filter(
    (signal) => !kept.some((sentence) => sentence.serves === signal),
  );
  const notes = [
    cut.length === 0
      ? 'You cut nothing: every sentence, by your marking, served the round.'
      : `You cut ${cut.length} of ${answer.sentences.length} sentences, ${wordsBefore - wordsAfter} of ${wordsBefore} words.`,
    ...offRound.map(
      (sentence) =>
        `You kept ${quote(sentence.text)} for ${nameOf(sentence.serves ?? 'communication')}, which a ${roundName} does not sample: cut it as well.`,
    ),
    ...unserved.map(
      (signal) =>
        `Nothing you kept shows ${nameOf(signal)}, a primary signal of a ${roundName}: the trimmed answer needs a sentence for it.`,
    ),
  ];
  return {
    promptId: answer.promptId,
    roundType: prompt.roundType,
    kept,
    cut,
    offRound,
    wordsBefore,
    wordsAfter,
    unserved,
    notes,
  };
}

export const checkRestraint = (run: RestraintRun): AnswerCheck[] =>
  run.answers.map(checkRestraintAnswer);

// ---- Saved results ------------------------------------------------------------------------

export type DrillResultInput =
  | { drill: 'round-to-signal-map'; payload: SignalMap }
  | { drill: 'signal-balanced-story'; payload: SignalStory }
  | { drill: 'primary-signal-restraint'; payload: RestraintRun };

/** One line for a list of past results. */
export function summariseDrillResult(result: DrillResultInput): string {
  switch (result.drill) {
    case 'round-to-signal-map': {
      const check = checkSignalMap(result.payload);
      return `${result.payload.company}: ${check.placed} of ${check.listed} signals placed as the catalogue has them.`;
    }
    case 'signal-balanced-story': {
      const { dropped } = checkStory(result.payload);
      return `${result.payload.project}: ${SIGNAL_IDS.length - dropped.length} of ${SIGNAL_IDS.length} sentences made it into the answer.`;
    }
    case 'primary-signal-restraint': {
      const checks = checkRestraint(result.payload);
      const cut = checks.reduce((sum, check) => sum + check.cut.length, 0);
      const total = checks.reduce((sum, check) => sum + check.kept.length + check.cut.length, 0);
      return `${checks.length} ${checks.length === 1 ? 'answer' : 'answers'}: you cut ${cut} of ${total} sentences.`;
    }
  }
}
