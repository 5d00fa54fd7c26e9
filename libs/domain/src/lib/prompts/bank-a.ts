import type { Prompt } from '../model';

const PROFILE_CACHE_SNIPPET = `const cache = new Map<string, Profile>();

export async function getProfile(userId: string): Promise<Profile> {
  if (cache.has(userId)) {
    return cache.get(userId)!;
  }
  try {
    const res = await fetch(PROFILE_URL + '/users/' + userId);
    const profile = (await res.json()) as Profile;
    cache.set(userId, profile);
    return profile;
  } catch (err) {
    console.log('profile fetch failed', err);
    return {} as Profile;
  }
}

export function updateDisplayName(userId: string, name: string) {
  const profile = cache.get(userId);
  if (profile) profile.displayName = name;
  return api.patch('/users/' + userId, { displayName: name });
}`;

const CHARGE_RETRY_SNIPPET = `import logging
import time

def charge_with_retry(gateway, order, card):
    attempts = 0
    while True:
        try:
            result = gateway.charge(amount=order.total, card=card)
            order.status = "paid"
            order.save()
            return result
        except Exception as e:
            attempts += 1
            logging.warning(f"charge failed for {card.number}: {e}")
            if attempts > 5:
                order.status = "failed"
                order.save()
                raise
            time.sleep(2 ** attempts)`;

const ORDER_EXPORT_SNIPPET = `export async function exportOrders(accountId: string, out: Writable) {
  const pageSize = 500;
  let page = 0;
  while (true) {
    const rows = await db.query(
      'SELECT * FROM orders WHERE account_id = $1 ' +
        'ORDER BY created_at DESC LIMIT $2 OFFSET $3',
      [accountId, pageSize, page * pageSize],
    );
    for (const row of rows) out.write(toCsvLine(row));
    if (rows.length < pageSize) break;
    page++;
  }
}`;

