import type { Drill } from './model';
import { RESTRAINT_PROMPT_IDS } from './model';

export const DRILLS: readonly Drill[] = [
  {
    id: 'round-to-signal-map',
    name: 'Round-to-signal map',
    description:
      'Build a one-page map of the loop ahead so that in each round you know which signals are being sampled and which behavior shows each of them.',
    steps: [
      "List every round in the upcoming loop, using the recruiter's schedule if you have it.",
      'Next to each round, write its primary and secondary signals.',
      'For each of those signals, write one concrete thing you will say or do that makes it visible in that round.',
      'Mark the signals that appear in only one round; those rounds carry all the evidence for them.',
      'Read the map aloud the day before and once more right before each round.',
    ],
    signals: ['framing', 'architecture', 'delivery', 'communication'],
    counters: ['solved-before-clarifying', 'wrong-altitude'],
    minutes: 20,
    answerSeconds: null,
    promptIds: [],
  },
  {
    id: 'hidden-signal-audit',
    name: 'Hidden-signal audit',
    description:
      'Go back over a recorded or remembered answer, find where a decision was made silently, and write the one or two sentences that would have made it visible.',
    steps: [
      'Replay the answer or read its transcript and timestamp every point where you made a choice.',
      'For each choice, check whether you said the reason out loud; mark the silent ones.',
      'Write only the missing decision sentences, one or two each, without rewriting the whole answer.',
      'Attach each sentence to the signal it would have shown.',
      'In the next mock, say those sentences at the same moments and check the scorecard for them.',
    ],
    signals: ['communication', 'production', 'architecture', 'coding'],
    counters: ['production-as-checklist', 'ignored-hint'],
    minutes: 25,
    answerSeconds: null,
    promptIds: [],
  },
  {
    id: 'signal-balanced-story',
    name: 'Signal-balanced project story',
    description:
      'Turn one real project into a short answer that gives evidence for every signal without letting any of them take over.',
    steps: [
      'Pick a project where you personally made decisions that mattered.',
      'Write exactly one sentence per signal, each naming something you decided, built, tested or learned.',
      'Order the sentences into a story with a clear start, turning point and measured result.',
      'Deliver it aloud in three minutes with a timer, then note which sentences you dropped or blurred.',
    ],
    signals: ['leadership', 'delivery', 'architecture', 'production', 'communication'],
    counters: ['leadership-without-substance'],
    minutes: 30,
    answerSeconds: 180,
    promptIds: [],
  },
  {
    id: 'primary-signal-restraint',
    name: 'Primary-signal restraint',
    description:
      'Practice short answers that serve the round in front of you, cutting material that does not feed its primary or natural secondary signals.',
    steps: [
      'Choose a round type and note its primary and secondary signals.',
      'Answer a prompt for that round aloud in two minutes and record it.',
      'Tag each sentence with the signal it supports, or mark it as serving none.',
      'Cut every untagged sentence and any tangent into signals the round does not sample.',
      'Give the trimmed answer again and compare the two recordings for clarity and pace.',
    ],
    signals: ['communication', 'framing', 'coding'],
    counters: ['signal-bloat', 'talked-without-progress'],
    minutes: 15,
    answerSeconds: 120,
    promptIds: RESTRAINT_PROMPT_IDS,
  },
];
