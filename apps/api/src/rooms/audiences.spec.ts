import { randomUUID } from 'node:crypto';
import type { RoomCommandType, RoomEvent, RoomPrompt, RoomState } from '@signal-room/domain';
import { DOCUMENT_IDS } from '@signal-room/domain';
import type {
  CommandPayload,
  CreateSessionBody,
  JoinAck,
  TimelineResponse,
} from '@signal-room/protocol';
import type { Cast, Frame, TestClient, TestApp } from '../testing/test-app';
import { createStaffedSession, registerCast, roomViewOf, startTestApp } from '../testing/test-app';
import { ApiRoutes } from '../docs/api-routes';
import { TEST_DATABASE_KINDS } from '../testing/test-databases';

type Seat = keyof Cast;
const SEATS: readonly Seat[] = ['interviewer', 'candidate', 'observer'];

// Strings only staff may read; the candidate's traffic is searched for each of them.
const SECRET = {
  guidePoint: 'GUIDE-POINT-q7Zk asks for the idempotency key',
  guideWeak: 'GUIDE-WEAK-q7Zk retries blindly',
  guideMid: 'GUIDE-MID-q7Zk dedupes in one place',
  guideSenior: 'GUIDE-SENIOR-q7Zk reconciles end to end',
  followUp: 'FOLLOW-UP-q7Zk what if the ledger is down for a day?',
  hiddenHint: 'HINT-HIDDEN-q7Zk keep the raw events for replay',
  interviewerNote: 'IV-NOTE-q7Zk asked who is billed',
  interviewerEdited: 'IV-EDITED-q7Zk asked who is billed and when',
  interviewerRemoved: 'IV-REMOVED-q7Zk a note taken back',
  observerNote: 'OBS-NOTE-q7Zk drew the queue before asking',
  // The interviewer's summary: a first draft while live, then the one released after the end.
  summaryDraft: 'SUMMARY-DRAFT-q7Zk strong start, unsure yet',
  summary: 'SUMMARY-q7Zk you framed the ledger well, then went deep too early',
  practiseNext: 'PRACTISE-q7Zk name the failure you design against first',
};
/** Never for the candidate, released or not. */
const PROMPT_SECRETS = [
  SECRET.guidePoint,
  SECRET.guideWeak,
  SECRET.guideMid,
  SECRET.guideSenior,
  SECRET.followUp,
  SECRET.hiddenHint,
  // The session starts on a bank prompt whose guide and follow-ups are just as private.
  'Clarifies events per second, customer count',
  'A region loses connectivity for six hours',
];

const PROMPT: RoomPrompt = {
  promptId: null,
  title: 'Payments ledger',
  body: 'Design the ledger behind card payments.',
  hints: [
    'HINT-ONE-q7Zk start from one payment',
    'HINT-TWO-q7Zk where can it be retried?',
    SECRET.hiddenHint,
  ],
  followUps: [SECRET.followUp],
  signals: ['framing', 'architecture', 'production'],
  guide: {
    strongAnswer: [{ point: SECRET.guidePoint, signal: 'production' }],
    levels: { weak: SECRET.guideWeak, mid: SECRET.guideMid, senior: SECRET.guideSenior },
  },
};

const SCORECARD_AND_MARK_EVENTS: ReadonlySet<RoomEvent['type']> = new Set<RoomEvent['type']>([
  'evidence.added',
  'evidence.edited',
  'evidence.removed',
  'score.set',
  'score.cleared',
  'move.marked',
  'move.unmarked',
  'flag.marked',
  'flag.unmarked',
  'summary.written',
]);

/** What one socket was sent: its frames, and the answer to its join. */
type Received = Frame | { name: 'join-ack'; message: JoinAck };

const eventsIn = (received: readonly Received[]): RoomEvent[] =>
  received.flatMap((item) => {
    if (item.name === 'room:event') return [item.message.event];
    if (item.name === 'join-ack' && item.message.ok) return item.message.events;
    return [];
  });

const statesIn = (received: readonly Received[]): RoomState[] =>
  received.flatMap((item) => {
    if (item.name === 'room:snapshot') return [item.message.state];
    if (item.name === 'join-ack' && item.message.ok && item.message.snapshot)
      return [item.message.snapshot];
    return [];
  });

