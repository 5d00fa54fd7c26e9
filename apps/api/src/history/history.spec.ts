import { randomUUID } from 'node:crypto';
import type {
  FailureModeId,
  RoomEvent,
  RoomEventType,
  RoundTypeId,
  Score,
  Scores,
  SignalId,
} from '@signal-room/domain';
import { SIGNAL_IDS, promptById, reduceAll, roomPromptFrom } from '@signal-room/domain';
import type { AuthResponse, SessionSummary } from '@signal-room/protocol';
import {
  loopSummarySchema,
  nextMockResponseSchema,
  roomStateSchema,
  timelineResponseSchema,
  trendsResponseSchema,
} from '@signal-room/protocol';
import type { TestClient, TestApp } from '../testing/test-app';
import { startTestApp } from '../testing/test-app';
import { TEST_DATABASE_KINDS } from '../testing/test-databases';
import { accepted, admit, bearer, createSession, errorOf } from '../testing/test-http';

/** Events that carry what a scorer wrote or marked: the ones a timeline may hold back. */
const PRIVATE_TYPES: readonly RoomEventType[] = [
  'evidence.added',
  'score.set',
  'move.marked',
  'flag.marked',
];

const noScores = (): Scores =>
  Object.fromEntries(SIGNAL_IDS.map((id) => [id, null])) as unknown as Scores;

