import type { FailureMode } from './model';

export const FAILURE_MODES: readonly FailureMode[] = [
  {
    id: 'solved-before-clarifying',
    name: 'Solved before clarifying',
    description:
      'Jumped into code or a design before establishing requirements, scale or constraints, so later work rests on unchecked guesses.',
    signals: ['framing', 'delivery'],
  },
  {
    id: 'signal-bloat',
    name: 'Signal bloat',
    description:
      'Tried to show every signal in every answer, padding a focused question with unrequested detours into leadership, cost or roadmap.',
    signals: ['communication', 'framing'],
  },
  {
    id: 'wrong-altitude',
    name: 'Wrong altitude',
    description:
      'Answered at the wrong level for the round: drew services and queues when asked to write a function, or wrote code line by line when asked for a system design.',
    signals: ['coding', 'architecture', 'framing'],
  },
  {
    id: 'production-as-checklist',
    name: 'Production as a checklist',
    description:
      'Left monitoring, security, failure and cost to a rushed list at the end instead of letting them shape decisions along the way.',
    signals: ['production', 'architecture'],
  },
  {
    id: 'leadership-without-substance',
    name: 'Leadership without substance',
    description:
      'Told a story about leading or influencing people that contained no technical decision, no risk taken on and no outcome.',
    signals: ['leadership', 'delivery'],
  },
  {
    id: 'talked-without-progress',
    name: 'Talked without progress',
    description:
      'Kept talking throughout but reached no decision, code or conclusion; words filled the time without moving the answer forward.',
    signals: ['communication', 'framing', 'delivery'],
  },
  {
    id: 'ignored-hint',
    name: 'Ignored a hint',
    description:
      'Continued down the same path after the interviewer offered a hint or pointed out an error, with no visible change in approach.',
    signals: ['communication', 'coding', 'architecture'],
  },
  {
    id: 'defensive-when-challenged',
    name: 'Defensive when challenged',
    description:
      'Responded to a question about a choice by arguing, deflecting or dismissing it rather than examining whether the challenge had a point.',
    signals: ['communication', 'leadership'],
  },
];

export const FLOOR_BEHAVIOURS: readonly string[] = [
  'Explains reasoning in an order the interviewer can follow and checks that it landed.',
  'Says plainly what they do not know or are guessing, rather than bluffing.',
  'Takes in a hint or correction and visibly changes course within the next step.',
];