const sameIgnoringSeq = (a: RoomState, b: RoomState): boolean =>
  JSON.stringify({ ...a, seq: 0 }) === JSON.stringify({ ...b, seq: 0 });

/** One socket in the round, checked against what the server says its user may see. */
interface Member {
  label: string;
  seat: Seat;
  client: TestClient;
  joinAck: JoinAck;
  /** The server's view and the client's state after the previous step. */
  last?: { view: RoomState; held: RoomState | null };
}

interface Check {
  step: string;
  member: string;
  held: RoomState | null;
  expected: RoomState | null;
}

/**
 * Drives a round step by step. After each step every socket has received all it was sent (a
 * ping answered on the same connection), and its folded state is recorded beside what it should
 * be: the server's view for its user when the step changed that view, or else exactly what it
 * held before (seq included), since a viewer who sees no change is sent nothing.
 */
class Round {
  readonly checks: Check[] = [];
  /** Each socket's state after each step, by the sequence number the step's ack carried. */
  readonly held = new Map<number, Map<string, RoomState | null>>();
  private readonly members: Member[] = [];

  private constructor(
    private readonly t: TestApp,
    private readonly cast: Cast,
    readonly sessionId: string,
  ) {}

  static async open(t: TestApp, cast: Cast, body: Partial<CreateSessionBody>): Promise<Round> {
    const { id } = await createStaffedSession(t, cast, body);
    const round = new Round(t, cast, id);
    for (const seat of SEATS) await round.addSocket(seat, seat);
    return round;
  }

  member(label: string): Member {
    const member = this.members.find((candidate) => candidate.label === label);
    if (!member) throw new Error(`no socket ${label}`);
    return member;
  }

  client(label: string): TestClient {
    return this.member(label).client;
  }

  /** Another socket of a seat's user joins, from a view it held or afresh. */
  async addSocket(label: string, seat: Seat, held?: RoomState | null): Promise<void> {
    const client = await this.t.connect(this.cast[seat].token);
    if (held) client.state = structuredClone(held);
    const joinAck = await client.join(this.sessionId, held?.seq);
    if (!joinAck.ok) throw new Error(`${label} could not join: ${joinAck.error.code}`);
    this.members.push({ label, seat, client, joinAck });
    await this.sync(`${label} joined`, null);
  }

  async step<T extends RoomCommandType>(
    seat: Seat,
    type: T,
    payload: CommandPayload<T>,
    clientEventId: string = randomUUID(),
  ): Promise<number> {
    const ack = await this.client(seat).command(this.sessionId, type, payload, clientEventId);
    if (!ack.ok) throw new Error(`${seat} ${type} refused: ${ack.error.code} ${ack.error.message}`);
    await this.sync(`${seat} ${type} (seq ${ack.seq})`, ack.seq);
    return ack.seq;
  }

  viewOf(seat: Seat): Promise<RoomState> {
    return roomViewOf(this.t, this.sessionId, this.cast[seat].token);
  }

  /** Everything a socket was sent, its join answer first. */
  received(label: string): Received[] {
    const { client, joinAck } = this.member(label);
    return [{ name: 'join-ack', message: joinAck }, ...client.frames];
  }

  private async sync(step: string, seq: number | null): Promise<void> {
    const states = new Map<string, RoomState | null>();
    for (const member of this.members) {
      await member.client.flush();
      const view = await this.viewOf(member.seat);
      const held = structuredClone(member.client.state);
      const unchanged = member.last && sameIgnoringSeq(member.last.view, view);
      const expected = unchanged ? (member.last?.held ?? null) : view;
      this.checks.push({ step, member: member.label, held, expected });
      member.last = { view, held };
      states.set(member.label, held);
    }
    if (seq !== null) this.held.set(seq, states);
  }
}

