import type { RoundType } from './model';

export const ROUND_TYPES: readonly RoundType[] = [
  {
    id: 'recruiter-screen',
    name: 'Recruiter screen',
    summary:
      'A short call that checks whether the candidate can describe their recent impact clearly and whether the role fits their scope.',
    primary: ['communication', 'delivery'],
    secondary: ['framing', 'leadership'],
    floor: ['communication'],
    defaultMinutes: 30,
    phases: [
      { id: 'career-summary', name: 'Two-minute career summary', signals: ['communication'] },
      {
        id: 'recent-impact',
        name: 'Recent work tied to outcomes',
        signals: ['delivery', 'communication'],
      },
      {
        id: 'scope-and-ownership',
        name: 'Scope and ownership',
        signals: ['leadership', 'delivery'],
      },
      {
        id: 'role-questions',
        name: 'Questions that clarify the role',
        signals: ['framing', 'communication'],
      },
      { id: 'motivation', name: 'Reasons for the move', signals: ['communication', 'framing'] },
      { id: 'wrap-up', name: 'Logistics and close', signals: ['communication'] },
    ],
  },
  {
    id: 'hiring-manager',
    name: 'Hiring-manager conversation',
    summary:
      'The future manager probes how the candidate owns work, delivers under constraints and works with people.',
    primary: ['leadership', 'delivery'],
    secondary: ['communication', 'architecture'],
    floor: ['communication'],
    defaultMinutes: 45,
    phases: [
      {
        id: 'current-scope',
        name: 'Current team and scope',
        signals: ['communication', 'leadership'],
      },
      {
        id: 'owned-project',
        name: 'A project owned end to end',
        signals: ['leadership', 'delivery'],
      },
      {
        id: 'technical-decision',
        name: 'A technical decision and its trade-off',
        signals: ['architecture', 'leadership'],
      },
      {
        id: 'delivery-under-pressure',
        name: 'Delivering against a constraint',
        signals: ['delivery'],
      },
      {
        id: 'people-situation',
        name: 'Disagreement or people situation',
        signals: ['leadership', 'communication'],
      },
      {
        id: 'hindsight',
        name: 'What they would change',
        signals: ['communication', 'delivery'],
      },
      {
        id: 'candidate-questions',
        name: 'Questions about the team and its goals',
        signals: ['delivery', 'communication'],
      },
    ],
  },
  {
    id: 'online-assessment',
    name: 'Online assessment',
    summary:
      'A timed, usually unproctored set of coding problems graded mainly on correctness against hidden tests.',
    primary: ['coding'],
    secondary: ['framing', 'communication'],
    floor: ['communication'],
    defaultMinutes: 90,
    phases: [
      { id: 'read-spec', name: 'Read the statement and samples closely', signals: ['framing'] },
      { id: 'budget-time', name: 'Budget time across problems', signals: ['framing'] },
      {
        id: 'choose-approach',
        name: 'Choose an approach that fits the limits',
        signals: ['framing', 'coding'],
      },
      { id: 'implement', name: 'Implement the solution', signals: ['coding'] },
      { id: 'test-edge-cases', name: 'Test cases beyond the samples', signals: ['coding'] },
      {
        id: 'written-notes',
        name: 'Leave brief written reasoning',
        signals: ['communication'],
      },
    ],
  },
  {
    id: 'coding-screen',
    name: 'Coding screen',
    summary:
      'A live algorithmic problem solved with an interviewer, checking clarification, correct code and testing.',
    primary: ['coding', 'framing'],
    secondary: ['communication'],
    floor: ['communication'],
    defaultMinutes: 45,
    phases: [
      {
        id: 'clarify-problem',
        name: 'Clarify inputs, outputs and limits',
        signals: ['framing', 'communication'],
      },
      { id: 'work-example', name: 'Work a small example by hand', signals: ['framing'] },
      {
        id: 'state-approach',
        name: 'State the approach and its complexity',
        signals: ['framing', 'coding', 'communication'],
      },
      { id: 'implement', name: 'Write the code', signals: ['coding'] },
      {
        id: 'test-and-debug',
        name: 'Trace, test and fix',
        signals: ['coding', 'communication'],
      },
      {
        id: 'follow-up-variant',
        name: 'Handle a follow-up variant',
        signals: ['coding', 'framing'],
      },
    ],
  },
  {
    id: 'practical-coding',
    name: 'Practical coding',
    summary:
      'A realistic feature or small service built in a working codebase, judged on structure, error handling and tests.',
    primary: ['coding', 'production'],
    secondary: ['architecture', 'communication'],
    floor: ['communication'],
    defaultMinutes: 60,
    phases: [
      {
        id: 'read-task-and-code',
        name: 'Read the task and existing code',
        signals: ['coding', 'communication'],
      },
      { id: 'sketch-structure', name: 'Sketch modules and interfaces', signals: ['architecture'] },
      { id: 'vertical-slice', name: 'Get a working slice end to end', signals: ['coding'] },
      {
        id: 'errors-and-input',
        name: 'Handle errors and invalid input',
        signals: ['production', 'coding'],
      },
      { id: 'tests', name: 'Write focused tests', signals: ['coding', 'production'] },
      {
        id: 'operability',
        name: 'Logging, configuration and limits',
        signals: ['production'],
      },
      {
        id: 'walk-through',
        name: 'Walk through the change and what remains',
        signals: ['communication', 'architecture'],
      },
    ],
  },
  {
    id: 'code-review',
    name: 'Code review / debugging',
    summary:
      'The candidate reviews a change or chases a defect, showing how they find risk, fix causes and decide what ships.',
    primary: ['production', 'coding'],
    secondary: ['delivery', 'communication'],
    floor: ['communication'],
    defaultMinutes: 45,
    phases: [
      {
        id: 'establish-intent',
        name: 'Establish what the code is meant to do',
        signals: ['coding', 'communication'],
      },
      {
        id: 'reproduce',
        name: 'Reproduce or localize the fault',
        signals: ['coding', 'production'],
      },
      {
        id: 'hypotheses',
        name: 'Form and test hypotheses aloud',
        signals: ['coding', 'communication'],
      },
      {
        id: 'stabilize',
        name: 'Contain the damage first',
        signals: ['production', 'delivery'],
      },
      {
        id: 'root-cause-fix',
        name: 'Fix the root cause with a regression test',
        signals: ['coding', 'production'],
      },
      {
        id: 'risk-scan',
        name: 'Flag security, performance and failure risks',
        signals: ['production'],
      },
      {
        id: 'ship-decision',
        name: 'Rank comments and decide what ships',
        signals: ['delivery', 'communication'],
      },
    ],
  },
  {
    id: 'low-level-design',
    name: 'Low-level design',
    summary:
      'An object or module design for a bounded problem, checking responsibilities, interfaces and code that follows from them.',
    primary: ['architecture', 'coding'],
    secondary: ['framing', 'production'],
    floor: ['communication'],
    defaultMinutes: 60,
    phases: [
      { id: 'clarify-use-cases', name: 'Clarify use cases and limits', signals: ['framing'] },
      {
        id: 'entities',
        name: 'Identify entities and responsibilities',
        signals: ['architecture'],
      },
      {
        id: 'interfaces',
        name: 'Define interfaces and data structures',
        signals: ['architecture', 'coding'],
      },
      {
        id: 'walk-use-case',
        name: 'Walk a use case through the design',
        signals: ['architecture', 'framing'],
      },
      { id: 'implement-core', name: 'Implement a core class or method', signals: ['coding'] },
      {
        id: 'concurrency-and-errors',
        name: 'Concurrency, errors and invalid states',
        signals: ['production', 'coding'],
      },
      {
        id: 'extend',
        name: 'Absorb a new requirement',
        signals: ['architecture'],
      },
    ],
  },
  {
    id: 'system-design',
    name: 'System design',
    summary:
      'An open-ended distributed system prompt, checking how the candidate scopes, designs, and plans for failure at scale.',
    primary: ['framing', 'architecture', 'production'],
    secondary: ['delivery', 'communication'],
    floor: ['communication'],
    defaultMinutes: 60,
    phases: [
      { id: 'clarify-scope', name: 'Clarify scope', signals: ['framing', 'delivery'] },
      {
        id: 'baseline-assumptions',
        name: 'State a baseline and assumptions',
        signals: ['framing', 'production'],
      },
      { id: 'choose-design', name: 'Choose a design', signals: ['architecture'] },
      {
        id: 'name-tradeoff',
        name: 'Weigh it against an alternative',
        signals: ['architecture', 'production'],
      },
      { id: 'failure-handling', name: 'Handle failure', signals: ['production'] },
      {
        id: 'sequence-delivery',
        name: 'Sequence reversible releases',
        signals: ['delivery'],
      },
      { id: 'ownership', name: 'Assign ownership across teams', signals: ['leadership'] },
      {
        id: 'summarize',
        name: 'Summarize and offer depth',
        signals: ['communication'],
      },
    ],
  },
  {
    id: 'project-deep-dive',
    name: 'Project deep dive',
    summary:
      'One past project examined in depth to test what the candidate personally designed, ran and changed.',
    primary: ['architecture', 'production', 'leadership'],
    secondary: ['delivery', 'communication'],
    floor: ['communication'],
    defaultMinutes: 60,
    phases: [
      {
        id: 'context-and-role',
        name: 'Goal, constraints and own role',
        signals: ['delivery', 'leadership', 'communication'],
      },
      { id: 'key-decision', name: 'The central design decision', signals: ['architecture'] },
      {
        id: 'rejected-options',
        name: 'Options rejected and why',
        signals: ['architecture', 'production'],
      },
      {
        id: 'operations',
        name: 'What broke and how it was run',
        signals: ['production'],
      },
      {
        id: 'influence',
        name: 'Bringing people and teams along',
        signals: ['leadership'],
      },
      { id: 'outcome', name: 'Measured outcome', signals: ['delivery'] },
      {
        id: 'hindsight',
        name: 'What they would do differently',
        signals: ['communication', 'architecture'],
      },
    ],
  },
  {
    id: 'behavioral',
    name: 'Behavioral / values',
    summary:
      'Past situations used as evidence of how the candidate leads, handles conflict and learns.',
    primary: ['leadership', 'communication'],
    secondary: ['delivery'],
    floor: ['communication'],
    defaultMinutes: 45,
    phases: [
      { id: 'pick-story', name: 'Pick a story that fits the question', signals: ['communication'] },
      {
        id: 'situation',
        name: 'Situation and stakes, briefly',
        signals: ['communication', 'delivery'],
      },
      { id: 'own-actions', name: 'Own decisions and actions', signals: ['leadership'] },
      {
        id: 'disagreement',
        name: 'Handling disagreement',
        signals: ['leadership', 'communication'],
      },
      { id: 'result', name: 'Result with evidence', signals: ['delivery'] },
      {
        id: 'reflection',
        name: 'Lesson and what changed after',
        signals: ['communication', 'leadership'],
      },
    ],
  },
  {
    id: 'product-cross-functional',
    name: 'Product / cross-functional',
    summary:
      'A product scenario with non-engineering partners, checking how the candidate trades scope, risk and time for user outcomes.',
    primary: ['delivery'],
    secondary: ['framing', 'leadership', 'communication'],
    floor: ['communication'],
    defaultMinutes: 45,
    phases: [
      {
        id: 'user-problem',
        name: 'Pin down the user problem',
        signals: ['framing', 'delivery'],
      },
      { id: 'success-metrics', name: 'Define success metrics', signals: ['delivery'] },
      {
        id: 'scope-options',
        name: 'Lay out scope options and costs',
        signals: ['delivery', 'framing'],
      },
      {
        id: 'sequence-mvp',
        name: 'Sequence a first release and follow-ups',
        signals: ['delivery'],
      },
      {
        id: 'align-partners',
        name: 'Align product, design and other partners',
        signals: ['leadership', 'communication'],
      },
      {
        id: 'negotiate-conflict',
        name: 'Negotiate a date or scope conflict',
        signals: ['leadership', 'delivery'],
      },
      {
        id: 'recap',
        name: 'Recap the decision and open questions',
        signals: ['communication'],
      },
    ],
  },
  {
    id: 'executive',
    name: 'Executive / founder / bar-raiser',
    summary:
      'A senior leader tests judgment at altitude: the size of past bets, strategic thinking and candor about mistakes.',
    primary: ['leadership', 'delivery', 'communication'],
    secondary: ['framing', 'architecture'],
    floor: ['communication'],
    defaultMinutes: 45,
    phases: [
      { id: 'narrative', name: 'A crisp career narrative', signals: ['communication'] },
      {
        id: 'biggest-bet',
        name: 'Largest bet and its outcome',
        signals: ['delivery', 'leadership'],
      },
      {
        id: 'ambiguous-problem',
        name: 'Frame an ambiguous business problem',
        signals: ['framing', 'delivery'],
      },
      {
        id: 'technical-strategy',
        name: 'Technical strategy at altitude',
        signals: ['architecture', 'leadership'],
      },
      { id: 'raise-the-bar', name: 'Raising the bar for others', signals: ['leadership'] },
      {
        id: 'hard-call',
        name: 'A hard call with missing information',
        signals: ['delivery', 'leadership', 'communication'],
      },
      {
        id: 'candid-reflection',
        name: 'Candid account of a mistake',
        signals: ['communication'],
      },
    ],
  },
];
