import type { Prompt } from '../model';

export const PROMPTS_B: readonly Prompt[] = [
  {
    id: 'low-level-design-feature-flag-evaluator',
    roundType: 'low-level-design',
    title: 'Feature flag evaluator',
    body: 'Design the in-process library that services call to decide whether a feature flag is on for a given request. Flags can target specific accounts, roll out to a percentage of users, or match on request attributes such as country or plan. Product teams edit rule sets in a separate admin tool, and changes must reach running services without a redeploy. Sketch the core types and interfaces, then implement the evaluation path.',
    hints: [
      'Decide what "the same user" means for a percentage rollout before choosing how to bucket.',
      'Separate the flag definitions the evaluator reads from the mechanism that fetches and ' +
        'swaps in new definitions.',
      'A stable hash of flag key plus user key, mapped onto 0 to 99, gives sticky buckets. ' +
        'Then decide what the evaluator returns when config has never loaded.',
    ],
    followUps: [
      'One instance evaluates 50,000 flags per second. Where does the time go, and what would ' +
        'you precompute?',
      'The config source is unreachable at startup. What does the library return, and who ' +
        'finds out?',
      'Product ramps a flag from 10% to 20%. Does your bucketing guarantee the first 10% keep ' +
        'the feature?',
    ],
    signals: ['architecture', 'coding', 'framing', 'production'],
    guide: {
      strongAnswer: [
        {
          point:
            'Asks which request attributes are available, how rules take precedence, and ' +
            'whether evaluation must be synchronous and cheap on the hot path',
          signal: 'framing',
        },
        {
          point:
            'Defines a few small types: Flag, Rule as a discriminated union (account list, ' +
            'percentage, attribute match), EvaluationContext, and a pure evaluate function',
          signal: 'architecture',
        },
        {
          point:
            'Implements first-match evaluation with an explicit default, bucketing by a stable ' +
            'hash of flag key and user key rather than a random number',
          signal: 'coding',
        },
        {
          point:
            'Holds config in an immutable snapshot swapped atomically, so a reader never sees ' +
            'a half-applied update and the evaluator itself does no I/O',
          signal: 'architecture',
        },
        {
          point:
            'Tests bucket stability across a ramp, precedence between overlapping rules and ' +
            'missing attributes, with the config source injected',
          signal: 'coding',
        },
        {
          point:
            'States failure behavior: serve last known good config, fall back to compiled-in ' +
            'defaults if none ever loaded, and emit a metric when config is stale',
          signal: 'production',
        },
        {
          point:
            'Weighs local evaluation against a remote flag service: latency and availability ' +
            'versus an instant kill switch and central audit',
          signal: 'architecture',
        },
      ],
      levels: {
        weak:
          'Starts with a map from flag name to boolean, then bolts on a percentage check with ' +
          'a random number, so users flip between variants on every request. No answer for ' +
          'config failures.',
        mid:
          'Produces sensible types and a working evaluator with hashing, tested on the happy ' +
          'path. Config refresh and failure defaults come up only when asked.',
        senior:
          'Pins down the evaluation context and precedence first, keeps evaluation pure over ' +
          'an atomically swapped snapshot, proves ramp stability with tests, and says what ' +
          'happens when config is stale or missing and how anyone would notice.',
      },
    },
  },
  {
    id: 'low-level-design-webhook-dispatcher',
    roundType: 'low-level-design',
    title: 'Webhook dispatcher',
    body: 'Our platform sends webhooks to thousands of customer endpoints whenever an order changes state. Design the dispatcher component that takes events from an internal queue and delivers them over HTTP. Some endpoints are slow or down for hours, and an outage at one customer must not delay everyone else. Define the classes and interfaces you would write, then implement the part that decides what to send next and when to retry.',
    hints: [
      'Ask what ordering and delivery guarantees customers are promised before picking a ' +
        'structure.',
      'Treat per-endpoint state (pending events, backoff, in-flight count) as the unit your ' +
        'scheduler works with.',
      'Inject a clock and an HTTP sender interface so retry timing and failures can be tested ' +
        'without sleeping or a network.',
    ],
    followUps: [
      'An endpoint comes back after a three-day outage with 2 million undelivered events. What ' +
        'happens next?',
      'The dispatcher crashes mid-delivery. What does the customer see, and how do they ' +
        'deduplicate?',
      'Would you keep per-endpoint ordering? What does it cost in throughput and complexity?',
    ],
    signals: ['architecture', 'coding', 'framing', 'production'],
    guide: {
      strongAnswer: [
        {
          point:
            'Asks about per-endpoint ordering, retry horizon and signing, then states ' +
            'at-least-once delivery with an idempotency key as the working assumption',
          signal: 'framing',
        },
        {
          point:
            'Splits responsibilities behind interfaces: event source, endpoint registry, ' +
            'scheduler, HTTP sender, retry policy, dead-letter store',
          signal: 'architecture',
        },
        {
          point:
            'Gives each endpoint its own queue, backoff state and concurrency cap, so a slow ' +
            'endpoint cannot starve the rest',
          signal: 'architecture',
        },
        {
          point:
            'Implements next-attempt selection with a priority queue keyed on due time, and ' +
            'exponential backoff with jitter and a ceiling',
          signal: 'coding',
        },
        {
          point:
            'Tests with a fake clock and fake sender: success after failures, give-up to dead ' +
            'letter, fairness across endpoints',
          signal: 'coding',
        },
        {
          point:
            'Covers crash recovery (ack only after success, persisted attempt state), request ' +
            'timeouts, payload signatures and per-endpoint delivery metrics',
          signal: 'production',
        },
        {
          point:
            'Names the trade-off between strict per-endpoint ordering and parallel delivery, ' +
            'and says which one they chose and why',
          signal: 'architecture',
        },
      ],
      levels: {
        weak:
          'A loop that pops an event, posts it and sleeps on failure, so one dead endpoint ' +
          'stalls the worker. Classes appear as names without clear responsibilities.',
        mid:
          'Per-endpoint queues and exponential backoff in clean classes, with a test for a ' +
          'retry. Crash semantics, jitter and dead-lettering need prompting.',
        senior:
          'Fixes the delivery contract first, isolates endpoints by design, implements a ' +
          'scheduler that is testable through injected time, and explains crash recovery, ' +
          'duplicates and the ordering trade-off plainly.',
      },
    },
  },
  {
    id: 'low-level-design-shared-expense-ledger',
    roundType: 'low-level-design',
    title: 'Shared expense ledger',
    body: 'Design the core model for a shared-expenses feature in a travel app. A group of friends logs expenses, each paid by one person and split among some members, and the app shows who owes whom. Splits can be equal, by exact amounts or by percentage, and a trip can involve more than one currency. Expenses can be edited or deleted after the fact. Define the types and implement adding an expense and computing balances.',
    hints: [
      'Decide early how you represent money; splitting ten dollars three ways will expose ' +
        'the choice.',
      'Consider whether balances should be stored and updated, or derived from a list of ' +
        'entries.',
      'A split strategy per expense that returns exact shares summing to the total keeps ' +
        'rounding in one place you can test.',
    ],
    followUps: [
      'A group has 40 members and 5,000 expenses. Does balance computation still work on a ' +
        'phone, and what would you cache?',
      'Two members edit the same expense offline, then sync. What does your model do?',
      'Users want the fewest payments that settle the group. How would you add that, and what ' +
        'would you not promise?',
    ],
    signals: ['architecture', 'coding', 'framing', 'production'],
    guide: {
      strongAnswer: [
        {
          point:
            'Clarifies currency policy (convert at expense time or at settlement), who may ' +
            'edit, and whether server or client is the source of truth',
          signal: 'framing',
        },
        {
          point: 'Represents money as integer minor units with a currency code, never floats',
          signal: 'coding',
        },
        {
          point:
            'Models expenses as immutable entries, with edits and deletes recorded as new ' +
            'versions or reversals; balances are derived from the ledger',
          signal: 'architecture',
        },
        {
          point:
            'Puts splitting behind a strategy (equal, exact, percent) that assigns leftover ' +
            'cents deterministically so shares always sum to the total',
          signal: 'architecture',
        },
        {
          point:
            'Implements add-expense and balances with validation (payer and participants in ' +
            'the group, shares sum) and tests the leftover-cent and edit cases',
          signal: 'coding',
        },
        {
          point:
            'Raises sync and concurrency: version numbers, a stated conflict policy, and a ' +
            'history users can inspect when they dispute a balance',
          signal: 'production',
        },
        {
          point:
            'Keeps settlement suggestions separate from balances, noting a greedy pass needs at ' +
            'most n-1 transfers but is not guaranteed minimal',
          signal: 'architecture',
        },
      ],
      levels: {
        weak:
          'Stores a mutable float balance per pair and adjusts it on each expense; edits ' +
          'corrupt totals and a three-way split loses a cent.',
        mid:
          'Uses integer cents and a clean split interface with tests, so balances are right, ' +
          'but edits overwrite history and currency gets a hand-wave.',
        senior:
          'Settles money representation and currency policy up front, derives balances from ' +
          'an immutable ledger, makes rounding deterministic and tested, and explains the ' +
          'sync-conflict policy and what settlement does and does not guarantee.',
      },
    },
  },
  {
    id: 'system-design-live-auction-bidding',
    roundType: 'system-design',
    title: 'Live auction bidding',
    body: 'Design the bidding backend for a marketplace that runs timed auctions for collectibles. Most auctions get a handful of bids, but a few draw thousands of watchers and a burst of bids in the final minute. Bidders must see the current high bid quickly, and the winner must be unambiguous when the auction closes. Take it from requirements to a design you would be willing to operate.',
    hints: [
      'Pin down what an unambiguous winner means when two bids land within milliseconds of each ' +
        'other and of the close.',
      'Accepting bids for one auction and pushing updates to its watchers have very different ' +
        'scaling needs; treat them separately.',
      'One ordered writer per auction gives serializable bids without global locks. Think about ' +
        'what happens when that writer fails over.',
    ],
    followUps: [
      'The node that owns a hot auction dies 20 seconds before close. What do bidders see, and ' +
        'how is the winner decided?',
      'Product adds anti-sniping: a late bid extends the close by two minutes. What changes?',
      'This replaces a bidding system with a known race condition. How do you roll it out?',
    ],
    signals: ['framing', 'architecture', 'production', 'delivery', 'communication'],
    guide: {
      strongAnswer: [
        {
          point:
            'Asks for auction count, peak bids per second on one auction, watcher fan-out, a ' +
            'latency target for seeing the new high bid, and the tie rule at close',
          signal: 'framing',
        },
        {
          point:
            'States assumptions and non-goals: payment capture and fraud scoring out of scope, ' +
            'the server clock is the authority on close time',
          signal: 'framing',
        },
        {
          point:
            'Separates bid acceptance (serialized per auction, durable, idempotent) from the ' +
            'read path (pub/sub fan-out to websocket gateways)',
          signal: 'architecture',
        },
        {
          point:
            'Compares a per-auction single writer with compare-and-set in a database, and says ' +
            'at what contention each one breaks',
          signal: 'architecture',
        },
        {
          point:
            'Handles failure: bids persisted before ack, fencing on failover, the winner read ' +
            'from the durable log rather than memory, idempotent client retries',
          signal: 'production',
        },
        {
          point:
            'Adds observability and abuse controls: bid latency and fan-out lag metrics, ' +
            'per-bidder rate limits, an audit trail for disputed results',
          signal: 'production',
        },
        {
          point:
            'Shadow-runs the new path against the old, moves low-value auctions first, and ' +
            'keeps each step reversible',
          signal: 'delivery',
        },
        {
          point:
            'Closes with a short summary, the biggest remaining risk, and where they would go ' +
            'deeper',
          signal: 'communication',
        },
      ],
      levels: {
        weak:
          'Draws a load balancer, a service and a database, updates the high bid with ' +
          'read-then-write, and has clients poll. Ties and failover never come up.',
        mid:
          'Sees the need for serialized writes per auction and a pub/sub fan-out and handles ' +
          'the happy path well; failover near close and rollout appear only when pushed.',
        senior:
          'Quantifies load and the close rule first, isolates per-auction ordering from ' +
          'fan-out, defends that against a compare-and-set design, walks through failover at ' +
          'close with fencing, and proposes a shadowed, reversible migration.',
      },
    },
  },
  {
    id: 'system-design-usage-metering',
    roundType: 'system-design',
    title: 'Usage metering for billing',
    body: 'We sell an API priced per call and per gigabyte processed. Design the system that records usage for every customer and produces the numbers on monthly invoices. Usage comes from hundreds of API servers across three regions, and customers can see their usage to date in a dashboard. Finance has told us that invoices must be defensible.',
    hints: [
      'Ask what defensible means to finance, and to a customer who disputes a bill.',
      'Decide which numbers must be exact and which can be approximate or late, and whether ' +
        'one pipeline should serve both.',
      'Events with unique ids, deduplicated at aggregation and kept raw for replay, let you ' +
        'recompute an invoice when something goes wrong.',
    ],
    followUps: [
      'A region loses connectivity for six hours and flushes its backlog on the last day of ' +
        'the month. What happens to invoices?',
      'A bug double-counted usage for 200 customers last month. How do you find it, correct ' +
        'it and tell them?',
      'Volume grows 20x. Which component breaks first, and what does fixing it cost?',
    ],
    signals: ['framing', 'architecture', 'production', 'delivery', 'communication'],
    guide: {
      strongAnswer: [
        {
          point:
            'Clarifies events per second, customer count, dimensions per event, invoice close ' +
            'timing, dashboard freshness, and the accuracy finance actually needs',
          signal: 'framing',
        },
        {
          point:
            'Feeds one event stream to two consumers: a fast approximate path for dashboards ' +
            'and an exact, reconcilable path for invoices',
          signal: 'architecture',
        },
        {
          point:
            'Emits events with idempotency keys next to the work, buffers them locally on each ' +
            'server, and aggregates by customer and window with deduplication',
          signal: 'architecture',
        },
        {
          point:
            'Handles late and duplicate data: a watermark and grace period before close, raw ' +
            'events retained for replay, corrections issued as adjustments, never edits',
          signal: 'production',
        },
        {
          point:
            'Adds reconciliation (counts compared across stages and against request logs), ' +
            'alerts on drift, and tight access control on billing data',
          signal: 'production',
        },
        {
          point:
            'Weighs metering from request logs against explicit usage events, or a metering ' +
            'vendor, with cost and accuracy thresholds',
          signal: 'architecture',
        },
        {
          point:
            'Runs in parallel with current billing for a full cycle, compares invoices, then ' +
            'cuts over one customer segment at a time',
          signal: 'delivery',
        },
        {
          point:
            'Explains the design in terms a finance lead would accept, including what ' +
            'defensible now means concretely',
          signal: 'communication',
        },
      ],
      levels: {
        weak:
          'Increments a counter in a shared database on every request and sums it at month ' +
          'end; no story for duplicates, late data or disputes.',
        mid:
          'Builds a sound event pipeline with aggregation and a dashboard; handles dedup and ' +
          'late data once prompted, but reconciliation and migration are mostly missing.',
        senior:
          'Defines accuracy and close rules with finance first, separates approximate from ' +
          'exact paths, makes every invoice number replayable and reconcilable, and plans a ' +
          'parallel-run cutover plus a correction process for when it is wrong.',
      },
    },
  },
  {
    id: 'system-design-multi-tenant-search',
    roundType: 'system-design',
    title: 'Multi-tenant ticket search',
    body: 'Our B2B help-desk product stores support tickets for about 8,000 companies, from ten-person startups to enterprises with tens of millions of tickets. Customers want full-text search over their own tickets, filtered by status, assignee and tag, with edits reflected within a few seconds. Design the search capability. Several enterprise customers are asking whether their data will be isolated.',
    hints: [
      'Size the tenants: the distribution matters more than the total.',
      'Consider how isolation is enforced both in queries and in index layout, and what each ' +
        'layout costs to operate.',
      'A hybrid of shared indexes for small tenants and dedicated ones for the largest is ' +
        'common; think about how a tenant moves between them.',
    ],
    followUps: [
      'Queries from one large tenant saturate a shard it shares with others. How do you detect ' +
        'and contain that?',
      'A customer invokes a contract clause to delete all their data. How does search honor it?',
      'Today search is SQL LIKE queries on the primary database. How do you ship this without a ' +
        'big-bang cutover?',
    ],
    signals: ['framing', 'architecture', 'production', 'delivery', 'communication'],
    guide: {
      strongAnswer: [
        {
          point:
            'Asks for the tenant size distribution, query rate, freshness target, retention, ' +
            'and the real isolation requirement (logical, physical, contractual)',
          signal: 'framing',
        },
        {
          point:
            'Sets a baseline: the primary store stays the source of truth, and the index is fed ' +
            'asynchronously by change data capture',
          signal: 'architecture',
        },
        {
          point:
            'Compares index per tenant, a shared index with a tenant filter, and a tiered ' +
            'hybrid, and picks one with reasons tied to the size distribution',
          signal: 'architecture',
        },
        {
          point:
            'Enforces the tenant filter in a query layer no caller can bypass, backed by tests ' +
            'and audits, with per-tenant limits against noisy neighbors',
          signal: 'production',
        },
        {
          point:
            'Plans for indexing lag and loss: backlog metrics, replay from the change stream, a ' +
            'rebuild procedure, and defined behavior when search is degraded',
          signal: 'production',
        },
        {
          point: 'Covers deletion and retention, including index snapshots and backups',
          signal: 'production',
        },
        {
          point:
            'Ships behind a flag with dual reads for internal tenants first, compares result ' +
            'quality, then migrates tier by tier',
          signal: 'delivery',
        },
        {
          point:
            'Summarizes the isolation story in words an enterprise customer could repeat to ' +
            'their security team',
          signal: 'communication',
        },
      ],
      levels: {
        weak:
          'Puts every ticket in one index and trusts callers to add a tenant filter; ' +
          'freshness, noisy neighbors and deletion are never raised.',
        mid:
          'Chooses a reasonable layout and a change-data-capture feed and mentions tenant ' +
          'filtering; enforcement, rebuilds and rollout appear only when asked.',
        senior:
          'Starts from the tenant distribution and the actual isolation requirement, picks a ' +
          'tiered layout with a path between tiers, enforces isolation structurally, and ' +
          'stages rollout by comparing results against the old path.',
      },
    },
  },
  {
    id: 'project-deep-dive-system-you-shaped',
    roundType: 'project-deep-dive',
    title: 'A system you shaped',
    body: 'Pick a system you designed or substantially reshaped in the last few years that is still running in production. Start with the problem it solved and the constraints you were under, then walk me through the design. I will stop you to go deeper on specific decisions, so choose one where you personally made the important calls.',
    hints: [
      'Open with the problem, the scale and the constraints in two or three sentences before ' +
        'naming components.',
      'For each major decision, name the alternative you rejected and why.',
      'Be explicit about which calls were yours, which were the team, and what you would ' +
        'change now.',
    ],
    followUps: [
      'What broke first in production, and how did you find out?',
      'Which decision would you reverse today, and what has keeping it cost?',
      'Who disagreed with the design, and how was that resolved?',
    ],
    signals: ['architecture', 'production', 'leadership', 'delivery', 'communication'],
    guide: {
      strongAnswer: [
        {
          point:
            'Frames the project in a few sentences: users, scale, constraints, what success ' +
            'meant, and their own role',
          signal: 'communication',
        },
        {
          point:
            'Describes the design at the right altitude and picks out two or three decisions ' +
            'that mattered, each with the alternative considered',
          signal: 'architecture',
        },
        {
          point:
            'Defends one trade-off with numbers or a threshold, such as why a queue beat ' +
            'synchronous calls at that volume',
          signal: 'architecture',
        },
        {
          point:
            'Tells what operating it was like: failures seen, monitoring added, one incident ' +
            'and the change it caused',
          signal: 'production',
        },
        {
          point:
            'Shows influence beyond their own code: wrote the design doc, aligned a dependent ' +
            'team, grew someone into ownership of a component',
          signal: 'leadership',
        },
        {
          point:
            'Ties it to outcomes: what shipped when, which metric moved, what was deferred on ' +
            'purpose',
          signal: 'delivery',
        },
        {
          point: 'Says plainly what they would do differently and why',
          signal: 'communication',
        },
      ],
      levels: {
        weak:
          'Tours components and technologies with "we" throughout; cannot say why a choice was ' +
          'made or what the alternative was, and has no production story.',
        mid:
          'Explains the design clearly with some trade-offs, but production detail and ' +
          'personal influence are thin and the reflection is generic.',
        senior:
          'Frames the problem crisply, defends specific decisions against alternatives with ' +
          'numbers, tells a concrete operational story, makes their own calls and influence ' +
          'plain, and names what they would change.',
      },
    },
  },
  {
    id: 'project-deep-dive-incident-lasting-fix',
    roundType: 'project-deep-dive',
    title: 'An incident and its lasting fix',
    body: 'Tell me about a serious production incident you were directly involved in, ideally one where the first fix was not the real fix. Walk me through detection, mitigation, diagnosis, and what changed in the system or the team afterward. I am most interested in the decisions you made and the evidence you used to make them.',
    hints: [
      'Give the impact first: who was affected, how badly and for how long.',
      'Keep what you did to stop the damage separate from what you did to find the cause.',
      'End with the lasting change and how you know it worked.',
    ],
    followUps: [
      'If the same class of failure happened tomorrow, what would be different in the first ' +
        'ten minutes?',
      'What did the post-incident review get wrong or miss?',
      'Who else had to change how they worked, and how did you get them to?',
    ],
    signals: ['architecture', 'production', 'leadership', 'delivery', 'communication'],
    guide: {
      strongAnswer: [
        {
          point:
            'States impact and timeline concisely: effect on users, duration, severity, and ' +
            'their role in the response',
          signal: 'communication',
        },
        {
          point:
            'Stabilizes before diagnosing: rollback, feature off or load shed first, with the ' +
            'reasoning for that call',
          signal: 'production',
        },
        {
          point:
            'Walks through diagnosis from evidence: the graphs and logs used, hypotheses tested ' +
            'and discarded',
          signal: 'production',
        },
        {
          point:
            'Traces the cause to a design weakness (shared dependency, missing backpressure, ' +
            'unsafe retries) and describes the design change that removed it',
          signal: 'architecture',
        },
        {
          point:
            'Drives follow-through across owners: argued remediation against roadmap work and ' +
            'got other teams to change',
          signal: 'leadership',
        },
        {
          point:
            'Shows the result: no recurrence, better alerts, shorter time to mitigate, with ' +
            'numbers where they have them',
          signal: 'delivery',
        },
        {
          point: 'Reflects on what they personally would do differently, without blame',
          signal: 'communication',
        },
      ],
      levels: {
        weak:
          'Retells the outage as a sequence of events with no clear personal role; the fix is ' +
          '"we restarted it and added an alert" and nothing lasting followed.',
        mid:
          'Gives a clear timeline and a sensible root cause, but remediation stays inside their ' +
          'own service and cross-team follow-through is vague.',
        senior:
          'Separates stabilization from diagnosis, reasons from evidence, traces the cause to ' +
          'a design weakness, drives a systemic fix across owners, and shows it held.',
      },
    },
  },
  {
    id: 'project-deep-dive-live-migration',
    roundType: 'project-deep-dive',
    title: 'A migration under live traffic',
    body: 'Describe a migration you led where the system had to keep serving users throughout: a datastore, a platform, a protocol or a widely used internal API. How did you plan it, how did you know each step was safe, and how did it actually end? Include at least one thing that did not go to plan.',
    hints: [
      'Start with why the migration was worth its cost and what was in scope.',
      'Describe the mechanism that let old and new run side by side, and the point of no return.',
      'Talk about the long tail: the last tenth of callers or data, and who owned moving them.',
    ],
    followUps: [
      'How did you verify parity of data or behavior between old and new?',
      'What was the rollback plan at each stage, and did you ever use it?',
      'How did you get other teams off the old path on your schedule?',
    ],
    signals: ['architecture', 'production', 'leadership', 'delivery', 'communication'],
    guide: {
      strongAnswer: [
        {
          point:
            'Justifies the migration: the cost of staying, the expected benefit, and what was ' +
            'explicitly out of scope',
          signal: 'delivery',
        },
        {
          point:
            'Explains how old and new coexisted (dual writes, backfill from a change stream, ' +
            'shadow reads, an adapter layer) and why that beat the alternatives',
          signal: 'architecture',
        },
        {
          point:
            'Defines safety per stage: parity checks, error budgets, canary percentages and a ' +
            'rollback at every step',
          signal: 'production',
        },
        {
          point: 'Tells what went wrong, how it was detected and how it was contained',
          signal: 'production',
        },
        {
          point:
            'Shows how they moved dependent teams: tooling, migration guides, dates, and ' +
            'escalation when needed',
          signal: 'leadership',
        },
        {
          point:
            'Ends honestly: when the old path was deleted, what lingered, and how time and cost ' +
            'compared with the plan',
          signal: 'delivery',
        },
        {
          point: 'Reflects on what they would change about the approach',
          signal: 'communication',
        },
      ],
      levels: {
        weak:
          'Describes a cutover weekend made safe by staging tests and hope; other teams ' +
          'migrated "eventually."',
        mid:
          'Describes running both systems and a rollback plan; the long tail and cross-team ' +
          'coordination stay vague.',
        senior:
          'Makes the business case, explains a coexistence design with parity checks and ' +
          'reversible stages, tells a real setback, shows how they drove other teams to ' +
          'finish, and says when the old system actually died.',
      },
    },
  },
  {
    id: 'behavioral-disagreeing-up',
    roundType: 'behavioral',
    title: 'Disagreeing with authority',
    body: 'Tell me about a time you disagreed with a technical or product decision made by someone with more authority than you: a manager, a principal engineer, a director. What was the disagreement, what did you do, and how did it turn out? I will ask how you would handle it differently now.',
    hints: [
      'Set the context briefly: what was decided, by whom, and what was at stake.',
      'Focus on your own actions, including how you checked whether you were the one who was ' +
        'wrong.',
      'Close with the outcome and what it taught you about influencing decisions.',
    ],
    followUps: [
      'What would have had to be true for them to be right?',
      'How did your working relationship with that person change afterward?',
      'What did the team see you do in the weeks after the decision?',
    ],
    signals: ['leadership', 'communication', 'delivery'],
    guide: {
      strongAnswer: [
        {
          point:
            'Sets the stakes concretely: the decision, what it would cost if wrong, and why it ' +
            'mattered to users or the business',
          signal: 'delivery',
        },
        {
          point:
            'Tested their own position first: gathered data, built a prototype, or sought out ' +
            'the reasoning behind the decision',
          signal: 'leadership',
        },
        {
          point:
            'Raised it through a deliberate channel, framed in shared goals, ideally as a short ' +
            'written proposal with options',
          signal: 'communication',
        },
        {
          point:
            'Chose consciously between committing and escalating, then acted to make the final ' +
            'decision succeed',
          signal: 'leadership',
        },
        {
          point: 'Gives the outcome with evidence, including where they turned out to be wrong',
          signal: 'delivery',
        },
        {
          point: 'Names a specific habit they changed as a result',
          signal: 'communication',
        },
      ],
      levels: {
        weak:
          'A story where they were right and the other person was an obstacle; the action was ' +
          'complaining or going around them, and the outcome is vague.',
        mid:
          'Raised the concern respectfully with some data and accepted the result, with little ' +
          'sign of testing their own view or helping the decision land.',
        senior:
          'Quantifies the stakes, argues the other side fairly, raises the disagreement in ' +
          'writing with options, commits visibly once decided, and draws a specific lesson ' +
          'about influence.',
      },
    },
  },
  {
    id: 'behavioral-raising-the-team',
    roundType: 'behavioral',
    title: 'Making a team more effective',
    body: 'Tell me about something you did that made a team more effective, beyond delivering your own assigned work. It could be a practice you introduced, a person you helped grow, or a recurring problem you removed. How did you know it made a difference?',
    hints: [
      'Describe the team before: what was slow, painful or risky, with one concrete example.',
      'Be specific about what you did yourself and what you got others to do.',
      'Give a measure or an observable change afterward, even an imperfect one.',
    ],
    followUps: [
      'Who resisted, and how did you bring them along?',
      'Is it still in place now that you have stepped back? Why or why not?',
      'What did it cost your own deliverables, and how did you square that with your manager?',
    ],
    signals: ['leadership', 'communication', 'delivery'],
    guide: {
      strongAnswer: [
        {
          point:
            'Names a concrete problem and its cost, such as flaky builds eating an hour per ' +
            'engineer per day or onboarding taking six weeks',
          signal: 'delivery',
        },
        {
          point: 'Explains why they chose to act and why this fix over other possible ones',
          signal: 'leadership',
        },
        {
          point:
            'Describes specific actions: built the tool, wrote the guide, paired weekly, changed ' +
            'the review process',
          signal: 'leadership',
        },
        {
          point:
            'Shows how they brought others along: made the case, won buy-in, handed over ' +
            'ownership',
          signal: 'communication',
        },
        {
          point: 'Measures the change and says whether it outlasted their own involvement',
          signal: 'delivery',
        },
        {
          point: 'Reflects on the trade-offs and what they would do differently',
          signal: 'communication',
        },
      ],
      levels: {
        weak:
          'Describes being generally helpful ("I always answer questions") with no specific ' +
          'problem, action or result.',
        mid:
          'A real improvement with clear actions, but impact is asserted rather than shown and ' +
          'whether it lasted is not considered.',
        senior:
          'Identifies a costly team-level problem, acts personally and through others, shows ' +
          'measurable change, and makes it stick by transferring ownership.',
      },
    },
  },
  {
    id: 'behavioral-mistake-that-cost',
    roundType: 'behavioral',
    title: 'A mistake with a real cost',
    body: 'Tell me about a mistake you made at work that had a real cost: to users, to the team or to a deadline. What happened, what did you do once you realized it, and what is different about how you work because of it?',
    hints: [
      'Pick a mistake that was clearly yours and clearly mattered, not a safe one.',
      'Walk through the moment you realized it and what you did in the first hours.',
      'End with a concrete change in your behavior or in a system, not only a lesson.',
    ],
    followUps: [
      'Who did you tell first, and how?',
      'Could the same kind of mistake happen today? What stops it?',
      'How did you help others avoid it?',
    ],
    signals: ['leadership', 'communication', 'delivery'],
    guide: {
      strongAnswer: [
        {
          point: 'Owns a real mistake in the first person and states its cost plainly',
          signal: 'communication',
        },
        {
          point: 'Contained the damage quickly and told affected people early, before being asked',
          signal: 'leadership',
        },
        {
          point:
            'Prioritized fixing the impact over protecting their image, and explains trade-offs ' +
            'made under time pressure',
          signal: 'delivery',
        },
        {
          point:
            'Analyzes why it happened in terms of their own reasoning at the time, not just the ' +
            'trigger',
          signal: 'communication',
        },
        {
          point:
            'Describes a durable change, such as a check, a habit or a safeguard, that also ' +
            'protects others',
          signal: 'leadership',
        },
        {
          point: 'Offers evidence the change has worked or been tested since',
          signal: 'delivery',
        },
      ],
      levels: {
        weak:
          'Offers a disguised strength ("I cared too much") or a mistake that was really ' +
          'someone else; no cost and no change.',
        mid:
          'A genuine mistake, fixed responsibly, with a general lesson such as "test more" but ' +
          'no specific change.',
        senior:
          'Owns a consequential mistake plainly, describes fast containment and honest ' +
          'disclosure, diagnoses their own reasoning, and shows a concrete safeguard that has ' +
          'since proved itself.',
      },
    },
  },
  {
    id: 'product-cross-functional-conference-deadline',
    roundType: 'product-cross-functional',
    title: 'The conference deadline',
    body: 'Your product manager has committed to demoing a new collaborative editing feature at an industry conference in six weeks, and marketing has already booked the keynote slot. Your team estimates the feature as designed at about ten weeks, two of which are hardening work nobody will see in a demo. How do you handle this?',
    hints: [
      'Ask what the demo actually needs to prove, and to whom.',
      'Separate what must exist on stage from what must exist for real customers, and when.',
      'Look for a scope cut, a staged release or a risk trade you can put to the PM in writing ' +
        'as options.',
    ],
    followUps: [
      'The PM insists on general availability at the conference. What now?',
      'How do you keep the hardening work from being dropped once the demo succeeds?',
      'Your team is visibly frustrated about the date. What do you say to them?',
    ],
    signals: ['delivery', 'framing', 'leadership', 'communication'],
    guide: {
      strongAnswer: [
        {
          point:
            'Clarifies the goal behind the date: what the demo must show, to which audience, and ' +
            'whether general availability or a preview is required',
          signal: 'framing',
        },
        {
          point:
            'Breaks down the estimate to find what drives the ten weeks and where the ' +
            'uncertainty sits',
          signal: 'delivery',
        },
        {
          point:
            'Offers options with costs: a preview for design partners, a flagged staged ' +
            'rollout, or extra people on separable parts',
          signal: 'delivery',
        },
        {
          point:
            'Makes the risk of skipping hardening concrete (lost edits, corrupted documents) ' +
            'and keeps it in the plan with a date',
          signal: 'delivery',
        },
        {
          point:
            'Aligns PM, marketing and the team on one written plan with decision owners and ' +
            'checkpoints',
          signal: 'leadership',
        },
        {
          point: 'Tells the team honestly what was traded and why',
          signal: 'communication',
        },
      ],
      levels: {
        weak:
          'Either accepts the date and plans overtime or refuses it outright; no options and ' +
          'no questions about the goal.',
        mid:
          'Proposes cutting scope to fit six weeks, but treats the PM as an adversary and ' +
          'leaves post-demo hardening vague.',
        senior:
          'Asks what the conference really needs, presents two or three costed options, ' +
          'protects data-integrity work, gets written agreement on a staged plan, and brings ' +
          'the team along.',
      },
    },
  },
  {
    id: 'product-cross-functional-sales-promise',
    roundType: 'product-cross-functional',
    title: 'A promise made by sales',
    body: 'A sales lead closes a large enterprise deal after telling the customer that single sign-on with their identity provider and an audit log "will be ready next quarter." Nobody in engineering was consulted, and next quarter is already full of work the product team considers critical. The VP of Sales has asked you and your PM to make it happen. What do you do?',
    hints: [
      'Find out exactly what was promised, in writing, and what the customer needs by when.',
      'Consider the cost of each path, including the cost of breaking the promise.',
      'Think about preventing a repeat without damaging the relationship with sales.',
    ],
    followUps: [
      'The customer needs single sign-on at launch, but the audit log can wait. How does your ' +
        'plan change?',
      'Which roadmap item would you delay, and how do you tell its stakeholders?',
      'What process change would you propose, and to whom?',
    ],
    signals: ['delivery', 'framing', 'leadership', 'communication'],
    guide: {
      strongAnswer: [
        {
          point:
            'Gets the facts first: the contract wording, the real customer deadline, which ' +
            'identity provider, and which audit events matter',
          signal: 'framing',
        },
        {
          point:
            'Sizes the work and finds a narrower first version, such as one identity provider ' +
            'and an audit log of admin actions only',
          signal: 'delivery',
        },
        {
          point:
            'Lays out costed options: displace a named roadmap item, borrow people, deliver in ' +
            'parts, or renegotiate',
          signal: 'delivery',
        },
        {
          point:
            'Weighs the revenue at stake against the delay cost of what moves, and names the ' +
            'outcome to track',
          signal: 'delivery',
        },
        {
          point:
            'Brings PM, sales and leadership to one decision with explicit owners instead of ' +
            'deciding alone',
          signal: 'leadership',
        },
        {
          point: 'Communicates without blame to sales and to the team whose work moves',
          signal: 'communication',
        },
        {
          point:
            'Proposes a light intake rule for the future, such as engineering sign-off on dated ' +
            'commitments above a deal size',
          signal: 'leadership',
        },
      ],
      levels: {
        weak:
          'Complains that sales overstepped, then either refuses or quietly squeezes the work ' +
          'in at the expense of the roadmap.',
        mid:
          'Scopes a smaller version and negotiates a trade with the PM; communication with ' +
          'sales and the process fix are thin.',
        senior:
          'Pins down the real commitment, proposes a narrow first version with costed options, ' +
          'drives a joint decision with clear owners, and fixes the intake process without ' +
          'blame.',
      },
    },
  },
  {
    id: 'product-cross-functional-onboarding-drop',
    roundType: 'product-cross-functional',
    title: 'Onboarding completion dropped',
    body: 'Two weeks after your team shipped a redesigned signup flow, the data team reports that the share of new users completing onboarding fell from 62 percent to 54 percent. The designer believes the new flow is better and the numbers are noise; the PM wants to roll back. You own the engineering side of the flow. What do you do?',
    hints: [
      'Before taking a side, check whether the drop is real and whether the measurement changed.',
      'Segment the drop by platform, traffic source and funnel step.',
      'Consider a move that limits damage while you learn, such as a partial rollback or a ' +
        'split test.',
    ],
    followUps: [
      'The drop is only on Android. What do you look at next?',
      'Once the data is in, the designer and PM still disagree. How is it decided?',
      'What would you change about how the team ships flows like this next time?',
    ],
    signals: ['delivery', 'framing', 'leadership', 'communication'],
    guide: {
      strongAnswer: [
        {
          point:
            'Frames the questions: is the drop real, did the release cause it, and what does ' +
            'each week of waiting cost',
          signal: 'framing',
        },
        {
          point:
            'Checks for instrumentation changes, cohort mix and seasonality, then segments by ' +
            'step and platform',
          signal: 'delivery',
        },
        {
          point:
            'Stabilizes first: splits traffic or reverts for the worst segment while ' +
            'investigating, keeping the step reversible',
          signal: 'delivery',
        },
        {
          point:
            'Agrees a decision rule with PM and designer before results arrive: metric, ' +
            'threshold, duration',
          signal: 'leadership',
        },
        {
          point:
            'Shares findings neutrally with PM, designer and data team, keeping the debate on ' +
            'evidence',
          signal: 'communication',
        },
        {
          point: 'Changes the default so future flows ship as experiments with guardrail metrics',
          signal: 'delivery',
        },
      ],
      levels: {
        weak:
          'Picks a side at once, rolling back or defending the design, without checking the ' +
          'data.',
        mid:
          'Investigates the data and finds a plausible cause, but makes the call alone or ' +
          'leaves PM and designer unaligned.',
        senior:
          'Verifies the drop, limits damage reversibly while learning, agrees a decision rule ' +
          'with PM and designer up front, and changes how the team ships so the next flow is ' +
          'measured from day one.',
      },
    },
  },
  {
    id: 'executive-platform-investment-case',
    roundType: 'executive',
    title: 'Making the case for platform work',
    body: 'You believe your product engineering group should spend most of next quarter on platform work: consolidating three deployment pipelines and reworking a data model that slows every feature. The CEO cares most about two product launches planned for the same quarter. You have ten minutes with the CEO and CTO. Make the case, or tell me why you would not.',
    hints: [
      'Lead with the business outcome the investment serves, not the technical problem.',
      'Quantify the drag today and what changes afterward, even with rough numbers.',
      'Offer options that avoid an all-or-nothing choice between platform work and launches.',
    ],
    followUps: [
      'The CEO approves only one of the two platform pieces. Which one, and why?',
      'How will you know in six weeks whether the investment is paying off?',
      'What do you tell the teams whose launch moves?',
    ],
    signals: ['leadership', 'delivery', 'communication', 'framing', 'architecture'],
    guide: {
      strongAnswer: [
        {
          point:
            'Frames it as a business decision: which launches are at risk and what the current ' +
            'drag costs in weeks or incidents',
          signal: 'framing',
        },
        {
          point:
            'Brings evidence: lead time, change failure rate, share of feature work spent ' +
            'working around the data model',
          signal: 'delivery',
        },
        {
          point:
            'Explains the technical change at executive altitude with one key architectural ' +
            'trade-off',
          signal: 'architecture',
        },
        {
          point:
            'Offers options (full quarter, phased alongside one launch, minimum slice) with the ' +
            'risk and payback of each',
          signal: 'delivery',
        },
        {
          point:
            'Recommends one, says what they would give up, and names leading indicators to ' +
            'review at checkpoints',
          signal: 'leadership',
        },
        {
          point: 'Stays brief and structured, answers pushback directly, and adjusts',
          signal: 'communication',
        },
        {
          point: 'Says how the decision reaches the teams and who owns each part',
          signal: 'leadership',
        },
      ],
      levels: {
        weak:
          'Argues that the code is bad and engineers are unhappy; no numbers, no options, and ' +
          'defensive when the CEO pushes on the launches.',
        mid:
          'Makes a reasoned case with some data, but as a single all-or-nothing request pitched ' +
          'at too technical a level.',
        senior:
          'Frames it as a launch-risk decision, quantifies the drag, offers costed options with ' +
          'a recommendation and checkpoints, and stays concise and open under pushback.',
      },
    },
  },
  {
    id: 'executive-delivering-bad-news',
    roundType: 'executive',
    title: 'Telling leadership it will not happen',
    body: 'Tell me about a time you had to tell senior leadership that something they were counting on would not happen as committed: a date, a capability or a result. How did you find out, how did you decide what to say and when, and what happened next?',
    hints: [
      'Describe when you first saw signs the commitment was at risk, and what you did with them.',
      'Explain how you structured the message: what you led with and what you offered.',
      'Close with the result and what you have changed about forecasting or escalating since.',
    ],
    followUps: [
      'Looking back, when could leadership have been told earlier?',
      'What did you recommend, and did they take it?',
      'How did this affect trust between you and that leader afterward?',
    ],
    signals: ['leadership', 'delivery', 'communication', 'framing', 'architecture'],
    guide: {
      strongAnswer: [
        {
          point: 'Explains how and how early the risk was detected, and which signals showed it',
          signal: 'delivery',
        },
        {
          point:
            'Framed it as a decision for leadership rather than just news: impact, options and a ' +
            'recommendation',
          signal: 'framing',
        },
        {
          point:
            'Explains the technical cause of the slip at the right altitude, without hiding ' +
            'behind detail',
          signal: 'architecture',
        },
        {
          point: 'Delivered it directly and early, owning their part without deflecting',
          signal: 'communication',
        },
        {
          point: 'Led the team through the replan and kept blame off individuals',
          signal: 'leadership',
        },
        {
          point: 'Gives the outcome and a lasting change in how the team forecasts or escalates',
          signal: 'delivery',
        },
        {
          point: 'Reflects on what they would do differently next time',
          signal: 'communication',
        },
      ],
      levels: {
        weak:
          'Waited until the date passed or let a manager deliver the news; the story centers ' +
          'on external causes.',
        mid:
          'Escalated in reasonable time with an explanation, but arrived without options or a ' +
          'recommendation.',
        senior:
          'Raised the risk early with evidence, brought options and a recommendation, owned ' +
          'their part, led the replan, and changed how the team forecasts.',
      },
    },
  },
  {
    id: 'executive-first-ninety-days',
    roundType: 'executive',
    title: 'Your first 90 days',
    body: 'You join as the most senior engineer in a 25-person product group. Leadership says delivery is slow and quality is slipping; the engineers say they are buried in interrupts and legacy work. There is no written architecture, and the last two tech leads left within a year. What do you do in your first 90 days?',
    hints: [
      'Consider what you need to learn before you change anything, and from whom.',
      'Look for an early, visible improvement that builds credibility without locking in a big ' +
        'decision.',
      'Decide which calls you should make yourself, which you should enable others to make, and ' +
        'how you will report progress.',
    ],
    followUps: [
      'At day 30 you conclude the core service needs a rewrite. What do you do with that?',
      'One of the strongest engineers is openly cynical about yet another leader arriving. What ' +
        'do you do?',
      'What do you tell leadership at day 90, and which numbers do you show?',
    ],
    signals: ['leadership', 'delivery', 'communication', 'framing', 'architecture'],
    guide: {
      strongAnswer: [
        {
          point:
            'Treats the first weeks as diagnosis: one-on-ones, incident history, on-call load ' +
            'and delivery data, before prescribing anything',
          signal: 'framing',
        },
        {
          point:
            'Agrees with leadership and engineers what success at 90 days means and how it is ' +
            'measured (lead time, interrupt load, escaped defects)',
          signal: 'delivery',
        },
        {
          point: 'Lands one or two early wins that cut interrupt load and earn trust',
          signal: 'delivery',
        },
        {
          point:
            'Produces a lightweight architecture map and a short list of structural problems, ' +
            'each with a proposal',
          signal: 'architecture',
        },
        {
          point:
            'Builds leadership capacity: grows tech leads, introduces decision records, ' +
            'distributes ownership instead of centralizing it',
          signal: 'leadership',
        },
        {
          point:
            'Avoids irreversible bets early and names the evidence that would justify a larger ' +
            'change',
          signal: 'leadership',
        },
        {
          point:
            'Communicates regularly up and down, states trade-offs openly, and adjusts the plan ' +
            'as they learn',
          signal: 'communication',
        },
      ],
      levels: {
        weak:
          'Announces a rewrite or a process from their last company in week one; no listening ' +
          'and no measures.',
        mid:
          'Plans a listening phase and some quick wins, but success is undefined and decisions ' +
          'stay centralized in themselves.',
        senior:
          'Diagnoses before prescribing, agrees measurable goals, lands an early win that ' +
          'relieves the team, maps the architecture, grows other leaders, and defers ' +
          'irreversible bets until evidence supports them.',
      },
    },
  },
];