describe.each(TEST_DATABASE_KINDS)('room audiences on %s PostgreSQL', (kind) => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await startTestApp(kind);
    cast = await registerCast(t);
  });
  afterAll(() => t?.close());

  const itKeepsEveryClientInStep = (round: () => Round) =>
    it("keeps every client's folded state equal to its server view after every step", () => {
      expect(round().checks.length).toBeGreaterThan(0);
      for (const { step, member, held, expected } of round().checks) {
        expect({ step, member, state: held }).toEqual({ step, member, state: expected });
      }
    });

  describe('in a private round', () => {
    const CANDIDATE_SOCKETS = ['candidate', 'candidate (catching up)', 'candidate (new tab)'];
    let round: Round;
    let startSeq: number;
    let endSeq: number;
    let releaseSeq: number;
    /** What the candidate's sockets were sent before the release. */
    let beforeRelease: Received[];
    let staffBeforeEnd: Record<'interviewer' | 'observer', string>;
    const ids = { interviewerEvidence: randomUUID(), observerEvidence: randomUUID() };

    beforeAll(async () => {
      round = await Round.open(t, cast, { visibility: 'private' });
      const step = round.step.bind(round);

      await step('interviewer', 'prompt.set', { prompt: PROMPT });
      await step('interviewer', 'prompt.reveal', {});
      await step('interviewer', 'hint.reveal', {});
      await step('interviewer', 'hint.reveal', {});
      await step('interviewer', 'timer.start', {});
      startSeq = await step('interviewer', 'phase.change', { phaseId: 'clarify-scope' });
      const heldAtStart = round.held.get(startSeq)?.get('candidate') ?? null;

      await step(
        'interviewer',
        'evidence.add',
        { signal: 'framing', polarity: 'strong', note: SECRET.interviewerNote },
        ids.interviewerEvidence,
      );
      await step(
        'observer',
        'evidence.add',
        { signal: 'framing', polarity: 'weak', note: SECRET.observerNote },
        ids.observerEvidence,
      );
      await step('interviewer', 'evidence.edit', {
        evidenceId: ids.interviewerEvidence,
        note: SECRET.interviewerEdited,
      });
      const removed = randomUUID();
      await step(
        'interviewer',
        'evidence.add',
        { signal: 'production', polarity: 'weak', note: SECRET.interviewerRemoved },
        removed,
      );
      await step('interviewer', 'evidence.remove', { evidenceId: removed });
      await step('interviewer', 'score.set', { signal: 'framing', score: 4 });
      await step('interviewer', 'score.set', { signal: 'architecture', score: 3 });
      await step('interviewer', 'score.set', { signal: 'production', score: 2 });
      await step('interviewer', 'score.clear', { signal: 'production' });
      await step('observer', 'score.set', { signal: 'framing', score: 2 });
      await step('observer', 'score.set', { signal: 'delivery', score: 5 });
      await step('interviewer', 'move.mark', { move: 'clarify-constraints' });
      const move = randomUUID();
      await step('interviewer', 'move.mark', { move: 'narrow-scope' }, move);
      await step('interviewer', 'move.unmark', { markId: move });
      await step('interviewer', 'flag.mark', { flag: 'solved-before-clarifying' });
      const flag = randomUUID();
      await step('interviewer', 'flag.mark', { flag: 'signal-bloat' }, flag);
      await step('interviewer', 'flag.unmark', { markId: flag });
      await step('interviewer', 'summary.write', {
        text: SECRET.summaryDraft,
        practiseNext: SECRET.practiseNext,
      });
      await step('interviewer', 'timer.pause', {});
      await step('interviewer', 'timer.resume', {});
      await step('interviewer', 'timer.extend', { byMs: 300_000 });
      await step('interviewer', 'phase.change', { phaseId: 'choose-design' });

      // Mid-round, the candidate opens two more sockets: one catching up from the view it held
      // at the start, one with nothing held.
      await round.addSocket('candidate (catching up)', 'candidate', heldAtStart);
      await round.addSocket('candidate (new tab)', 'candidate');

      staffBeforeEnd = {
        interviewer: JSON.stringify(round.received('interviewer')),
        observer: JSON.stringify(round.received('observer')),
      };
      endSeq = await step('interviewer', 'session.end', {});
      await step('candidate', 'self-assessment.submit', {
        scores: {
          framing: 4,
          coding: null,
          architecture: 4,
          production: 3,
          delivery: null,
          leadership: null,
          communication: 4,
        },
        note: 'I went deep on the ledger too early.',
      });
      await step('interviewer', 'summary.write', {
        text: SECRET.summary,
        practiseNext: SECRET.practiseNext,
      });
      beforeRelease = CANDIDATE_SOCKETS.flatMap((label) => round.received(label));
      releaseSeq = await step('interviewer', 'feedback.release', {});
    });

    itKeepsEveryClientInStep(() => round);

    it('sends the candidate nothing private before feedback is released', () => {
      expect(eventsIn(beforeRelease).length).toBeGreaterThan(0);
      const text = JSON.stringify(beforeRelease);
      for (const secret of [...Object.values(SECRET), ...PROMPT_SECRETS]) {
        expect(text).not.toContain(secret);
      }
      const leaked = eventsIn(beforeRelease).filter(
        (event) => event.type === 'prompt.set' || SCORECARD_AND_MARK_EVENTS.has(event.type),
      );
      expect(leaked).toEqual([]);
      const states = statesIn(beforeRelease);
      expect(states.length).toBeGreaterThan(0);
      for (const state of states) {
        expect(state).toMatchObject({ scorecards: {}, moves: [], flags: [], summary: null });
        if (state.prompt) {
          expect(state.prompt.guide).toBeNull();
          expect(state.prompt.followUps).toEqual([]);
          expect(state.prompt.hints).toEqual(PROMPT.hints.slice(0, state.hintsRevealed));
        }
      }
    });

    it('catches a returning candidate up with the public events only, and a new tab with a snapshot', async () => {
      const [catchingUp] = round.received('candidate (catching up)');
      expect(catchingUp).toMatchObject({ name: 'join-ack', message: { ok: true, snapshot: null } });
      const missed = eventsIn(catchingUp ? [catchingUp] : []);
      expect(missed.map((event) => event.type)).toEqual([
        'timer.paused',
        'timer.resumed',
        'timer.extended',
        'phase.changed',
      ]);
      expect(missed.every((event) => event.seq > startSeq)).toBe(true);

      const [fresh] = round.received('candidate (new tab)');
      expect(fresh).toMatchObject({ name: 'join-ack', message: { ok: true, events: [] } });
      const view = await round.viewOf('candidate');
      for (const label of CANDIDATE_SOCKETS) expect(round.client(label).state).toEqual(view);
    });

    it("gives the candidate the interviewer's scorecard and marks on release, never the observer's", async () => {
      const view = await round.viewOf('candidate');
      expect(view).toMatchObject({ feedbackReleased: true, seq: releaseSeq });
      expect(Object.keys(view.scorecards)).toEqual([cast.interviewer.user.id]);
      expect(view.scorecards[cast.interviewer.user.id]).toMatchObject({
        scores: { framing: 4, architecture: 3, production: null },
        evidence: [
          expect.objectContaining({ id: ids.interviewerEvidence, note: SECRET.interviewerEdited }),
        ],
      });
      expect(view.moves.map((mark) => mark.move)).toEqual(['clarify-constraints']);
      expect(view.flags.map((mark) => mark.flag)).toEqual(['solved-before-clarifying']);
      expect(view.summary).toEqual({ text: SECRET.summary, practiseNext: SECRET.practiseNext });
      for (const label of CANDIDATE_SOCKETS) expect(round.client(label).state).toEqual(view);

      const received = CANDIDATE_SOCKETS.flatMap((label) => round.received(label));
      const text = JSON.stringify(received);
      expect(text).toContain(SECRET.interviewerEdited);
      expect(text).toContain(SECRET.summary);
      for (const secret of [
        SECRET.observerNote,
        SECRET.interviewerNote,
        SECRET.interviewerRemoved,
        SECRET.summaryDraft,
        ...PROMPT_SECRETS,
      ]) {
        expect(text).not.toContain(secret);
      }
      for (const state of statesIn(received)) {
        expect(Object.keys(state.scorecards)).not.toContain(cast.observer.user.id);
      }
      const byObserver = eventsIn(received).filter(
        (event) =>
          event.actorId === cast.observer.user.id && SCORECARD_AND_MARK_EVENTS.has(event.type),
      );
      expect(byObserver).toEqual([]);
    });

    it("keeps the candidate's HTTP reads as private as the socket", async () => {
      const auth = { Authorization: `Bearer ${cast.candidate.token}` };
      const timeline = await t
        .http()
        .get(`/api/sessions/${round.sessionId}/timeline`)
        .set(auth)
        .expect(200);
      const feedback = await t
        .http()
        .get(`/api/sessions/${round.sessionId}/feedback`)
        .set(auth)
        .expect(200);
      const text = JSON.stringify([timeline.body, feedback.body]);
      expect(text).toContain(SECRET.interviewerEdited);
      for (const secret of [SECRET.observerNote, SECRET.summaryDraft, ...PROMPT_SECRETS]) {
        expect(text).not.toContain(secret);
      }
      // The summary as released leads the feedback, and the timeline has it once, as it stands.
      expect(feedback.body).toMatchObject({
        summary: { text: SECRET.summary, practiseNext: SECRET.practiseNext },
      });
      const events = (timeline.body as TimelineResponse).events;
      expect(events.map((event) => event.type)).not.toContain('prompt.set');
      const byObserver = events.filter(
        (event) =>
          event.actorId === cast.observer.user.id && SCORECARD_AND_MARK_EVENTS.has(event.type),
      );
      expect(byObserver).toEqual([]);
      // The note as it stands, once; the one taken back not at all.
      expect(events.filter((event) => event.type === 'evidence.added')).toHaveLength(1);
      expect(events.filter((event) => event.type === 'summary.written')).toEqual([
        expect.objectContaining({
          payload: { text: SECRET.summary, practiseNext: SECRET.practiseNext },
        }),
      ]);
    });

    it('after release, keeps every GET route and export a candidate can call free of removed notes, earlier versions and staff text', async () => {
      const auth = { Authorization: `Bearer ${cast.candidate.token}` };
      // Every GET route the app serves, read from its controllers: a new one is covered by default.
      const gets = t.app
        .get(ApiRoutes)
        .list()
        .filter((route) => route.method === 'get');
      const needsAnotherId = gets.filter((route) => /\{(?!id\})\w+\}/.test(route.path));
      expect(needsAnotherId.map((route) => route.path).sort()).toEqual([
        '/api/invites/{token}',
        '/api/progress/{shareToken}',
        '/api/sessions/{id}/documents/{documentId}/replay',
        '/api/sessions/{id}/recordings/{recordingId}/tracks/mine',
        '/api/sessions/{id}/recordings/{recordingId}/tracks/{userId}',
      ]);
      // The candidate's own progress, shared by link, is read through its public page too.
      const share = await t.http().post('/api/history/progress/shares').set(auth).expect(201);
      const shared = `/api/progress/${(share.body as { token: string }).token}`;
      // Every document of the room: the pad and board are the candidate's to replay, the notes not.
      const replays = DOCUMENT_IDS.map(
        (documentId) => `/api/sessions/${round.sessionId}/documents/${documentId}/replay`,
      );
      // This round recorded nothing: its tracks answer as absent, and carry nothing either
      // (recordings.spec reads a real one as the candidate).
      const recordings = `/api/sessions/${round.sessionId}/recordings/${randomUUID()}/tracks`;
      const tracks = [`${recordings}/mine`, `${recordings}/${cast.interviewer.user.id}`];
      const urls = gets
        .filter((route) => !needsAnotherId.includes(route))
        .flatMap((route) => {
          const path = route.path.replace('{id}', round.sessionId);
          if (path.endsWith('/feedback/export'))
            return [`${path}?format=markdown`, `${path}?format=json`];
          if (path.endsWith('/history/loop')) return [`${path}?sessionIds=${round.sessionId}`];
          return [path];
        })
        .concat(shared, replays, tracks);
      const bodies: string[] = [];
      for (const url of urls) {
        const response = await t.http().get(url).set(auth);
        expect({ url, answered: response.status < 500 }).toEqual({ url, answered: true });
        bodies.push(`${url}\n${response.text}`);
      }
      const text = bodies.join('\n');
      // The routes that carry the scorecard and the summary did answer with them.
      expect(text).toContain(SECRET.interviewerEdited);
      expect(text).toContain(SECRET.summary);
      for (const secret of [
        SECRET.interviewerNote,
        SECRET.interviewerRemoved,
        SECRET.observerNote,
        SECRET.summaryDraft,
        ...PROMPT_SECRETS,
      ]) {
        expect({ secret, found: text.includes(secret) }).toEqual({ secret, found: false });
      }
    });

    it('catches a candidate up after release with the final scorecard, not its history', async () => {
      // A socket that held the view from before any note was written, returning after release.
      const heldAtStart = round.held.get(startSeq)?.get('candidate') ?? null;
      await round.addSocket('candidate (after release)', 'candidate', heldAtStart);
      const received = JSON.stringify(round.received('candidate (after release)'));
      expect(received).toContain(SECRET.interviewerEdited);
      expect(received).toContain(SECRET.summary);
      for (const secret of [
        SECRET.interviewerNote,
        SECRET.interviewerRemoved,
        SECRET.observerNote,
        SECRET.summaryDraft,
      ]) {
        expect({ secret, found: received.includes(secret) }).toEqual({ secret, found: false });
      }
      expect(round.client('candidate (after release)').state).toEqual(
        await round.viewOf('candidate'),
      );
    });

    it('shows each scorer only their own scorecard until the end, and every scorecard after', async () => {
      const interviewerId = cast.interviewer.user.id;
      const observerId = cast.observer.user.id;
      const scorers = (label: string, seq: number) =>
        Object.keys(round.held.get(seq)?.get(label)?.scorecards ?? {}).sort();
      const seqs = [...round.held.keys()];
      expect(seqs.filter((seq) => seq < endSeq).length).toBeGreaterThan(20);
      for (const seq of seqs.filter((each) => each < endSeq)) {
        expect(scorers('interviewer', seq)).not.toContain(observerId);
        expect(scorers('observer', seq)).not.toContain(interviewerId);
      }
      expect(staffBeforeEnd.interviewer).not.toContain(SECRET.observerNote);
      expect(staffBeforeEnd.observer).not.toContain(SECRET.interviewerNote);
      expect(staffBeforeEnd.observer).not.toContain(SECRET.interviewerEdited);
      // The summary is the interviewer's judgement: the observer reads it once the round is over.
      expect(staffBeforeEnd.interviewer).toContain(SECRET.summaryDraft);
      expect(staffBeforeEnd.observer).not.toContain(SECRET.summaryDraft);
      expect((await round.viewOf('observer')).summary?.text).toBe(SECRET.summary);

      const both = [interviewerId, observerId].sort();
      for (const seat of ['interviewer', 'observer'] as const) {
        for (const seq of seqs.filter((each) => each >= endSeq)) {
          expect(scorers(seat, seq)).toEqual(both);
        }
        const view = await round.viewOf(seat);
        expect(view.scorecards[observerId]).toMatchObject({
          scores: { framing: 2, delivery: 5 },
          evidence: [
            expect.objectContaining({ id: ids.observerEvidence, note: SECRET.observerNote }),
          ],
        });
        expect(view.scorecards[interviewerId]?.scores.framing).toBe(4);
        expect(round.client(seat).state).toEqual(view);
      }
    });
  });

  describe('in a coaching round', () => {
    let round: Round;
    const seqs = {} as Record<'score' | 'evidence' | 'move' | 'observer' | 'end', number>;
    /** What the candidate was sent while the round ran, its scorecard open to them. */
    let candidateBeforeEnd: string;

    beforeAll(async () => {
      round = await Round.open(t, cast, { visibility: 'coaching' });
      await round.step('interviewer', 'prompt.reveal', {});
      await round.step('interviewer', 'timer.start', {});
      seqs.score = await round.step('interviewer', 'score.set', { signal: 'framing', score: 4 });
      seqs.evidence = await round.step('interviewer', 'evidence.add', {
        signal: 'framing',
        polarity: 'strong',
        note: SECRET.interviewerNote,
      });
      seqs.move = await round.step('interviewer', 'move.mark', { move: 'narrow-scope' });
      await round.step('observer', 'score.set', { signal: 'framing', score: 1 });
      seqs.observer = await round.step('observer', 'evidence.add', {
        signal: 'framing',
        polarity: 'weak',
        note: SECRET.observerNote,
      });
      // Revised after the candidate saw them live: a socket that catches up later must get only
      // the final state, not the versions in between.
      const revised = randomUUID();
      await round.step(
        'interviewer',
        'evidence.add',
        { signal: 'production', polarity: 'weak', note: SECRET.interviewerRemoved },
        revised,
      );
      await round.step('interviewer', 'evidence.remove', { evidenceId: revised });
      await round.step('interviewer', 'summary.write', {
        text: SECRET.summary,
        practiseNext: SECRET.practiseNext,
      });
      candidateBeforeEnd = JSON.stringify(round.received('candidate'));
      seqs.end = await round.step('interviewer', 'session.end', {});
      const heldAtScore = round.held.get(seqs.score)?.get('candidate') ?? null;
      await round.addSocket('candidate (catching up)', 'candidate', heldAtScore);
    });

    it('catches a candidate socket up on the final scorecard only, never a removed note', async () => {
      const received = JSON.stringify(round.received('candidate (catching up)'));
      expect(received).toContain(SECRET.interviewerNote);
      expect(received).not.toContain(SECRET.interviewerRemoved);
      expect(round.client('candidate (catching up)').state).toEqual(
        await round.viewOf('candidate'),
      );
    });

    itKeepsEveryClientInStep(() => round);

    it("shows the candidate the interviewer's scores, evidence and marks live", () => {
      const interviewerId = cast.interviewer.user.id;
      const at = (seq: number) => round.held.get(seq)?.get('candidate');
      expect(at(seqs.score)?.scorecards).toEqual({
        [interviewerId]: expect.objectContaining({
          scores: expect.objectContaining({ framing: 4 }),
        }),
      });
      expect(at(seqs.evidence)?.scorecards[interviewerId]?.evidence).toEqual([
        expect.objectContaining({ note: SECRET.interviewerNote }),
      ]);
      expect(at(seqs.move)?.moves.map((mark) => mark.move)).toEqual(['narrow-scope']);
      // Live means the events themselves, as the staff get them.
      const types = eventsIn(round.received('candidate')).map((event) => event.type);
      expect(types).toEqual(expect.arrayContaining(['score.set', 'evidence.added', 'move.marked']));
    });

    it('keeps the summary from the candidate while live, and gives it with the feedback at the end', async () => {
      expect(candidateBeforeEnd).toContain(SECRET.interviewerNote);
      expect(candidateBeforeEnd).not.toContain(SECRET.summary);
      expect(candidateBeforeEnd).not.toContain(SECRET.practiseNext);
      const view = await round.viewOf('candidate');
      expect(view.summary).toEqual({ text: SECRET.summary, practiseNext: SECRET.practiseNext });
      expect(round.client('candidate').state?.summary).toEqual(view.summary);
      const feedback = await t
        .http()
        .get(`/api/sessions/${round.sessionId}/feedback`)
        .set({ Authorization: `Bearer ${cast.candidate.token}` })
        .expect(200);
      expect(feedback.body).toMatchObject({ summary: view.summary });
    });

    it("never shows the candidate the observer's scorecard, and releases feedback at the end", async () => {
      const observerId = cast.observer.user.id;
      for (const [, states] of round.held) {
        expect(Object.keys(states.get('candidate')?.scorecards ?? {})).not.toContain(observerId);
      }
      expect(JSON.stringify(round.received('candidate'))).not.toContain(SECRET.observerNote);
      const view = await round.viewOf('candidate');
      expect(view).toMatchObject({ status: 'ended', feedbackReleased: true, seq: seqs.end });
      expect(Object.keys(view.scorecards)).toEqual([cast.interviewer.user.id]);
      // The observer, who scored blind during the round, now sees both scorecards.
      const observerView = await round.viewOf('observer');
      expect(Object.keys(observerView.scorecards).sort()).toEqual(
        [cast.interviewer.user.id, observerId].sort(),
      );
    });
  });
});
