import type { CommunicationMove } from './model';

export const COMMUNICATION_MOVES: readonly CommunicationMove[] = [
  {
    id: 'clarify-constraints',
    name: 'Clarify constraints before solving',
    description:
      'Before proposing anything, pin down the limits that shape the answer: load, latency, risk appetite, operational budget, business priority and what a failure costs.',
    cues: [
      '"Roughly how many requests per second, and what does the peak look like?"',
      '"If this is wrong for a minute, is that an annoyance or lost money?"',
      '"Is shipping soon or getting it exactly right the priority here?"',
    ],
    signals: ['framing', 'production', 'delivery'],
  },
  {
    id: 'narrow-scope',
    name: 'Narrow scope on purpose',
    description:
      'Pick a deliberately small, stable baseline to get right first and name the edge cases parked for later, instead of chasing every case at once.',
    cues: [
      '"I will get the single-region case working, then come back to failover."',
      '"Let me assume valid input for now and list what I am skipping."',
      '"That is a real edge case; I will note it and return once the core path works."',
    ],
    signals: ['framing', 'delivery', 'coding'],
  },
  {
    id: 'externalize-tradeoffs',
    name: 'Externalize trade-offs',
    description:
      'For each significant choice, say out loud what it gains, what it costs, and at which point the balance would tip toward the alternative.',
    cues: [
      '"A cache cuts read latency but means users may see data up to a minute old."',
      '"Below about ten thousand writes a second one database is simpler; above that I would shard."',
      '"I am choosing the slower algorithm because the input stays small and it is easier to verify."',
    ],
    signals: ['architecture', 'production', 'communication'],
  },
  {
    id: 'stabilize-then-optimize',
    name: 'Separate stabilization from optimization',
    description:
      'Faced with a live problem, first stop the harm with a safe, reversible action, then turn to the root cause and longer-term improvements as a distinct step.',
    cues: [
      '"First I would roll back or switch off the flag, then investigate."',
      '"The immediate goal is to stop the errors; the redesign can wait a sprint."',
      '"Once traffic is healthy again, I would look at why the limit was hit at all."',
    ],
    signals: ['production', 'delivery'],
  },
  {
    id: 'explicit-uncertainty',
    name: 'Make uncertainty explicit and structural',
    description:
      'Say what you do not know and shape the plan around it, favoring choices that are cheap to reverse until the missing evidence arrives.',
    cues: [
      '"I do not know the read-to-write ratio, so I will keep the storage layer swappable."',
      '"I am not sure how that library handles timeouts; I would check before relying on it."',
      '"Let us ship to five percent of users first so we learn before committing."',
    ],
    signals: ['communication', 'architecture', 'delivery'],
  },
];
