import type { Scores } from '@signal-room/domain';
import { emptyScores } from '@signal-room/domain';
import type { AuthResponse, Rating, RatingResponse, SessionSummary } from '@signal-room/protocol';
import { interviewerProfileSchema } from '@signal-room/protocol';
import type { TestClient, TestApp } from '../testing/test-app';
import { startTestApp } from '../testing/test-app';
import { TEST_DATABASE_KINDS } from '../testing/test-databases';
import { accepted, admit, bearer, createSession, errorOf } from '../testing/test-http';

const COMMENT = 'The framing note was about the tenants, not about my plan.';

describe.each(TEST_DATABASE_KINDS)('feedback ratings and profiles on %s PostgreSQL', (kind) => {
  let t: TestApp;
  let alice: AuthResponse;
  let bob: AuthResponse;
  let olga: AuthResponse;
  let ivan: AuthResponse;
  let mallory: AuthResponse;
  let session: SessionSummary;
  let interviewer: TestClient;

  const ratingOf = (user: AuthResponse) =>
    t.http().get(`/api/sessions/${session.id}/rating`).set(bearer(user.token));
  const rate = (user: AuthResponse, body: object) =>
    t.http().put(`/api/sessions/${session.id}/rating`).set(bearer(user.token)).send(body);
  const profileOf = async (user: AuthResponse) =>
    interviewerProfileSchema.parse(
      (await t.http().get('/api/me/interviewer-profile').set(bearer(user.token)).expect(200)).body,
    );

  beforeAll(async () => {
    t = await startTestApp(kind);
    [alice, bob, olga, ivan, mallory] = await Promise.all(
      ['Alice', 'Bob', 'Olga', 'Ivan', 'Mallory'].map((name) => t.register(name)),
    );
    session = await createSession(t, alice, { promptId: 'system-design-usage-metering' });
    await admit(t, session.id, alice, bob, 'candidate');
    await admit(t, session.id, alice, olga, 'observer');
    // Ivan interviews Bob too, in a session of his own: that gives him nothing in Alice's.
    const ivans = await createSession(t, ivan);
    await admit(t, ivans.id, ivan, bob, 'candidate');

    interviewer = await t.connect(alice.token);
    const candidate = await t.connect(bob.token);
    const observer = await t.connect(olga.token);
    for (const client of [interviewer, candidate, observer]) await client.join(session.id);
    await accepted(interviewer.command(session.id, 'timer.start', {}));
    await accepted(
      interviewer.command(session.id, 'evidence.add', {
        signal: 'framing',
        polarity: 'strong',
        note: 'Asked who pays for idle tenants',
      }),
    );
    await accepted(interviewer.command(session.id, 'score.set', { signal: 'framing', score: 4 }));
    await accepted(
      interviewer.command(session.id, 'score.set', { signal: 'architecture', score: 3 }),
    );
    await accepted(observer.command(session.id, 'score.set', { signal: 'framing', score: 2 }));
    await accepted(observer.command(session.id, 'score.set', { signal: 'architecture', score: 3 }));
    await accepted(interviewer.command(session.id, 'session.end', {}));
    const self: Scores = { ...emptyScores(), framing: 5, architecture: 2 };
    await accepted(
      candidate.command(session.id, 'self-assessment.submit', { scores: self, note: '' }),
    );
  });
  afterAll(() => t?.close());

  it('is closed to the candidate, for reading and writing, until the feedback is released', async () => {
    const read = await ratingOf(bob).expect(404);
    expect(errorOf(read.body).code).toBe('FEEDBACK_NOT_READY');
    const written = await rate(bob, { verdicts: { framing: 'backed' }, comment: '' }).expect(404);
    expect(errorOf(written.body).code).toBe('FEEDBACK_NOT_READY');
    // The interviewer may look already; there is nothing to read.
    expect((await ratingOf(alice).expect(200)).body).toEqual({ rating: null });
    await accepted(interviewer.command(session.id, 'feedback.release', {}));
  });

  it('lets the candidate rate each scored signal and comment, and read it back', async () => {
    const response = await rate(bob, {
      verdicts: { framing: 'unbacked', architecture: 'backed' },
      comment: `  ${COMMENT}  `,
    }).expect(200);
    const rating = response.body as Rating;
    expect(rating).toMatchObject({
      sessionId: session.id,
      verdicts: { framing: 'unbacked', architecture: 'backed' },
      comment: COMMENT,
    });
    expect((await ratingOf(bob).expect(200)).body).toEqual({ rating });
  });

  it('shows the rating to the session’s interviewer and to nobody else', async () => {
    const mine = (await ratingOf(bob).expect(200)).body as RatingResponse;
    expect((await ratingOf(alice).expect(200)).body).toEqual(mine);
    const observer = await ratingOf(olga).expect(403);
    expect(errorOf(observer.body).code).toBe('FORBIDDEN_ROLE');
    for (const outsider of [mallory, ivan]) {
      const response = await ratingOf(outsider).expect(404);
      expect(errorOf(response.body).code).toBe('SESSION_NOT_FOUND');
      expect(JSON.stringify(response.body)).not.toContain(COMMENT);
    }
  });

  it('takes a rating from the candidate alone', async () => {
    for (const user of [alice, olga]) {
      const response = await rate(user, { verdicts: { framing: 'backed' }, comment: '' }).expect(
        403,
      );
      expect(errorOf(response.body).code).toBe('FORBIDDEN_ROLE');
    }
    for (const outsider of [mallory, ivan]) {
      const response = await rate(outsider, { verdicts: {}, comment: 'hello' }).expect(404);
      expect(errorOf(response.body).code).toBe('SESSION_NOT_FOUND');
    }
    expect(((await ratingOf(bob).expect(200)).body as RatingResponse).rating?.verdicts).toEqual({
      framing: 'unbacked',
      architecture: 'backed',
    });
  });

  it('refuses verdicts on unscored or unknown signals, and an empty rating, changing nothing', async () => {
    const before = (await ratingOf(bob).expect(200)).body as RatingResponse;
    const unscored = await rate(bob, {
      verdicts: { framing: 'backed', coding: 'unbacked' },
      comment: '',
    }).expect(400);
    expect(errorOf(unscored.body)).toMatchObject({
      code: 'INVALID_PAYLOAD',
      issues: [{ path: 'verdicts.coding' }],
    });
    for (const body of [
      { verdicts: { charm: 'backed' }, comment: '' },
      { verdicts: { framing: 'maybe' }, comment: '' },
      { verdicts: {}, comment: '   ' },
      { verdicts: { framing: 'backed' }, comment: 'x'.repeat(2001) },
      { verdicts: { framing: 'backed' }, comment: '', extra: true },
    ]) {
      const response = await rate(bob, body).expect(400);
      expect(errorOf(response.body).code).toBe('INVALID_PAYLOAD');
    }
    expect((await ratingOf(bob).expect(200)).body).toEqual(before);
  });

  it('replaces the rating when the candidate saves again', async () => {
    await rate(bob, { verdicts: { framing: 'unbacked' }, comment: COMMENT }).expect(200);
    const { rating } = (await ratingOf(alice).expect(200)).body as RatingResponse;
    expect(rating?.verdicts).toEqual({ framing: 'unbacked' });
  });

  it('gives the interviewer a profile of their own rounds, and others an empty one', async () => {
    const profile = await profileOf(alice);
    expect(profile).toMatchObject({
      rounds: 1,
      backing: { judged: 1, unbacked: 1, unbackedShare: 1 },
      // Framing two apart, architecture agreeing: half the shared signals within one.
      calibration: { pairs: 1, agreement: 0.5 },
    });
    const framing = profile.signals.find((entry) => entry.signal === 'framing');
    expect(framing).toMatchObject({
      judged: 1,
      unbacked: 1,
      vsObservers: { compared: 1, meanDifference: 2, reading: null },
      vsSelf: { compared: 1, meanDifference: -1, reading: null },
    });
    // Ivan's round has not ended; Bob and Mallory ran none.
    for (const user of [ivan, bob, mallory]) {
      expect(await profileOf(user)).toMatchObject({
        rounds: 0,
        backing: { judged: 0, unbackedShare: null },
        calibration: { pairs: 0, agreement: null },
      });
    }
  });

  it('refuses the routes to a caller who is not signed in', async () => {
    for (const response of [
      await t.http().get(`/api/sessions/${session.id}/rating`),
      await t.http().put(`/api/sessions/${session.id}/rating`).send({ verdicts: {}, comment: 'x' }),
      await t.http().get('/api/me/interviewer-profile'),
    ]) {
      expect(response.status).toBe(401);
      expect(errorOf(response.body).code).toBe('UNAUTHENTICATED');
    }
  });
});