export const PROMPTS_A: readonly Prompt[] = [
  {
    id: 'recruiter-screen-recent-impact',
    roundType: 'recruiter-screen',
    title: 'Your most meaningful recent work',
    body:
      'I am not an engineer, so explain this as you would to a smart friend outside ' +
      'the field. What piece of work from the last year or two are you proudest of? ' +
      'Tell me what problem it solved, who it was for, what you personally did, and ' +
      'how you know it worked. Aim for about three minutes; I will ask follow-ups.',
    hints: [
      'Start with the problem and who felt it before describing anything you built.',
      'Separate what you personally decided or did from what the team did.',
      'Close with a result someone outside engineering would care ' +
        'about: a number, a date hit, a complaint that stopped.',
    ],
    followUps: [
      'If your manager told this story, what would they say you could have done better?',
      'What did you deliberately leave out of scope, and how did you decide?',
      'Who else had to change how they worked because of this, and how did you bring them along?',
    ],
    signals: ['communication', 'delivery', 'framing', 'leadership'],
    guide: {
      strongAnswer: [
        {
          point:
            'Opens with the user or business problem in one ' +
            'or two plain sentences, before any technology',
          signal: 'communication',
        },
        {
          point:
            'Sizes the stakes: who was affected, how often, ' +
            'and what leaving it alone would have cost',
          signal: 'framing',
        },
        {
          point:
            'States their own role and one or two decisions they ' +
            'made, saying "I" for decisions and "we" for team work',
          signal: 'leadership',
        },
        {
          point: 'Explains how scope was cut or sequenced so something useful shipped early',
          signal: 'delivery',
        },
        {
          point:
            'Names a measurable outcome (adoption, latency, ' +
            'revenue, support tickets) and how it was measured',
          signal: 'delivery',
        },
        {
          point:
            'Adjusts jargon and depth when a follow-up ' +
            'comes, checking which level of detail is useful',
          signal: 'communication',
        },
        {
          point: 'Reflects briefly on what they would do differently next time',
          signal: 'communication',
        },
      ],
      levels: {
        weak:
          'Lists technologies and tasks in chronological order, says "we" throughout, ' +
          'and cannot say what changed for users or how success was known.',
        mid:
          'Tells a clear story with a real outcome, but the personal contribution ' +
          'is blurry and scope or trade-off decisions surface only when asked.',
        senior:
          'Leads with the problem and its stakes, names their own decisions ' +
          'and the scope they cut, quantifies the outcome, and tunes the ' +
          'detail to a non-technical listener without being asked.',
      },
    },
  },
  {
    id: 'recruiter-screen-why-this-move',
    roundType: 'recruiter-screen',
    title: 'Why this move, why now',
    body:
      'The role is senior backend engineer on a twelve-person payments platform ' +
      'team that ships weekly and shares an on-call rotation. Why are you ' +
      'looking right now, and what do you hope the next role gives you that ' +
      'your current one does not? What would make you turn down an offer from ' +
      'us? Be as candid as you like; this helps me route you to the right team.',
    hints: [
      'It is fine to name what is not working today; ' +
        'keep it about the work rather than about people.',
      'Connect what you want next to something specific in the role description.',
      'Mention one or two hard constraints (on-call, location, ' +
        'level, timing) so there are no surprises later.',
    ],
    followUps: [
      'Which part of this role do you expect to find hardest, and why?',
      'If you had two offers at the same pay, what would decide between them?',
      'How do you feel about the on-call rotation, and what does a healthy one look like to you?',
    ],
    signals: ['communication', 'delivery', 'framing', 'leadership'],
    guide: {
      strongAnswer: [
        {
          point:
            'Gives a direct, honest reason for looking in a ' +
            'sentence or two, without disparaging colleagues',
          signal: 'communication',
        },
        {
          point:
            'Asks a question that sharpens the fit (the roadmap, what senior ' +
            'means on this team, how on-call load is shared) and uses the answer',
          signal: 'framing',
        },
        {
          point:
            'Names concrete things they want next (scope, domain, ownership) ' +
            'and links them to payments work and a weekly release cadence',
          signal: 'delivery',
        },
        {
          point:
            'Shows interest in the product: who relies on a ' +
            'payments platform and what reliability means to them',
          signal: 'delivery',
        },
        {
          point:
            'Mentions raising the team around them, e.g. mentoring ' +
            'or improving on-call, as part of what they want',
          signal: 'leadership',
        },
        {
          point:
            'States constraints and deal-breakers up front: ' +
            'level, location, start date, on-call expectations',
          signal: 'communication',
        },
      ],
      levels: {
        weak:
          'Talks only about pay or escaping a bad manager, has no view of ' +
          'this role, and hedges on constraints until late in the process.',
        mid:
          'Gives a sincere reason and a reasonable wish list, ' +
          'but it is generic enough to say to any company.',
        senior:
          'Is candid and specific, ties their goals to this team, its ' +
          'product and its cadence, asks one question that sharpens the ' +
          'fit, and surfaces constraints early so nobody wastes time.',
      },
    },
  },
  {
    id: 'recruiter-screen-scope-and-level',
    roundType: 'recruiter-screen',
    title: 'Scope of your current role',
    body:
      'Help me calibrate the level we should interview you for. Describe your current ' +
      'team and what you own: systems, decisions, people. Give me one example of a ' +
      'decision you made that other engineers or teams depended on, and how it turned ' +
      'out. Then tell me what you think the next level up would ask of you.',
    hints: [
      'Describe scope in terms of ownership and consequences, not job title or years.',
      'Pick an example where the decision affected people beyond your own tasks.',
      'For the next level, name one specific gap and what you are doing about it.',
    ],
    followUps: [
      'Who would disagree with how you described your scope, and what would they say?',
      'What did you stop doing or hand off as your scope grew?',
      'How large was the blast radius if that decision had been wrong?',
    ],
    signals: ['communication', 'delivery', 'leadership', 'framing'],
    guide: {
      strongAnswer: [
        {
          point: 'Summarizes team size, product area and what they own in under a minute',
          signal: 'communication',
        },
        {
          point:
            'Picks a decision with impact beyond their team and describes ' +
            'what was unclear at the start and how they made it decidable',
          signal: 'framing',
        },
        {
          point: 'States the options that were on the table and why they chose one',
          signal: 'leadership',
        },
        {
          point: 'Explains how the decision was timed against a product milestone or a known risk',
          signal: 'delivery',
        },
        {
          point:
            'Describes how others were brought along: a ' +
            'design doc, a review, support during migration',
          signal: 'leadership',
        },
        {
          point:
            'Reports the outcome in user or business terms, including what did not go as planned',
          signal: 'delivery',
        },
        {
          point:
            'Names a concrete gap for the next level and ' +
            'the evidence they are building to close it',
          signal: 'communication',
        },
      ],
      levels: {
        weak:
          'Equates scope with title or tenure, offers a task they were assigned ' +
          'rather than a decision they made, and has no view of the next level.',
        mid:
          'Describes real ownership and a sound decision inside their ' +
          'team, but the impact on others and the outcome stay vague.',
        senior:
          'Gives a crisp picture of what they own, walks through a ' +
          'decision others depended on with its options and outcome, ' +
          'and names a specific growth gap with evidence of work on it.',
      },
    },
  },
  {
    id: 'hiring-manager-slipping-project',
    roundType: 'hiring-manager',
    title: 'The project that was slipping',
    body:
      'Tell me about a project you were responsible for that was clearly going to miss its date. ' +
      'When did you notice, what did you do, and what happened in the end? I am interested in ' +
      'the decisions you made and the conversations you had, not only the technical fix.',
    hints: [
      'Start with how you knew it was slipping: the signal, not only the feeling.',
      'Describe the options you laid out (cut scope, add ' +
        'people, move the date) and who made the call.',
      'Finish with what you changed afterwards so it was less likely to happen again.',
    ],
    followUps: [
      'What did you tell stakeholders, and when? Would you tell them earlier next time?',
      'Was anyone on the team struggling under the pressure, and what did you do about it?',
      'Which part of the technical design made the slip ' +
        'worse, and would you design it differently now?',
    ],
    signals: ['leadership', 'delivery', 'communication', 'architecture'],
    guide: {
      strongAnswer: [
        {
          point:
            'Names the early indicator of the slip (integration failing, ' +
            'a dependency late, estimates drifting) and when they saw it',
          signal: 'delivery',
        },
        {
          point:
            'Lays out concrete options with their cost to users and ' +
            'to the team: cut scope, phase the release, move the date',
          signal: 'delivery',
        },
        {
          point:
            'Escalates early to their manager or product ' +
            'partner with a recommendation, not only a problem',
          signal: 'leadership',
        },
        {
          point:
            'Explains a technical choice that reduced risk, such as ' +
            'shipping behind a flag or decoupling the risky dependency',
          signal: 'architecture',
        },
        {
          point:
            'Shows how they protected the team: re-planned ' +
            'work, removed blockers, avoided relying on heroics',
          signal: 'leadership',
        },
        {
          point: 'States the outcome plainly, including what was lost or deferred',
          signal: 'communication',
        },
        {
          point: 'Describes a lasting change to process or design that came out of it',
          signal: 'leadership',
        },
      ],
      levels: {
        weak:
          'Blames a dependency or another team, describes working ' +
          'weekends to catch up, and cannot say what they would change.',
        mid:
          'Noticed the slip and raised it, cut some scope, and shipped late ' +
          'but acceptably; their own decisions blur into the team story.',
        senior:
          'Caught the slip from a concrete signal, brought options with trade-offs ' +
          'to stakeholders early, used a reversible technical path to reduce risk, ' +
          'protected the team, and changed something lasting afterwards.',
      },
    },
  },
  {
    id: 'hiring-manager-first-ninety-days',
    roundType: 'hiring-manager',
    title: 'Your first ninety days here',
    body:
      'Suppose you join this team. Releases go out every two weeks but often slip, CI ' +
      'takes about forty minutes and fails intermittently, two of the six engineers ' +
      'are new, and product wants a self-serve billing portal by the end of the ' +
      'quarter. How would you spend your first ninety days? Tell me what you would do ' +
      'first, what you would leave alone, and how I would know it was working.',
    hints: [
      'Consider what you need to learn before you change anything.',
      'You cannot fix everything and also ship the portal; say what you would trade.',
      'Give one or two measures you would report back on at thirty and at ninety days.',
    ],
    followUps: [
      'The most senior engineer thinks CI is fine and that you are overreacting. What do you do?',
      'Halfway through, product pulls the portal deadline in by a month. What changes?',
      'How would you help the two new engineers become productive without slowing the portal down?',
    ],
    signals: ['leadership', 'delivery', 'communication', 'architecture'],
    guide: {
      strongAnswer: [
        {
          point:
            'Starts with a listening phase: reads recent incidents and ' +
            'the backlog, pairs with each engineer, asks before proposing',
          signal: 'leadership',
        },
        {
          point:
            'Asks what success for the portal means to its ' +
            'users and which part is truly due by quarter end',
          signal: 'delivery',
        },
        {
          point:
            'Prioritizes out loud: the portal is the committed ' +
            'outcome, and CI pain is tackled where it blocks the portal',
          signal: 'delivery',
        },
        {
          point:
            'Proposes a concrete, low-risk CI improvement (quarantine ' +
            'flaky tests, parallelize, track the flake rate) with an owner',
          signal: 'architecture',
        },
        {
          point:
            'Uses onboarding as a lever: pairing, a written setup ' +
            'guide, a first small portal slice for each new engineer',
          signal: 'leadership',
        },
        {
          point:
            'Names checkpoints for thirty and ninety days, such as ' +
            'release slip rate, CI duration and portal milestones',
          signal: 'delivery',
        },
        {
          point: 'Says what they would deliberately not change yet, and why',
          signal: 'communication',
        },
      ],
      levels: {
        weak:
          'Jumps to rewriting CI or reorganizing the process in week one, or ' +
          'says only that they would get up to speed and start taking tickets.',
        mid:
          'Has a sensible learn-then-help plan that mentions both the portal and ' +
          'CI, but does not choose between them or define how success is measured.',
        senior:
          'Listens first, anchors on the committed outcome, ties CI fixes ' +
          'to that outcome, uses onboarding to build capacity, names ' +
          'measurable checkpoints, and says what they will leave alone.',
      },
    },
  },
  {
    id: 'hiring-manager-rewrite-debate',
    roundType: 'hiring-manager',
    title: 'Rewrite or keep going',
    body:
      'Tell me about a time you and your team disagreed about whether to rewrite or ' +
      'replace a significant system or to improve it in place. What was your position, how ' +
      'was the decision made, and how did it turn out? If you have not faced a rewrite, ' +
      'pick any large technical direction call where you held a view others did not share.',
    hints: [
      'Describe the system and what was painful about it in concrete terms.',
      'Give the strongest version of the argument you disagreed with.',
      'Tell me how the decision was made and what you ' +
        'did after it, especially if it went against you.',
    ],
    followUps: [
      'What evidence would have changed your mind at the time?',
      'How did you keep the people who lost the argument engaged?',
      'Looking back, what did the decision cost in time or quality that nobody predicted?',
    ],
    signals: ['leadership', 'delivery', 'architecture', 'communication'],
    guide: {
      strongAnswer: [
        {
          point:
            'Describes the pain in measurable terms: incident rate, ' +
            'lead time for changes, time to onboard an engineer',
          signal: 'architecture',
        },
        {
          point:
            'States the options, including an incremental ' +
            'path that replaces the old system piece by piece',
          signal: 'architecture',
        },
        {
          point: 'Presents the opposing view fairly and what each side was optimizing for',
          signal: 'communication',
        },
        {
          point:
            'Ties the choice to delivery risk: what customers would ' +
            'wait for, how long old and new would run side by side',
          signal: 'delivery',
        },
        {
          point:
            'Explains how they moved the decision forward: a written ' +
            'proposal, a time-boxed spike, agreed criteria, a named decider',
          signal: 'leadership',
        },
        {
          point:
            'Shows disagree-and-commit behavior, or how they ' +
            'brought dissenters along once the call was made',
          signal: 'leadership',
        },
        {
          point: 'Reports the outcome honestly and what it taught them about their own judgment',
          signal: 'communication',
        },
      ],
      levels: {
        weak:
          'Tells the story as being right while others were wrong, has ' +
          'no data on the pain, and cannot describe the other side.',
        mid:
          'Makes a reasonable technical argument and reports a clear outcome, ' +
          'but the decision process and their influence on others are thin.',
        senior:
          'Quantifies the pain, weighs a rewrite against an incremental path ' +
          'on delivery risk, states the opposing view at its strongest, drives ' +
          'a clear decision, and reflects on what the outcome taught them.',
      },
    },
  },
  {
    id: 'online-assessment-log-dedup',
    roundType: 'online-assessment',
    title: 'Collapse repeated log lines',
    body:
      'Write a function that takes an array of log records, each { ts, service, message ' +
      '} with ts in epoch seconds, and returns the records with repeats collapsed. A ' +
      'record is a repeat when the same service logged the same message less than 60 ' +
      'seconds earlier. Each output record keeps the first timestamp of its run and ' +
      'gains a count field. Input is usually, but not always, sorted by time. Hidden ' +
      'tests will grade your solution; note your assumptions in a comment at the top.',
    hints: [
      'Decide whether the 60-second window is measured from the first ' +
        'record of a run or from the latest repeat, and write down which.',
      'A map keyed by service and message, holding the currently open ' +
        'output record, lets you do this in one pass over sorted input.',
      'Sort a copy by timestamp with a stable sort so equal ' +
        'timestamps keep their input order, then make the single pass.',
    ],
    followUps: [
      'The input is now a 50 GB file read line by line. What ' +
        'changes in memory use and in when output is emitted?',
      'Many messages differ only by a request id or a number. ' +
        'How would you treat those as the same message?',
      'Which hidden test cases would you expect the grader ' +
        'to include, and which did you write yourself?',
    ],
    signals: ['coding', 'framing', 'communication'],
    guide: {
      strongAnswer: [
        {
          point:
            'Writes assumptions first: which record anchors the window, ' +
            'whether exactly 60 seconds counts, and the order of the output',
          signal: 'framing',
        },
        {
          point:
            'Handles unsorted input on purpose, with a stable ' +
            'sort on a copy rather than mutating the argument',
          signal: 'coding',
        },
        {
          point:
            'Uses one map keyed by service and message to track open ' +
            'runs, for O(n log n) overall and O(n) on sorted input',
          signal: 'coding',
        },
        {
          point:
            'Builds a collision-safe key (a nested map or a safe ' +
            'separator) so different service and message pairs cannot merge',
          signal: 'coding',
        },
        {
          point:
            'Tests the boundaries: exactly 60 seconds apart, the ' +
            'same message from two services, empty input, one record',
          signal: 'coding',
        },
        {
          point: 'States time and space complexity and what would change for streamed input',
          signal: 'communication',
        },
      ],
      levels: {
        weak:
          'Compares each record with every earlier one, ignores ' +
          'unsorted input, and passes only the visible examples.',
        mid:
          'Produces a correct map-based solution for sorted input with a few tests, ' +
          'but leaves the window definition and ordering assumptions implicit.',
        senior:
          'Pins down the window semantics in a comment, sorts defensively, writes a clean single ' +
          'pass with a collision-safe key, tests the 60-second boundary, and states complexity.',
      },
    },
  },
  {
    id: 'online-assessment-inventory-ledger',
    roundType: 'online-assessment',
    title: 'Replay an inventory ledger',
    body:
      'A warehouse service emits events as text lines: "RESTOCK sku qty", "RESERVE orderId sku ' +
      'qty", "CANCEL orderId" and "SHIP orderId". Write a function that replays a list of these ' +
      'lines and returns the final available quantity per SKU plus every rejected line with a ' +
      'reason. A reservation that exceeds available stock is rejected. Decide, and document in ' +
      'a comment, how you treat malformed lines, unknown orders and repeated order ids.',
    hints: [
      'Keep two pieces of state: available stock per SKU and the status of each order.',
      'Parse each line into a typed event first, so validation ' +
        'and state changes live in separate functions.',
      'Cancel should return stock only for an open reservation; decide ' +
        'what a cancel after ship or a second cancel does, and test it.',
    ],
    followUps: [
      'Events now arrive from two warehouses, interleaved. What breaks?',
      'How would you make replay resumable from a checkpoint instead of from the beginning?',
      'A product manager asks why an order was rejected last ' +
        'Tuesday. What would you change so that is easy to answer?',
    ],
    signals: ['coding', 'framing', 'communication'],
    guide: {
      strongAnswer: [
        {
          point:
            'Lists the rules assumed: reserve lowers available stock at once, ship ' +
            'finalizes, cancel after ship is rejected, a reused order id is rejected',
          signal: 'framing',
        },
        {
          point:
            'Separates parsing from applying, with a typed ' +
            'event union and explicit rejection reasons',
          signal: 'coding',
        },
        {
          point:
            'Validates quantities so non-numeric, zero or negative ' +
            'values are rejected rather than corrupting stock',
          signal: 'coding',
        },
        {
          point: 'Keeps stock and order status in maps so each event is handled in constant time',
          signal: 'coding',
        },
        {
          point:
            'Tests the transitions: reserve then cancel, reserve then ' +
            'ship then cancel, over-reservation, an unknown order',
          signal: 'coding',
        },
        {
          point:
            'Explains in a short note which cases were ' +
            'ambiguous and how a caller could change the policy',
          signal: 'communication',
        },
      ],
      levels: {
        weak:
          'Handles the happy path with inline string splitting, lets negative or ' +
          'malformed quantities through, and never decides what a cancel after ship means.',
        mid:
          'Models reserve, cancel and ship correctly with maps and rejects ' +
          'over-reservation, but treats edge cases inconsistently and tests only a couple.',
        senior:
          'States the transition rules first, parses into typed events, ' +
          'validates input, implements a small per-order state machine, ' +
          'tests every transition, and documents the judgment calls.',
      },
    },
  },
  {
    id: 'online-assessment-config-diff',
    roundType: 'online-assessment',
    title: 'Diff two configuration trees',
    body:
      'Two versions of a service configuration arrive as parsed JSON values that may nest ' +
      'objects and arrays. Write a function that returns a list of changes, each with a ' +
      'dotted path such as db.pool.max, a kind of added, removed or changed, and the old and ' +
      'new values. Output must be deterministic because it is shown in deploy reviews. Treat ' +
      'arrays however you think a reviewer would find most useful, and explain your choice.',
    hints: [
      'Recurse only when both sides are plain objects; ' +
        'anything else at a path is a leaf comparison.',
      'Sort keys at each level so output order does not depend on insertion order.',
      'For arrays, comparing by index is simplest; say what ' +
        'that reports when an element is inserted at the front.',
    ],
    followUps: [
      'Keys may contain dots. How would you keep paths unambiguous?',
      'Secrets live under keys such as password and token. ' +
        'How would you keep their values out of the diff?',
      'Each config is now 20 MB. Where does your solution spend time and memory?',
    ],
    signals: ['coding', 'framing', 'communication'],
    guide: {
      strongAnswer: [
        {
          point:
            'Settles the array policy (by index or as a whole value) and what ' +
            'a type change such as number to object reports, before coding',
          signal: 'framing',
        },
        {
          point:
            'Writes a recursive walk that tells plain objects, ' +
            'arrays, null and primitives apart correctly',
          signal: 'coding',
        },
        {
          point:
            'Makes output deterministic by sorting keys ' +
            'and building paths in one consistent place',
          signal: 'coding',
        },
        {
          point: 'Treats a key set to null and a missing key as different cases',
          signal: 'coding',
        },
        {
          point:
            'Tests nested additions and removals, type ' +
            'changes, empty objects and identical inputs',
          signal: 'coding',
        },
        {
          point: 'Explains the array trade-off in a comment a reviewer could read in a few seconds',
          signal: 'communication',
        },
      ],
      levels: {
        weak:
          'Compares serialized strings or only the top level, and ' +
          'crashes or misreports on null values and type changes.',
        mid:
          'Writes a working recursive diff for nested objects, but arrays and ' +
          'null are handled by accident and output order is not guaranteed.',
        senior:
          'Decides array, null and type-change semantics up front, ' +
          'writes a clear recursive walk with sorted output, tests the ' +
          'tricky cases, and explains the trade-offs in a brief note.',
      },
    },
  },
  {
    id: 'coding-screen-rate-limiter',
    roundType: 'coding-screen',
    title: 'Per-client rate limiter',
    body:
      'Our public API needs to throttle clients. Implement a class with a method ' +
      'allow(clientId, nowMs) that returns true if a request may proceed and false ' +
      'otherwise, for a limit of 100 requests per minute. Before writing code, talk ' +
      'me through how you interpret that limit. Assume a single process for now.',
    hints: [
      'Decide whether per minute means calendar minutes, a sliding window ' +
        'or a refilling budget; each answers differently at the boundary.',
      'A token bucket needs only a token count and a last-refill time per client.',
      'Consider what happens to memory for clients that ' +
        'sent one request last week and never came back.',
    ],
    followUps: [
      'We now run twenty instances behind a load balancer. ' +
        'What are your options, and what does each cost?',
      'A large customer wants bursts of 500 with the ' +
        'same average rate. How does your design change?',
      'How would you test this without sleeping in the tests?',
    ],
    signals: ['coding', 'framing', 'communication'],
    guide: {
      strongAnswer: [
        {
          point:
            'Asks whether the limit is per client or per API key, whether ' +
            'bursts are acceptable, and how window edges should behave',
          signal: 'framing',
        },
        {
          point:
            'Compares fixed window, sliding log and token bucket ' +
            'in a sentence each, and picks one for stated reasons',
          signal: 'framing',
        },
        {
          point:
            'Implements the chosen approach with clear per-client ' +
            'state and time passed in rather than read from the clock',
          signal: 'coding',
        },
        {
          point:
            'Gets the refill arithmetic right: tokens capped ' +
            'at capacity, no drift from repeated rounding',
          signal: 'coding',
        },
        {
          point:
            'Tests deterministic scenarios: 100 allowed then rejected, ' +
            'refill after time passes, clients independent of each other',
          signal: 'coding',
        },
        {
          point: 'Mentions evicting idle clients and states time and memory complexity',
          signal: 'coding',
        },
        {
          point:
            'Narrates decisions while coding and closes by ' +
            'naming the limits of the single-process design',
          signal: 'communication',
        },
      ],
      levels: {
        weak:
          'Starts coding a counter that resets every 60 seconds without asking what ' +
          'the limit means, reads the real clock, and tests by rereading the code.',
        mid:
          'Picks a reasonable algorithm and implements it correctly with a few ' +
          'tests, but never questions the window semantics or idle-client memory.',
        senior:
          'Clarifies limit semantics and bursts, compares approaches briefly, ' +
          'implements a token bucket with injected time, tests boundaries ' +
          'deterministically, and flags memory and multi-instance limits.',
      },
    },
  },
  {
    id: 'coding-screen-session-stitching',
    roundType: 'coding-screen',
    title: 'Stitch click events into sessions',
    body:
      'Analytics receives click events as { userId, ts } records, with ts in milliseconds. ' +
      'Write a function that groups them into sessions, where a session for a user ends ' +
      'after 30 minutes of inactivity by that user. Return each session with its userId, ' +
      'start, end and event count. Events may arrive out of order, and a user may have ' +
      'thousands of them. Before you start, tell me what else you would need to know.',
    hints: [
      'Ask whether a gap of exactly 30 minutes continues a session or starts a new one.',
      'Group by user first, then sort each group by time; one linear scan then finds the gaps.',
      'Decide what a session with a single event looks ' +
        'like and how duplicate timestamps are counted.',
    ],
    followUps: [
      'Events now arrive as a live stream and each session must ' +
        'be emitted as soon as it closes. What state do you keep?',
      'Some events arrive up to two hours late. How does that affect correctness?',
      'Product wants sessions to also end at midnight in ' +
        'the local time zone of each user. What changes?',
    ],
    signals: ['coding', 'framing', 'communication'],
    guide: {
      strongAnswer: [
        {
          point:
            'Asks about the gap boundary, duplicate events, ' +
            'late arrivals, and whether output order matters',
          signal: 'framing',
        },
        {
          point:
            'States the plan before coding: group by user, ' +
            'sort each group, scan for gaps above the threshold',
          signal: 'framing',
        },
        {
          point:
            'Implements grouping and scanning cleanly, with a named ' +
            'constant for the gap and no mutation of the input',
          signal: 'coding',
        },
        {
          point:
            'Applies the boundary consistently and closes the final open session for every user',
          signal: 'coding',
        },
        {
          point:
            'Tests unsorted input, a gap of exactly 30 minutes, ' +
            'a user with one event, and interleaved users',
          signal: 'coding',
        },
        {
          point:
            'States O(n log n) time from sorting, explains where ' +
            'memory goes, and sketches the streaming variant',
          signal: 'communication',
        },
      ],
      levels: {
        weak:
          'Scans events in arrival order without grouping or sorting, ' +
          'forgets to close the last session, and asks no questions.',
        mid:
          'Groups and sorts correctly and produces sessions, but picks the ' +
          'boundary silently and misses the last-session and exact-gap tests.',
        senior:
          'Clarifies the boundary and late-event policy, states the group-sort-scan plan, writes ' +
          'clean code that closes every session, tests the edge cases, and explains complexity.',
      },
    },
  },
  {
    id: 'coding-screen-deploy-waves',
    roundType: 'coding-screen',
    title: 'Plan deploy waves',
    body:
      'We deploy a set of services that depend on each other, and a service may only ' +
      'be deployed after everything it depends on. Given a map from service name to ' +
      'the names it depends on, return a deploy plan as a list of waves, where all ' +
      'services in one wave can be deployed in parallel. If no valid plan exists, ' +
      'report why. Some dependencies may name services that are not keys in the map.',
    hints: [
      'Treat services as nodes and dependencies as edges; a wave ' +
        'is every service whose dependencies are already deployed.',
      'Track how many undeployed dependencies each service has, and start from those with none.',
      'If services remain when none has zero pending dependencies, ' +
        'they contain a cycle; find one to show in the error.',
    ],
    followUps: [
      'One service in wave two fails to deploy. Which later ' +
        'services should be held back, and which can still go?',
      'Operations wants at most five services per wave. How does the algorithm change?',
      'How would you make the error useful to the engineer who introduced the cycle?',
    ],
    signals: ['coding', 'framing', 'communication'],
    guide: {
      strongAnswer: [
        {
          point:
            'Asks how to treat dependencies missing from the map (external and ' +
            'already live, or an error) and whether order within a wave matters',
          signal: 'framing',
        },
        {
          point: 'Recognizes a layered topological ordering and states the plan before coding',
          signal: 'framing',
        },
        {
          point:
            'Counts pending dependencies per service and builds each ' +
            'wave from the previous one, without quadratic rescans',
          signal: 'coding',
        },
        {
          point:
            'Detects leftover services as a cycle and reports ' +
            'the services involved, ideally one concrete loop',
          signal: 'coding',
        },
        {
          point: 'Sorts names within each wave so output and tests are deterministic',
          signal: 'coding',
        },
        {
          point: 'Tests a chain, a diamond, independent services, a self-dependency and a cycle',
          signal: 'coding',
        },
        {
          point: 'States O(services + dependencies) complexity and summarizes the choices made',
          signal: 'communication',
        },
      ],
      levels: {
        weak:
          'Rescans for deployable services with nested loops, loops ' +
          'forever on a cycle, and ignores unknown dependencies.',
        mid:
          'Implements a correct topological sort and detects that a cycle exists, ' +
          'but returns a flat order instead of waves or gives a vague error.',
        senior:
          'Clarifies the unknown-dependency policy, builds deterministic waves from dependency ' +
          'counts, reports a concrete cycle, tests the tricky graphs, and states complexity.',
      },
    },
  },
  {
    id: 'practical-coding-payment-webhook',
    roundType: 'practical-coding',
    title: 'Harden a payment webhook',
    body:
      'Our payment provider sends webhooks for events such as payment.succeeded and ' +
      'payment.refunded. They carry an HMAC signature header, are retried for up to three days ' +
      'unless we answer 2xx within ten seconds, and can arrive out of order or more than once. ' +
      'Implement the HTTP handler that receives them and updates order status in a database you ' +
      'may stub. We have seen orders marked paid twice and refunds lost, so keep those in mind.',
    hints: [
      'Verify the signature against the raw request body, ' +
        'before parsing, using a constant-time comparison.',
      'Record each provider event id under a unique constraint, so a ' +
        'repeat is recognized and answered 2xx without being applied again.',
      'Out-of-order delivery is easier if you store the event ' +
        'and apply only transitions that move the order forward.',
    ],
    followUps: [
      'Handling an event now requires a slow call to a fulfillment ' +
        'service. How do you stay inside the ten-second window?',
      'How would you know in production that webhooks are failing or being dropped?',
      'The signing secret must be rotated without downtime. What does the handler need?',
    ],
    signals: ['coding', 'production', 'architecture', 'communication'],
    guide: {
      strongAnswer: [
        {
          point:
            'Restates the failure modes (duplicates, reordering, retries, timeouts) ' +
            'and sketches the order state machine before writing the handler',
          signal: 'production',
        },
        {
          point:
            'Verifies the HMAC over the raw body with a ' +
            'constant-time comparison and rejects stale timestamps',
          signal: 'production',
        },
        {
          point:
            'Makes processing idempotent by inserting the event id under a ' +
            'unique constraint in the same transaction as the status change',
          signal: 'production',
        },
        {
          point:
            'Encodes order status as forward-only transitions ' +
            'so a late payment.succeeded cannot undo a refund',
          signal: 'coding',
        },
        {
          point: 'Acknowledges quickly and moves slow work to a queue, keeping the handler small',
          signal: 'architecture',
        },
        {
          point:
            'Tests a duplicate event, a bad signature, a refund ' +
            'arriving before the payment, and a database failure midway',
          signal: 'coding',
        },
        {
          point:
            'Logs with the event id and adds metrics and ' +
            'alerts for signature failures and processing lag',
          signal: 'production',
        },
        {
          point:
            'Says which failures the handler still does not cover and what they would build next',
          signal: 'communication',
        },
      ],
      levels: {
        weak:
          'Parses the JSON and updates the order directly, skips or stubs out the ' +
          'signature check, and treats retries as the problem of the provider.',
        mid:
          'Verifies the signature and dedupes on event id, but dedupes and updates ' +
          'in separate steps, ignores ordering, and tests only the happy path.',
        senior:
          'Verifies signatures on the raw body, records event ids and state changes ' +
          'atomically, enforces forward-only transitions, answers fast with ' +
          'deferred work, tests duplicates and reordering, and instruments the path.',
      },
    },
  },
  {
    id: 'practical-coding-retry-queue',
    roundType: 'practical-coding',
    title: 'In-process retry queue',
    body:
      'Build a small job queue library for a TypeScript or Python service. Callers ' +
      'enqueue jobs with a name and a JSON payload; workers run the handler ' +
      'registered for that name, under a configurable concurrency limit. A failed job ' +
      'is retried with backoff up to a maximum number of attempts, then moved to a ' +
      'dead-letter list that can be inspected and replayed. Storage is in memory for ' +
      'now but should be easy to swap. Build it incrementally and show it working.',
    hints: [
      'Get one job running end to end with a single worker before adding retries or concurrency.',
      'Store the next attempt time on the job, growing per attempt ' +
        'with some jitter, instead of sleeping inside the worker.',
      'Put storage behind a small interface (enqueue, claim due jobs, complete, ' +
        'fail) so a database-backed version can replace the in-memory one.',
    ],
    followUps: [
      'The process crashes while three jobs are running. What happens ' +
        'to them with your design, and with a database-backed store?',
      'A handler hangs forever. How does the queue protect itself?',
      'One tenant enqueues a million jobs. How do other tenants keep making progress?',
    ],
    signals: ['coding', 'production', 'architecture', 'communication'],
    guide: {
      strongAnswer: [
        {
          point:
            'States the guarantees up front: at-least-once delivery, handlers ' +
            'must be idempotent, in-memory jobs are lost on restart for now',
          signal: 'production',
        },
        {
          point:
            'Builds a minimal end-to-end path first and demonstrates it before adding features',
          signal: 'coding',
        },
        {
          point:
            'Implements backoff with jitter and a cap on ' +
            'attempts, recording the last error on the job',
          signal: 'coding',
        },
        {
          point:
            'Enforces the concurrency limit without busy-waiting, ' +
            'with a shutdown that drains in-flight jobs',
          signal: 'coding',
        },
        {
          point: 'Adds a per-job timeout so a hung handler frees its slot and counts as a failure',
          signal: 'production',
        },
        {
          point:
            'Keeps storage behind an interface separate from scheduling, ' +
            'and explains how a durable store would claim jobs with leases',
          signal: 'architecture',
        },
        {
          point:
            'Tests with a fake clock: retry timing, ' +
            'dead-lettering, replay and the concurrency cap',
          signal: 'coding',
        },
        {
          point:
            'Names the metrics that matter (queue depth, age ' +
            'of the oldest job, dead-letter count) and why',
          signal: 'production',
        },
      ],
      levels: {
        weak:
          'Writes a loop that calls handlers inside try/catch with immediate ' +
          'retries, no cap or backoff, and no way to see failed jobs.',
        mid:
          'Builds a working queue with retries, backoff and a dead-letter list, ' +
          'but concurrency and timeouts are shaky and tests rely on real sleeps.',
        senior:
          'States delivery guarantees, grows the queue in tested steps, adds ' +
          'jittered backoff, timeouts and bounded concurrency, isolates storage ' +
          'behind an interface, and explains crash behavior and the metrics to watch.',
      },
    },
  },
  {
    id: 'practical-coding-csv-import',
    roundType: 'practical-coding',
    title: 'Customer CSV import',
    body:
      'Sales teams upload CSV files of customers (name, email, company, plan) to ' +
      'seed new accounts; files range from a few rows to about 200,000. Implement ' +
      'an endpoint or function that imports a file into a customers table you may ' +
      'stub, reports which rows failed and why, and lets a user upload a corrected ' +
      'file again. Real files contain a byte-order mark, quoted commas, blank lines ' +
      'and mixed-case emails. Decide what should happen when half the file is bad.',
    hints: [
      'Use a real CSV parser and stream the file rather than reading it all into memory.',
      'Decide whether an import is all-or-nothing or row by row, ' +
        'and what a second upload does to rows that already exist.',
      'Upserting on a normalized email makes a repeated upload safe.',
    ],
    followUps: [
      'The same file is uploaded twice at the same moment. What happens?',
      'A 200,000-row import times out the HTTP request. How do you restructure it?',
      'Someone uploads names that start with =HYPERLINK(. ' +
        'Why does that matter, and where would you handle it?',
    ],
    signals: ['coding', 'production', 'architecture', 'communication'],
    guide: {
      strongAnswer: [
        {
          point:
            'Decides the partial-failure policy and the meaning of ' +
            'a repeated upload before writing code, and says why',
          signal: 'production',
        },
        {
          point:
            'Streams the file through a proper CSV parser that ' +
            'handles the byte-order mark, quoting and blank lines',
          signal: 'coding',
        },
        {
          point:
            'Validates each row into a typed record, with ' +
            'per-row errors that cite the line number',
          signal: 'coding',
        },
        {
          point:
            'Normalizes emails and upserts in batches inside ' +
            'transactions so repeated uploads are idempotent',
          signal: 'production',
        },
        {
          point:
            'Moves large imports to a background job with ' +
            'progress reporting and a downloadable error report',
          signal: 'architecture',
        },
        {
          point:
            'Tests malformed rows, duplicate emails within one ' +
            'file, a repeated upload, and a large generated file',
          signal: 'coding',
        },
        {
          point:
            'Covers abuse and safety: file size limits, formula ' +
            'injection in exported reports, no customer data in logs',
          signal: 'production',
        },
      ],
      levels: {
        weak:
          'Splits lines on commas, inserts row by row, and fails ' +
          'the whole request on the first bad row with no report.',
        mid:
          'Uses a CSV library, validates rows and reports errors, but a second ' +
          'upload creates duplicates and the large-file case is left to chance.',
        senior:
          'Chooses a partial-failure and re-upload policy, streams and validates ' +
          'with row-level errors, upserts idempotently in batches, moves big files ' +
          'to a background job, and covers size limits, injection and personal data.',
      },
    },
  },
  {
    id: 'code-review-profile-cache',
    roundType: 'code-review',
    title: 'Review a profile cache',
    body:
      'A teammate opened this pull request to cut latency on the profile page, ' +
      'which calls getProfile on every render; the profile service peaks at about ' +
      '2,000 requests per second. Review it as you would a real PR: what must ' +
      'change before merge, what can wait, and what you would say to the author.\n\n' +
      PROFILE_CACHE_SNIPPET,
    hints: [
      'Think about what the cache holds after a week of ' +
        'traffic, and after the profile service returns a 500.',
      'Consider ten renders for the same user arriving before the first fetch resolves.',
      'Look at the order of operations in updateDisplayName, ' +
        'and at what callers hold a reference to.',
    ],
    followUps: [
      'The author says a TTL can come in a follow-up PR. ' +
        'Which of your comments would you block on, and why?',
      'This runs on twelve instances. What does a user see right after changing their name?',
      'How would you measure whether this cache actually improved latency?',
    ],
    signals: ['production', 'coding', 'delivery', 'communication'],
    guide: {
      strongAnswer: [
        {
          point: 'Asks how stale a profile may be and how many distinct users one process sees',
          signal: 'production',
        },
        {
          point:
            'Flags the unbounded Map with no expiry as a memory leak and ' +
            'a source of stale data; proposes a bounded LRU with a TTL',
          signal: 'production',
        },
        {
          point:
            'Spots that res.ok is never checked, so error ' +
            'payloads are cached as if they were profiles',
          signal: 'coding',
        },
        {
          point:
            'Points out that returning an empty profile hides outages; ' +
            'suggests failing visibly or serving stale data behind a metric',
          signal: 'production',
        },
        {
          point:
            'Notes that concurrent misses stampede the service ' +
            'and suggests caching the in-flight promise',
          signal: 'coding',
        },
        {
          point: 'Catches the unencoded userId in the URL and the missing request timeout',
          signal: 'production',
        },
        {
          point:
            'Flags that updateDisplayName mutates a shared cached object before ' +
            'the patch succeeds, and that other instances never see the change',
          signal: 'coding',
        },
        {
          point:
            'Separates blocking issues from follow-ups and words ' +
            'comments so the author learns the pattern, not only the fix',
          signal: 'delivery',
        },
      ],
      levels: {
        weak:
          'Comments on style or the non-null assertion, approves, and ' +
          'misses the unbounded cache and the cached error responses.',
        mid:
          'Finds the memory growth, the missing TTL and the unchecked status, but misses ' +
          'the stampede and the update ordering, and leaves an unprioritized list.',
        senior:
          'Asks about staleness and key count, identifies the leak, cached errors, ' +
          'swallowed failures, stampede, unencoded id and unsafe mutation, and ' +
          'separates must-fix from follow-up in constructive comments.',
      },
    },
  },
  {
    id: 'code-review-charge-retry',
    roundType: 'code-review',
    title: 'Review a charge retry helper',
    body:
      'This helper was added after a spike of card-network timeouts, and it runs inside ' +
      'the checkout request handler. Review it: what could go wrong in production, what ' +
      'would you change, and in what order would you ship the fixes?\n\n' +
      CHARGE_RETRY_SNIPPET,
    hints: [
      'Ask what the gateway has done when the call times out on our side.',
      'Look at everything inside the try block, not only the gateway call.',
      'Add up the worst-case time this holds the checkout request, ' +
        'and read the log line as a compliance auditor would.',
    ],
    followUps: [
      'Finance reports three customers charged twice last ' +
        'week. How would you confirm whether this code did it?',
      'Which fixes would you ship today as a hotfix, and which need a design change?',
      'How would you test the retry behavior without a real gateway?',
    ],
    signals: ['production', 'coding', 'delivery', 'communication'],
    guide: {
      strongAnswer: [
        {
          point:
            'Asks whether the gateway supports idempotency keys and what ' +
            'a client-side timeout says about the state of the charge',
          signal: 'production',
        },
        {
          point:
            'Identifies the double-charge risk: a timed-out charge may have ' +
            'succeeded, and retrying without an idempotency key charges again',
          signal: 'production',
        },
        {
          point:
            'Notices that an exception from order.save() ' +
            'after a successful charge triggers another charge',
          signal: 'coding',
        },
        {
          point:
            'Flags catching every exception, which retries declines and ' +
            'programming errors alike; proposes retrying only transient errors',
          signal: 'coding',
        },
        {
          point:
            'Treats logging the full card number as a ' +
            'security and compliance incident, not a style nit',
          signal: 'production',
        },
        {
          point:
            'Computes the worst case (about a minute of sleeps plus six ' +
            'gateway timeouts) held inside the checkout request, and ' +
            'proposes a bounded retry budget or asynchronous reconciliation',
          signal: 'production',
        },
        {
          point:
            'Orders the fixes: stop logging card numbers and add ' +
            'idempotency keys now, move retries out of the request path next',
          signal: 'delivery',
        },
        {
          point: 'Explains the risks to the author in terms of customer impact, without blame',
          signal: 'communication',
        },
      ],
      levels: {
        weak:
          'Suggests adding jitter or lowering the attempt count, and ' +
          'misses that the retry itself can charge customers twice.',
        mid:
          'Spots the card number in the logs and the blocking sleep, and mentions ' +
          'idempotency, but misses the save-after-charge path and does not prioritize.',
        senior:
          'Starts from what a timeout means at the gateway, names double charges and the ' +
          'save-failure path as the critical bugs, treats the logged card number as an ' +
          'incident, limits retries to transient errors, and ships a hotfix before the redesign.',
      },
    },
  },
  {
    id: 'code-review-export-pagination',
    roundType: 'code-review',
    title: 'Debug a flaky order export',
    body:
      'Customers report that the nightly CSV export of their orders sometimes ' +
      'misses orders and sometimes lists one twice. The export runs while new ' +
      'orders are still being written. Here is the export loop. Find the ' +
      'cause, explain how you would confirm it, and propose a fix.\n\n' +
      ORDER_EXPORT_SNIPPET,
    hints: [
      'Picture a new order being inserted between the queries for the first and second pages.',
      'Check whether created_at alone gives every row one fixed position in the ordering.',
      'Paging from the last key seen, with a tiebreaker ' +
        'column, avoids both problems that offsets cause here.',
    ],
    followUps: [
      'Some accounts have ten million orders. What happens ' +
        'to the later pages with your fix, and without it?',
      'How would you tell affected customers, and would you regenerate past exports?',
      'What test would have caught this before it shipped?',
    ],
    signals: ['production', 'coding', 'delivery', 'communication'],
    guide: {
      strongAnswer: [
        {
          point:
            'Explains that newest-first offset paging shifts every later ' +
            'page when orders are inserted, which produces duplicates',
          signal: 'coding',
        },
        {
          point:
            'Identifies that ties on created_at leave row order ' +
            'unstable between queries, so rows can be skipped',
          signal: 'coding',
        },
        {
          point:
            'Proposes confirming the cause with a test that inserts rows ' +
            'between pages and a query for duplicate timestamps in production',
          signal: 'production',
        },
        {
          point:
            'Fixes with keyset pagination on (created_at, id) and an upper ' +
            'bound fixed at export start, or one snapshot transaction',
          signal: 'coding',
        },
        {
          point:
            'Notes that the loop ignores stream backpressure ' +
            'and that deep offsets slow down on large accounts',
          signal: 'production',
        },
        {
          point:
            'Mentions an index matching the keyset order and selecting only the exported columns',
          signal: 'production',
        },
        {
          point:
            'Considers customer impact: which exports were wrong, ' +
            'whether to regenerate them, and how to tell customers',
          signal: 'delivery',
        },
        {
          point:
            'Walks through the diagnosis step by step so a teammate could follow and verify it',
          signal: 'communication',
        },
      ],
      levels: {
        weak:
          'Blames a database or network glitch, suggests retries or ' +
          'a bigger page size, and cannot explain the duplicates.',
        mid:
          'Sees that inserts during offset paging cause duplicates and suggests ' +
          'ordering by id, but misses the tie problem or how to prove the cause.',
        senior:
          'Explains both the shifting-offset and the tie mechanisms, proposes a test ' +
          'to confirm them, fixes with bounded keyset pagination on a unique key, ' +
          'notices backpressure and index needs, and plans repair of past exports.',
      },
    },
  },
];
