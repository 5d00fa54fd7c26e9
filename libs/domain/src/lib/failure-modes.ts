import type { FailureMode } from './model';

export const FAILURE_MODES: readonly FailureMode[] = [
  {
    id: 'solved-before-clarifying',
    name: 'Solved before clarifying',
    description:
      'Jumped into code or a design before establishing requirements, scale or constraints, so later work rests on unchecked guesses.',
    meaning:
      'An interviewer reads it as building on guesses: however good the solution, they cannot credit your framing, and every later choice looks unchecked.',
    instead:
      'Spend the first minutes on questions about scale, constraints and what done means, then say the assumptions you will work from before you draw or type.',
    signals: ['framing', 'delivery'],
  },
  {
    id: 'signal-bloat',
    name: 'Signal bloat',
    description:
      'Tried to show every signal in every answer, padding a focused question with unrequested detours into leadership, cost or roadmap.',
    meaning:
      'Padding reads as not knowing what the question asks: the interviewer has to dig for the answer, and the signals the round measures get less of your time.',
    instead:
      'Answer the question in front of you first, in a few sentences, and offer a detour only in one line the interviewer can take up or leave.',
    signals: ['communication', 'framing'],
  },
  {
    id: 'wrong-altitude',
    name: 'Wrong altitude',
    description:
      'Answered at the wrong level for the round: drew services and queues when asked to write a function, or wrote code line by line when asked for a system design.',
    meaning:
      'It tells the interviewer you did not read what the round measures, so what you showed was not what they came to score.',
    instead:
      'Name the level before you start (function, module or system) and check it with the interviewer if unsure; move up or down only when they ask.',
    signals: ['coding', 'architecture', 'framing'],
  },
  {
    id: 'production-as-checklist',
    name: 'Production as a checklist',
    description:
      'Left monitoring, security, failure and cost to a rushed list at the end instead of letting them shape decisions along the way.',
    meaning:
      'A list at the end reads as remembered words rather than judgment: nothing shows the risks shaped your design, so production judgment scores low.',
    instead:
      'Bring failure, monitoring, security or cost in at the moment a choice depends on it, and say how it changed the choice.',
    signals: ['production', 'architecture'],
  },
  {
    id: 'leadership-without-substance',
    name: 'Leadership without substance',
    description:
      'Told a story about leading or influencing people that contained no technical decision, no risk taken on and no outcome.',
    meaning:
      'A story with no decision, risk or outcome in it gives the interviewer nothing to score: it sounds like being nearby while others led.',
    instead:
      'Tell the story around one decision you made: what you weighed, the risk you took on, who you had to bring along and what changed because of it.',
    signals: ['leadership', 'delivery'],
  },
  {
    id: 'talked-without-progress',
    name: 'Talked without progress',
    description:
      'Kept talking throughout but reached no decision, code or conclusion; words filled the time without moving the answer forward.',
    meaning:
      'Talk that reaches no decision reads as being stuck: the interviewer hears activity but cannot point to a step forward.',
    instead:
      'Every few minutes, close a step out loud: say what you decided, what it means, and what you will do next.',
    signals: ['communication', 'framing', 'delivery'],
  },
  {
    id: 'ignored-hint',
    name: 'Ignored a hint',
    description:
      'Continued down the same path after the interviewer offered a hint or pointed out an error, with no visible change in approach.',
    meaning:
      'Missing a hint reads as not listening, and it weighs more than the mistake it pointed at: interviewers watch for how you take in new information.',
    instead:
      'When the interviewer questions or hints, stop, repeat it back in your own words, and say how it changes your next step before you go on.',
    signals: ['communication', 'coding', 'architecture'],
  },
  {
    id: 'defensive-when-challenged',
    name: 'Defensive when challenged',
    description:
      'Responded to a question about a choice by arguing, deflecting or dismissing it rather than examining whether the challenge had a point.',
    meaning:
      'Arguing back reads as brittle: interviewers push to see how you weigh a new point, not whether you can win the exchange.',
    instead:
      'Treat a challenge as a question worth a minute: say what it gets right, weigh it against your choice, and change course or say why you would not.',
    signals: ['communication', 'leadership'],
  },
];

export const FLOOR_BEHAVIOURS: readonly string[] = [
  'Explains reasoning in an order the interviewer can follow and checks that it landed.',
  'Says plainly what they do not know or are guessing, rather than bluffing.',
  'Takes in a hint or correction and visibly changes course within the next step.',
];
