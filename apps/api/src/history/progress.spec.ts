import { emptyScores } from '@signal-room/domain';
import type {
  AuthResponse,
  ProgressResponse,
  ProgressShare,
  SessionSummary,
  SharedProgressResponse,
} from '@signal-room/protocol';
import {
  feedbackDocumentSchema,
  progressResponseSchema,
  sharedProgressResponseSchema,
} from '@signal-room/protocol';
import { STORY_DRILL } from '../testing/drill-fixtures';
import type { TestApp } from '../testing/test-app';
import {
  auditedRound,
  createStaffedSession,
  registerCast,
  startTestApp,
} from '../testing/test-app';
import { TEST_DATABASE_KINDS } from '../testing/test-databases';
import { accepted, admit, bearer, createSession, errorOf } from '../testing/test-http';

// Markers that must never leave through a share link: an evidence note of a released round,
// and what an unreleased round holds.
const RELEASED_NOTE = 'private-marker-released-note';
const SELF_NOTE = 'private-marker-self-note';
const UNRELEASED_NOTE = 'private-marker-unreleased-note';
const UNRELEASED_SUMMARY = 'private-marker-unreleased-summary';

describe.each(TEST_DATABASE_KINDS)('progress and its share links on %s PostgreSQL', (kind) => {
  let t: TestApp;
  let alice: AuthResponse;
  let bob: AuthResponse;
  let ivan: AuthResponse;
  let mallory: AuthResponse;
  let released: SessionSummary;
  let unreleased: SessionSummary;
  let share: ProgressShare;

  const progressOf = async (user: AuthResponse) =>
    progressResponseSchema.parse(
      (await t.http().get('/api/history/progress').set(bearer(user.token)).expect(200)).body,
    );
  const shared = (token: string) => t.http().get(`/api/progress/${token}`);
  const revoke = (user: AuthResponse, shareId: string) =>
    t.http().delete(`/api/history/progress/shares/${shareId}`).set(bearer(user.token));

  /** One round of Alice's with Bob as candidate, ended; released only when asked. */
  async function round(options: { note: string; release: boolean; summary?: string }) {
    const session = await createSession(t, alice, { promptId: 'system-design-usage-metering' });
    await admit(t, session.id, alice, bob, 'candidate');
    const interviewer = await t.connect(alice.token);
    const candidate = await t.connect(bob.token);
    await interviewer.join(session.id);
    await candidate.join(session.id);
    await accepted(interviewer.command(session.id, 'timer.start', {}));
    await accepted(
      interviewer.command(session.id, 'evidence.add', {
        signal: 'framing',
        polarity: 'strong',
        note: options.note,
      }),
    );
    await accepted(interviewer.command(session.id, 'score.set', { signal: 'framing', score: 4 }));
    if (options.summary) {
      await accepted(
        interviewer.command(session.id, 'summary.write', {
          text: options.summary,
          practiseNext: options.summary,
        }),
      );
    }
    await accepted(interviewer.command(session.id, 'session.end', {}));
    await accepted(
      candidate.command(session.id, 'self-assessment.submit', {
        scores: { ...emptyScores(), framing: 2 },
        note: SELF_NOTE,
      }),
    );
    if (options.release) await accepted(interviewer.command(session.id, 'feedback.release', {}));
    return session;
  }

  beforeAll(async () => {
    t = await startTestApp(kind);
    [alice, bob, ivan, mallory] = await Promise.all(
      ['Alice', 'Bob', 'Ivan', 'Mallory'].map((name) => t.register(name)),
    );
    released = await round({ note: RELEASED_NOTE, release: true });
    unreleased = await round({
      note: UNRELEASED_NOTE,
      release: false,
      summary: UNRELEASED_SUMMARY,
    });
    // Ivan runs a round of his own with Bob: it gives him nothing of Bob's progress.
    const ivans = await createSession(t, ivan);
    await admit(t, ivans.id, ivan, bob, 'candidate');
  });
  afterAll(() => t?.close());

  it('shows the candidate, round by round, the released scores and what stayed hidden', async () => {
    const progress: ProgressResponse = await progressOf(bob);
    const feedback = feedbackDocumentSchema.parse(
      (
        await t
          .http()
          .get(`/api/sessions/${released.id}/feedback`)
          .set(bearer(bob.token))
          .expect(200)
      ).body,
    );
    expect(progress.rounds).toEqual([
      {
        sessionId: released.id,
        roundType: 'system-design',
        endedAt: expect.any(String),
        hiddenSignals: feedback.hiddenSignals.map((entry) => entry.signal),
        auditHeard: 0,
      },
    ]);
    expect(progress.drillsDone).toEqual([]);
    expect(progress.rounds[0]?.hiddenSignals.length).toBeGreaterThan(0);
    expect(progress.rounds[0]?.hiddenSignals).not.toContain('framing');
    const framing = progress.signals.find((entry) => entry.signal === 'framing');
    expect(framing?.points).toEqual([
      expect.objectContaining({ sessionId: released.id, score: 4, selfScore: 2 }),
    ]);
    expect(JSON.stringify(progress)).not.toContain(unreleased.id);
  });

  it('counts the audit entries each round heard and the drills done, and shares the counts', async () => {
    const own = await registerCast(t);
    const audited = await auditedRound(t, own, 'private-marker-audit-sentence');
    const { id: next } = await createStaffedSession(t, own);
    const interviewer = await t.connect(own.interviewer.token);
    await interviewer.join(next);
    for (const [type, payload] of [
      ['timer.start', {}],
      ['watch.tick', { itemId: audited.entry.id }],
      ['session.end', {}],
      ['feedback.release', {}],
    ] as const) {
      await accepted(interviewer.command(next, type, payload));
    }
    for (let done = 0; done < 2; done += 1) {
      await t
        .http()
        .post('/api/drills/signal-balanced-story/results')
        .set(bearer(own.candidate.token))
        .send(STORY_DRILL)
        .expect(201);
    }

    const progress = await progressOf(own.candidate);
    expect(progress.rounds.map((entry) => [entry.sessionId, entry.auditHeard])).toEqual([
      [audited.sessionId, 0],
      [next, 1],
    ]);
    expect(progress.drillsDone).toEqual([
      { drill: 'signal-balanced-story', count: 2, lastDoneAt: expect.any(String) },
    ]);
    // Nobody else's counts move, and a share link carries the counts, never the sentence.
    expect((await progressOf(own.interviewer)).drillsDone).toEqual([]);
    const link = (
      await t
        .http()
        .post('/api/history/progress/shares')
        .set(bearer(own.candidate.token))
        .expect(201)
    ).body as ProgressShare;
    const page = await shared(link.token ?? '').expect(200);
    expect(sharedProgressResponseSchema.parse(page.body)).toMatchObject({
      rounds: progress.rounds,
      drillsDone: progress.drillsDone,
    });
    expect(page.text).not.toContain('private-marker-audit-sentence');
  });

  it('is always the caller’s own: the interviewer and strangers read none of the candidate’s', async () => {
    for (const user of [alice, ivan, mallory]) {
      const progress = await progressOf(user);
      expect(progress.rounds).toEqual([]);
      expect(progress.signals.every((entry) => entry.points.length === 0)).toBe(true);
    }
    const anonymous = await t.http().get('/api/history/progress').expect(401);
    expect(errorOf(anonymous.body).code).toBe('UNAUTHENTICATED');
  });

  it('makes a share link whose token is shown once and kept only as a hash', async () => {
    const response = await t
      .http()
      .post('/api/history/progress/shares')
      .set(bearer(bob.token))
      .expect(201);
    share = response.body as ProgressShare;
    expect(share.token).toEqual(expect.any(String));
    expect(share.url).toBe(`${t.config.publicUrl}/progress/${share.token}`);
    const listed = (
      await t.http().get('/api/history/progress/shares').set(bearer(bob.token)).expect(200)
    ).body as ProgressShare[];
    expect(listed).toEqual([{ ...share, token: null, url: null }]);
    const stored: { token_hash: string }[] = await t.dataSource.query(
      'SELECT token_hash FROM progress_shares WHERE id = $1',
      [share.id],
    );
    expect(stored[0]?.token_hash).not.toContain(share.token ?? '');
    // Nobody else's list shows it.
    for (const user of [alice, mallory]) {
      await t.http().get('/api/history/progress/shares').set(bearer(user.token)).expect(200, []);
    }
  });

  it('opens without sign-in on released scores and hidden signals, and nothing private', async () => {
    const response = await shared(share.token ?? '').expect(200);
    const page: SharedProgressResponse = sharedProgressResponseSchema.parse(response.body);
    const own = await progressOf(bob);
    expect(page.displayName).toBe('Bob');
    expect(page.rounds).toEqual(own.rounds);
    expect(page.signals).toEqual(
      own.signals.map(({ signal, points }) => ({
        signal,
        points: points.map(({ selfScore: _self, ...point }) => point),
      })),
    );
    const text = JSON.stringify(response.body);
    for (const secret of [
      RELEASED_NOTE,
      SELF_NOTE,
      UNRELEASED_NOTE,
      UNRELEASED_SUMMARY,
      unreleased.id,
      'selfScore',
      bob.user.email,
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('lets only its owner revoke it; then it answers 410 SHARE_REVOKED', async () => {
    for (const user of [alice, mallory]) {
      const response = await revoke(user, share.id).expect(404);
      expect(errorOf(response.body).code).toBe('NOT_FOUND');
    }
    await shared(share.token ?? '').expect(200);
    const revoked = (await revoke(bob, share.id).expect(200)).body as ProgressShare;
    expect(revoked).toMatchObject({ id: share.id, token: null, revokedAt: expect.any(String) });
    const response = await shared(share.token ?? '').expect(410);
    expect(errorOf(response.body)).toMatchObject({ code: 'SHARE_REVOKED', retryable: false });
    // Revoking again keeps the first time.
    expect((await revoke(bob, share.id).expect(200)).body).toEqual(revoked);
    const anonymous = await t.http().delete(`/api/history/progress/shares/${share.id}`);
    expect(anonymous.status).toBe(401);
  });

  it('answers a token no link has, or a malformed share id, with a typed error', async () => {
    const unknown = await shared('no-such-token').expect(404);
    expect(errorOf(unknown.body).code).toBe('NOT_FOUND');
    const malformed = await revoke(bob, 'not-a-uuid').expect(400);
    expect(errorOf(malformed.body).code).toBe('INVALID_PAYLOAD');
  });
});