describe.each(TEST_DATABASE_KINDS)('history on %s PostgreSQL', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(() => t?.close());

  const timelineOf = async (sessionId: string, user: AuthResponse): Promise<RoomEvent[]> => {
    const response = await t
      .http()
      .get(`/api/sessions/${sessionId}/timeline`)
      .set(bearer(user.token))
      .expect(200);
    const timeline = timelineResponseSchema.parse(response.body);
    expect(timeline.sessionId).toBe(sessionId);
    const seqs = timeline.events.map((event) => event.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    return timeline.events;
  };

  /** Which private events a timeline holds, as "type by who". */
  const privateOf = (events: RoomEvent[], names: Record<string, string>): string[] =>
    events
      .filter((event) => PRIVATE_TYPES.includes(event.type))
      .map((event) => `${event.type} by ${names[event.actorId] ?? event.actorId}`)
      .sort();

  interface Round {
    roundType: RoundTypeId;
    promptId?: string;
    /** A bank prompt the interviewer switches to in the lobby. */
    switchTo?: string;
    scores: Partial<Record<SignalId, Score>>;
    evidence?: { signal: SignalId; note: string }[];
    flags?: FailureModeId[];
    selfScores?: Partial<Record<SignalId, Score>>;
    release: boolean;
  }

  /** One round `asker` interviews `answerer` in, played to its end. */
  async function play(asker: AuthResponse, answerer: AuthResponse, round: Round): Promise<string> {
    const session = await createSession(t, asker, {
      roundType: round.roundType,
      promptId: round.promptId,
    });
    await admit(t, session.id, asker, answerer, 'candidate');
    const interviewer = await t.connect(asker.token);
    const candidate = await t.connect(answerer.token);
    await interviewer.join(session.id);
    await candidate.join(session.id);
    const switched = round.switchTo && promptById(round.switchTo);
    if (switched) {
      await accepted(
        interviewer.command(session.id, 'prompt.set', { prompt: roomPromptFrom(switched) }),
      );
    }
    await accepted(interviewer.command(session.id, 'timer.start', {}));
    for (const [signal, score] of Object.entries(round.scores) as [SignalId, Score][]) {
      await accepted(interviewer.command(session.id, 'score.set', { signal, score }));
    }
    for (const { signal, note } of round.evidence ?? []) {
      await accepted(
        interviewer.command(session.id, 'evidence.add', { signal, polarity: 'weak', note }),
      );
    }
    for (const flag of round.flags ?? []) {
      await accepted(interviewer.command(session.id, 'flag.mark', { flag }));
    }
    await accepted(interviewer.command(session.id, 'session.end', {}));
    if (round.selfScores) {
      await accepted(
        candidate.command(session.id, 'self-assessment.submit', {
          scores: { ...noScores(), ...round.selfScores },
          note: 'How I think it went.',
        }),
      );
    }
    if (round.release) {
      await accepted(interviewer.command(session.id, 'feedback.release', {}));
    }
    interviewer.close();
    candidate.close();
    return session.id;
  }

  describe('the timeline', () => {
    let alice: AuthResponse;
    let bob: AuthResponse;
    let olga: AuthResponse;
    let session: SessionSummary;
    let interviewer: TestClient;
    let names: Record<string, string>;

    const interviewerEvents = [
      'evidence.added by Alice',
      'flag.marked by Alice',
      'move.marked by Alice',
      'score.set by Alice',
    ];
    const observerEvents = ['evidence.added by Olga', 'score.set by Olga'];

    beforeAll(async () => {
      [alice, bob, olga] = await Promise.all(
        ['Alice', 'Bob', 'Olga'].map((name) => t.register(name)),
      );
      names = { [alice.user.id]: 'Alice', [bob.user.id]: 'Bob', [olga.user.id]: 'Olga' };
      session = await createSession(t, alice, { roundType: 'system-design' });
      await admit(t, session.id, alice, bob, 'candidate');
      await admit(t, session.id, alice, olga, 'observer');
      interviewer = await t.connect(alice.token);
      const candidate = await t.connect(bob.token);
      const observer = await t.connect(olga.token);
      for (const client of [interviewer, candidate, observer]) await client.join(session.id);

      const id = session.id;
      await accepted(
        interviewer.command(id, 'prompt.set', {
          prompt: {
            promptId: null,
            title: 'Design a ticket queue',
            body: 'Fans buy tickets for a stadium concert that sells out in minutes.',
            hints: ['Where does the queue live?'],
            followUps: ['What if payment fails after the seat is held?'],
            signals: ['architecture'],
            guide: null,
          },
        }),
      );
      await accepted(interviewer.command(id, 'prompt.reveal', {}));
      await accepted(interviewer.command(id, 'timer.start', {}));
      await accepted(
        interviewer.command(id, 'evidence.add', {
          signal: 'framing',
          polarity: 'strong',
          note: 'Asked about peak traffic first',
        }),
      );
      await accepted(interviewer.command(id, 'score.set', { signal: 'framing', score: 4 }));
      await accepted(interviewer.command(id, 'move.mark', { move: 'clarify-constraints' }));
      await accepted(interviewer.command(id, 'flag.mark', { flag: 'wrong-altitude' }));
      await accepted(
        observer.command(id, 'evidence.add', {
          signal: 'framing',
          polarity: 'weak',
          note: 'Did not ask who the fans are',
        }),
      );
      await accepted(observer.command(id, 'score.set', { signal: 'framing', score: 2 }));
    });

    it('shows staff only their own scorecard events before the end', async () => {
      const asInterviewer = await timelineOf(session.id, alice);
      expect(privateOf(asInterviewer, names)).toEqual(interviewerEvents);
      expect(asInterviewer.map((event) => event.type)).toContain('prompt.set');

      // Marks belong to the room, not a scorecard: the observer sees them, but not Alice's scores.
      const asObserver = await timelineOf(session.id, olga);
      expect(privateOf(asObserver, names)).toEqual([
        'evidence.added by Olga',
        'flag.marked by Alice',
        'move.marked by Alice',
        'score.set by Olga',
      ]);
    });

    it('shows a candidate in a private round no scores, evidence, marks or prompt as set', async () => {
      const events = await timelineOf(session.id, bob);
      expect(privateOf(events, names)).toEqual([]);
      const types = events.map((event) => event.type);
      expect(types).not.toContain('prompt.set');
      expect(types).toEqual(
        expect.arrayContaining(['participant.joined', 'prompt.revealed', 'timer.started']),
      );
    });

    it('opens every scorecard to the staff at the end, and still nothing to the candidate', async () => {
      await accepted(interviewer.command(session.id, 'session.end', {}));
      const everything = [...interviewerEvents, ...observerEvents].sort();
      expect(privateOf(await timelineOf(session.id, alice), names)).toEqual(everything);
      expect(privateOf(await timelineOf(session.id, olga), names)).toEqual(everything);
      expect(privateOf(await timelineOf(session.id, bob), names)).toEqual([]);
    });

    it('starts each viewer from the room before its first event: folded, it is the room they see', async () => {
      const read = async (user: AuthResponse) => {
        const response = await t
          .http()
          .get(`/api/sessions/${session.id}/timeline`)
          .set(bearer(user.token))
          .expect(200);
        return timelineResponseSchema.parse(response.body);
      };
      const asInterviewer = await read(alice);
      const room = await t
        .http()
        .get(`/api/sessions/${session.id}/room`)
        .set(bearer(alice.token))
        .expect(200);
      expect(reduceAll(asInterviewer.initial, asInterviewer.events)).toEqual(
        roomStateSchema.parse(room.body),
      );
      expect(asInterviewer.initial).toMatchObject({ status: 'waiting', seq: 0, participants: {} });
      // The candidate's starting room holds no prompt: it was set, and revealed, later.
      expect((await read(bob)).initial).toMatchObject({ status: 'waiting', prompt: null });
    });

    it("shows the candidate the interviewer's events once released, never an observer's", async () => {
      await accepted(interviewer.command(session.id, 'feedback.release', {}));
      const events = await timelineOf(session.id, bob);
      expect(privateOf(events, names)).toEqual(interviewerEvents);
      const types = events.map((event) => event.type);
      expect(types).not.toContain('prompt.set');
      expect(types).toEqual(expect.arrayContaining(['session.ended', 'feedback.released']));
    });

    it('is closed to strangers', async () => {
      const mallory = await t.register('Mallory');
      const response = await t
        .http()
        .get(`/api/sessions/${session.id}/timeline`)
        .set(bearer(mallory.token))
        .expect(404);
      expect(errorOf(response.body).code).toBe('SESSION_NOT_FOUND');
    });
  });

  describe('trends and loops', () => {
    let alice: AuthResponse;
    let bob: AuthResponse;
    let first: string;
    let second: string;
    let unreleased: string;

    const loop = (user: AuthResponse, sessionIds: string) =>
      t.http().get('/api/history/loop').query({ sessionIds }).set(bearer(user.token));

    beforeAll(async () => {
      [alice, bob] = await Promise.all(['Alice', 'Bob'].map((name) => t.register(name)));
      first = await play(alice, bob, {
        roundType: 'system-design',
        scores: { framing: 2, architecture: 3 },
        selfScores: { framing: 4 },
        release: true,
      });
      second = await play(alice, bob, {
        roundType: 'coding-screen',
        scores: { framing: 4, coding: 3 },
        flags: ['solved-before-clarifying'],
        release: true,
      });
      unreleased = await play(alice, bob, {
        roundType: 'system-design',
        scores: { framing: 5, production: 5 },
        release: false,
      });
      // A round still running counts for nothing either.
      const running = await createSession(t, alice);
      await admit(t, running.id, alice, bob, 'candidate');
    });

    it("plots the candidate's released scores per signal, oldest first, with self-scores", async () => {
      const response = await t.http().get('/api/history/trends').set(bearer(bob.token)).expect(200);
      const trends = trendsResponseSchema.parse(response.body);
      expect(trends.signals.map((entry) => entry.signal)).toEqual([...SIGNAL_IDS]);
      const points = (signal: SignalId) =>
        trends.signals
          .find((entry) => entry.signal === signal)
          ?.points.map(({ sessionId, roundType, score, selfScore }) => ({
            sessionId,
            roundType,
            score,
            selfScore,
          }));
      expect(points('framing')).toEqual([
        { sessionId: first, roundType: 'system-design', score: 2, selfScore: 4 },
        { sessionId: second, roundType: 'coding-screen', score: 4, selfScore: null },
      ]);
      expect(points('architecture')).toEqual([
        { sessionId: first, roundType: 'system-design', score: 3, selfScore: null },
      ]);
      expect(points('coding')).toEqual([
        { sessionId: second, roundType: 'coding-screen', score: 3, selfScore: null },
      ]);
      // The unreleased round scored production; it is nowhere.
      expect(points('production')).toEqual([]);
      expect(JSON.stringify(trends)).not.toContain(unreleased);

      const framing = trends.signals.find((entry) => entry.signal === 'framing')?.points ?? [];
      expect(Date.parse(framing[0]?.endedAt ?? '')).toBeLessThanOrEqual(
        Date.parse(framing[1]?.endedAt ?? ''),
      );
    });

    it('plots nothing for rounds one only interviewed', async () => {
      const response = await t
        .http()
        .get('/api/history/trends')
        .set(bearer(alice.token))
        .expect(200);
      const trends = trendsResponseSchema.parse(response.body);
      expect(trends.signals.flatMap((entry) => entry.points)).toEqual([]);
    });

    it('reads two released rounds as one loop', async () => {
      const response = await loop(bob, `${first},${second}`).expect(200);
      const summary = loopSummarySchema.parse(response.body);
      expect(summary.rounds).toBe(2);
      expect(summary.signals.find((entry) => entry.signal === 'framing')).toEqual({
        signal: 'framing',
        scores: [
          { sessionId: first, roundType: 'system-design', score: 2 },
          { sessionId: second, roundType: 'coding-screen', score: 4 },
        ],
        mean: 3,
        min: 2,
      });
      // Framing low in one round and solving before clarifying flagged in the other: it travels.
      expect(summary.redFlags).toEqual(
        expect.arrayContaining([
          {
            id: 'solves-before-clarifying',
            name: expect.any(String),
            sessionIds: [first, second],
            travels: true,
          },
        ]),
      );
    });

    it('refuses a loop holding a round whose scores the candidate may not see yet', async () => {
      const response = await loop(bob, `${first},${unreleased}`).expect(404);
      const error = errorOf(response.body);
      expect(error.code).toBe('FEEDBACK_NOT_READY');
      expect(error.message).toContain(unreleased);
      // The interviewer may read the same rounds together.
      const staff = await loop(alice, `${first},${second},${unreleased}`).expect(200);
      expect(loopSummarySchema.parse(staff.body).rounds).toBe(3);
    });

    it("refuses a loop holding someone else's round as if it did not exist", async () => {
      const mallory = await t.register('Mallory');
      const response = await loop(mallory, first).expect(404);
      expect(errorOf(response.body).code).toBe('SESSION_NOT_FOUND');
    });

    it.each([
      ['more than twenty ids', () => Array.from({ length: 21 }, () => randomUUID()).join(',')],
      ['an id that is not a UUID', () => `${randomUUID()},not-a-uuid`],
      ['no ids at all', () => ','],
      // Counted twice, one round's red flags would look as if they travel.
      ['the same round twice', () => `${first},${first}`],
    ])('refuses %s with 400', async (_, ids) => {
      const response = await loop(bob, ids()).expect(400);
      expect(errorOf(response.body).code).toBe('INVALID_PAYLOAD');
    });

    it('refuses a loop request without ids with 400', async () => {
      const response = await t.http().get('/api/history/loop').set(bearer(bob.token)).expect(400);
      expect(errorOf(response.body).code).toBe('INVALID_PAYLOAD');
    });
  });

  describe('the next mock', () => {
    const MARKER = 'PRIVATE-MARKER-next-mock-7f3';
    let carol: AuthResponse;
    let dan: AuthResponse;
    let held: string;

    const nextMockOf = async (user: AuthResponse) => {
      const response = await t
        .http()
        .get('/api/history/next-mock')
        .set(bearer(user.token))
        .expect(200);
      return { proposal: nextMockResponseSchema.parse(response.body), raw: response.text };
    };

    beforeAll(async () => {
      [carol, dan] = await Promise.all(['Carol', 'Dan'].map((name) => t.register(name)));
      await play(dan, carol, {
        roundType: 'behavioral',
        promptId: 'behavioral-disagreeing-up',
        scores: { leadership: 2, communication: 4, delivery: 4 },
        release: true,
      });
      // Held back: were it read, framing and architecture at 1 would be the weakest signals.
      held = await play(dan, carol, {
        roundType: 'hiring-manager',
        promptId: 'hiring-manager-rewrite-debate',
        switchTo: 'hiring-manager-slipping-project',
        scores: { framing: 1, architecture: 1, leadership: 5 },
        evidence: [{ signal: 'framing', note: MARKER }],
        release: false,
      });
    });

    it("aims at the candidate's weakest released signal, with a prompt they have not answered", async () => {
      const { proposal } = await nextMockOf(carol);
      expect(proposal).toEqual({
        roundType: 'hiring-manager',
        // The held-back round switched to the first hiring-manager prompt: that one is answered.
        promptId: 'hiring-manager-first-ninety-days',
        targets: ['leadership'],
        reason: expect.stringContaining('Leadership & influence scored 2'),
      });
    });

    it('is built from released feedback only', async () => {
      const { proposal, raw } = await nextMockOf(carol);
      expect(raw).not.toContain(MARKER);
      expect(raw).not.toContain(held);
      expect(proposal.targets).not.toContain('framing');
      expect(proposal.reason).not.toMatch(/Problem framing|Architectural judgment|scored 1/);
      // The round's own score of 5 for leadership does not lift it either.
      expect(proposal.reason).not.toContain('averaged');
    });

    it("gives everyone their own proposal, never someone else's", async () => {
      // Dan only interviewed: nothing of Carol's rounds shapes his, so he starts from scratch.
      for (const user of [dan, await t.register('Mallory')]) {
        const { proposal, raw } = await nextMockOf(user);
        expect(proposal).toMatchObject({
          roundType: 'coding-screen',
          targets: ['framing', 'coding'],
        });
        expect(proposal.reason).toContain('No feedback has been released to you yet');
        expect(raw).not.toContain(MARKER);
      }
    });

    it('is refused without a sign-in', async () => {
      const response = await t.http().get('/api/history/next-mock').expect(401);
      expect(errorOf(response.body).code).toBe('UNAUTHENTICATED');
    });

    it('starts from the proposal: a session created with its round and prompt carries them', async () => {
      const { proposal } = await nextMockOf(carol);
      const session = await createSession(t, dan, {
        roundType: proposal.roundType,
        promptId: proposal.promptId ?? undefined,
      });
      expect(session.promptTitle).toBe(promptById(proposal.promptId ?? '')?.title);
      await admit(t, session.id, dan, carol, 'candidate');
      // Booked for Carol, its prompt is no longer one to propose to her.
      expect((await nextMockOf(carol)).proposal.promptId).not.toBe(proposal.promptId);
    });
  });
});
