import type { SessionSummary } from '@signal-room/protocol';
import type { TestApp } from '../testing/test-app';
import { startTestApp } from '../testing/test-app';
import { TEST_DATABASE_KINDS } from '../testing/test-databases';

describe.each(TEST_DATABASE_KINDS)('a whole interview on %s PostgreSQL', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(() => t?.close());

  it('runs from invitation to released feedback', async () => {
    const alice = await t.register('Alice');
    const bob = await t.register('Bob');
    const olga = await t.register('Olga');
    const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

    const created = await t
      .http()
      .post('/api/sessions')
      .set(auth(alice.token))
      .send({
        roundType: 'system-design',
        promptId: 'system-design-usage-metering',
        durationMinutes: 45,
      })
      .expect(201);
    const session = created.body as SessionSummary;
    expect(session).toMatchObject({
      myRole: 'interviewer',
      status: 'waiting',
      durationMinutes: 45,
    });

    const candidateLink = await t
      .http()
      .post(`/api/sessions/${session.id}/invites`)
      .set(auth(alice.token))
      .send({ role: 'candidate' })
      .expect(201);
    const observerLink = await t
      .http()
      .post(`/api/sessions/${session.id}/invites`)
      .set(auth(alice.token))
      .send({ role: 'observer' })
      .expect(201);
    await t
      .http()
      .post(`/api/invites/${candidateLink.body.token}/accept`)
      .set(auth(bob.token))
      .expect(201);
    await t
      .http()
      .post(`/api/invites/${observerLink.body.token}/accept`)
      .set(auth(olga.token))
      .expect(201);

    const interviewer = await t.connect(alice.token);
    const candidate = await t.connect(bob.token);
    const observer = await t.connect(olga.token);
    expect(await interviewer.join(session.id)).toMatchObject({ ok: true, role: 'interviewer' });
    expect(await candidate.join(session.id)).toMatchObject({ ok: true, role: 'candidate' });
    expect(await observer.join(session.id)).toMatchObject({ ok: true, role: 'observer' });

    const ok = { ok: true, duplicate: false };
    expect(await interviewer.command(session.id, 'prompt.reveal', {})).toMatchObject(ok);
    expect(await interviewer.command(session.id, 'hint.reveal', {})).toMatchObject(ok);
    expect(await interviewer.command(session.id, 'timer.start', {})).toMatchObject(ok);
    expect(
      await interviewer.command(session.id, 'phase.change', { phaseId: 'clarify-scope' }),
    ).toMatchObject(ok);
    expect(
      await interviewer.command(session.id, 'evidence.add', {
        signal: 'framing',
        polarity: 'strong',
        note: 'Asked who is billed and how late usage may arrive',
      }),
    ).toMatchObject(ok);
    expect(
      await interviewer.command(session.id, 'move.mark', { move: 'clarify-constraints' }),
    ).toMatchObject(ok);
    expect(
      await interviewer.command(session.id, 'score.set', { signal: 'framing', score: 4 }),
    ).toMatchObject(ok);
    expect(
      await interviewer.command(session.id, 'score.set', { signal: 'architecture', score: 3 }),
    ).toMatchObject(ok);
    expect(
      await observer.command(session.id, 'score.set', { signal: 'framing', score: 5 }),
    ).toMatchObject(ok);
    expect(await interviewer.command(session.id, 'timer.pause', {})).toMatchObject(ok);
    expect(await interviewer.command(session.id, 'timer.resume', {})).toMatchObject(ok);
    expect(await interviewer.command(session.id, 'timer.extend', { byMs: 300_000 })).toMatchObject(
      ok,
    );
    const ended = await interviewer.command(session.id, 'session.end', {});
    expect(ended).toMatchObject(ok);

    const scores = {
      framing: 5,
      coding: null,
      architecture: 4,
      production: 3,
      delivery: null,
      leadership: null,
      communication: 4,
    } as const;
    expect(
      await candidate.command(session.id, 'self-assessment.submit', {
        scores,
        note: 'I rushed the failure modes.',
      }),
    ).toMatchObject(ok);

    // Before release the candidate has seen no score, and cannot read the feedback.
    const candidateView = await candidate.settle(ended.ok ? ended.seq : 0);
    expect(candidateView.scorecards).toEqual({});
    await t.http().get(`/api/sessions/${session.id}/feedback`).set(auth(bob.token)).expect(404);

    const released = await interviewer.command(session.id, 'feedback.release', {});
    expect(released).toMatchObject(ok);
    const finalView = await candidate.settle(released.ok ? released.seq : 0);
    expect(finalView.feedbackReleased).toBe(true);
    expect(Object.keys(finalView.scorecards)).toEqual([alice.user.id]);

    const feedback = await t
      .http()
      .get(`/api/sessions/${session.id}/feedback`)
      .set(auth(bob.token))
      .expect(200);
    const framing = feedback.body.signals.find((s: { signal: string }) => s.signal === 'framing');
    expect(framing).toMatchObject({
      score: 4,
      selfScore: 5,
      evidence: [expect.objectContaining({ polarity: 'strong' })],
    });
    expect(feedback.body.hiddenSignals.map((h: { signal: string }) => h.signal)).toContain(
      'production',
    );
    expect(feedback.body.moves.seen.map((m: { move: string }) => m.move)).toEqual([
      'clarify-constraints',
    ]);

    // Every client's state equals what the server says it may see.
    const server = await t
      .http()
      .get(`/api/sessions/${session.id}/room`)
      .set(auth(alice.token))
      .expect(200);
    const lastSeq = server.body.seq as number;
    for (const client of [interviewer, candidate, observer]) await client.settle(lastSeq);
    expect(interviewer.state).toEqual(server.body);
  });
});
