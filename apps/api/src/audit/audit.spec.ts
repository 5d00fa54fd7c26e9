import { randomUUID } from 'node:crypto';
import type { AuditEntry } from '@signal-room/domain';
import type {
  AuditHistoryResponse,
  AuthResponse,
  NextMockResponse,
  SessionAuditResponse,
} from '@signal-room/protocol';
import { AUDIT_ENTRIES_PER_SIGNAL, feedbackDocumentSchema } from '@signal-room/protocol';
import type { Cast, TestApp } from '../testing/test-app';
import {
  auditedRound,
  createStaffedSession,
  registerCast,
  roomViewOf,
  startTestApp,
} from '../testing/test-app';
import { TEST_DATABASE_KINDS } from '../testing/test-databases';
import { accepted, bearer, errorOf } from '../testing/test-http';

describe.each(TEST_DATABASE_KINDS)('the hidden-signal audit on %s PostgreSQL', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let stranger: AuthResponse;
  /** The interviewer of a round the candidate is not in. */
  let otherInterviewer: AuthResponse;

  beforeAll(async () => {
    t = await startTestApp(kind);
    cast = await registerCast(t);
    stranger = await t.register('Mallory');
    otherInterviewer = await t.register('Nadia');
  });
  afterAll(() => t?.close());

  const auditOf = (sessionId: string, user: AuthResponse) =>
    t.http().get(`/api/sessions/${sessionId}/audit`).set(bearer(user.token));
  const write = (sessionId: string, user: AuthResponse, body: object) =>
    t.http().post(`/api/sessions/${sessionId}/audit`).set(bearer(user.token)).send(body);
  const removal = (sessionId: string, entryId: string, user: AuthResponse) =>
    t.http().delete(`/api/sessions/${sessionId}/audit/${entryId}`).set(bearer(user.token));
  const historyOf = async (user: AuthResponse) =>
    (
      (await t.http().get('/api/history/audit').set(bearer(user.token)).expect(200))
        .body as AuditHistoryResponse
    ).entries;

  describe('in a released round', () => {
    let sessionId: string;
    let entry: AuditEntry;

    beforeAll(async () => {
      ({ sessionId, entry } = await auditedRound(t, cast, 'I scoped it to one region first.'));
    });

    it("shows the candidate the round's hidden signals and what they wrote", async () => {
      const audit = (await auditOf(sessionId, cast.candidate).expect(200))
        .body as SessionAuditResponse;
      // Ended at once: every signal the system design round expects stayed hidden.
      expect(audit.signals.map((signal) => [signal.signal, signal.reason])).toEqual([
        ['framing', 'hidden'],
        ['architecture', 'hidden'],
        ['production', 'hidden'],
        ['delivery', 'hidden'],
        ['communication', 'hidden'],
      ]);
      expect(audit.entries).toEqual([
        {
          id: entry.id,
          sessionId,
          signal: 'framing',
          sentence: 'I scoped it to one region first.',
          offsetMs: null,
          createdAt: expect.any(String),
          visibleInSessionId: null,
        },
      ]);
    });

    it('is closed to the interviewer and observer of the round, and unknown to anyone else', async () => {
      for (const user of [cast.interviewer, cast.observer]) {
        const read = await auditOf(sessionId, user).expect(403);
        expect(errorOf(read.body).code).toBe('FORBIDDEN_ROLE');
        await write(sessionId, user, { signal: 'framing', sentence: 'Not mine' }).expect(403);
        await removal(sessionId, entry.id, user).expect(403);
      }
      for (const user of [stranger, otherInterviewer]) {
        const read = await auditOf(sessionId, user).expect(404);
        expect(errorOf(read.body).code).toBe('SESSION_NOT_FOUND');
        await write(sessionId, user, { signal: 'framing', sentence: 'Not mine' }).expect(404);
        await removal(sessionId, entry.id, user).expect(404);
        expect(await historyOf(user)).toEqual([]);
      }
      expect(await historyOf(cast.interviewer)).toEqual([]);
      await t.http().get(`/api/sessions/${sessionId}/audit`).expect(401);
    });

    it('refuses a signal the round did not hide or see weakly, a moment past its end, and bad text', async () => {
      const before = (await auditOf(sessionId, cast.candidate).expect(200))
        .body as SessionAuditResponse;
      for (const body of [
        { signal: 'coding', sentence: 'Coding was not expected here' },
        { signal: 'framing', sentence: 'Later than the round', offsetMs: 60_000 },
        { signal: 'framing', sentence: '   ' },
        { signal: 'framing', sentence: 'x'.repeat(281) },
        { signal: 'framing', sentence: 'Stray key', extra: true },
        { signal: 'nonsense', sentence: 'No such signal' },
      ]) {
        const response = await write(sessionId, cast.candidate, body).expect(400);
        expect(errorOf(response.body).code).toBe('INVALID_PAYLOAD');
      }
      const after = (await auditOf(sessionId, cast.candidate).expect(200))
        .body as SessionAuditResponse;
      expect(after.entries).toEqual(before.entries);
    });

    it('keeps a few entries per signal, and lets the candidate take one back', async () => {
      const extra: AuditEntry[] = [];
      for (let index = 0; index < AUDIT_ENTRIES_PER_SIGNAL; index += 1) {
        extra.push(
          (
            await write(sessionId, cast.candidate, {
              signal: 'production',
              sentence: `P${index}`,
            }).expect(201)
          ).body as AuditEntry,
        );
      }
      const full = await write(sessionId, cast.candidate, {
        signal: 'production',
        sentence: 'One too many',
      }).expect(409);
      expect(errorOf(full.body).code).toBe('INVALID_STATE');

      for (const added of extra) {
        expect((await removal(sessionId, added.id, cast.candidate).expect(200)).body).toEqual(
          added,
        );
      }
      const again = await removal(sessionId, extra[0]?.id ?? '', cast.candidate).expect(404);
      expect(errorOf(again.body).code).toBe('NOT_FOUND');
      await removal(sessionId, randomUUID(), cast.candidate).expect(404);
      await removal(sessionId, 'not-a-uuid', cast.candidate).expect(400);
      const audit = (await auditOf(sessionId, cast.candidate).expect(200))
        .body as SessionAuditResponse;
      expect(audit.entries.map((kept) => kept.id)).toEqual([entry.id]);
    });
  });

  it('opens only once the feedback is released', async () => {
    const { id: sessionId } = await createStaffedSession(t, cast);
    const interviewer = await t.connect(cast.interviewer.token);
    await interviewer.join(sessionId);
    const early = await auditOf(sessionId, cast.candidate).expect(404);
    expect(errorOf(early.body).code).toBe('FEEDBACK_NOT_READY');
    await accepted(interviewer.command(sessionId, 'timer.start', {}));
    await accepted(interviewer.command(sessionId, 'session.end', {}));
    await write(sessionId, cast.candidate, { signal: 'framing', sentence: 'Too soon' }).expect(404);
    await accepted(interviewer.command(sessionId, 'feedback.release', {}));
    await auditOf(sessionId, cast.candidate).expect(200);
    interviewer.close();
  });

  it("puts the entries on the next room's watch list, and what was heard becomes visible", async () => {
    // A cast of its own, so other tests' entries stay off this candidate's list.
    const own = await registerCast(t);
    const first = await auditedRound(t, own, 'Said aloud: hourly buckets match billing.');
    const second = await auditedRound(t, own, 'Never said: what happens at a region failure.');
    // The candidate's next mock is aimed at what the audit has still to see heard.
    const reason = async () =>
      (
        (await t.http().get('/api/history/next-mock').set(bearer(own.candidate.token)).expect(200))
          .body as NextMockResponse
      ).reason;
    expect(await reason()).toContain('has 2 audit entries of yours not yet heard');
    const { id: next } = await createStaffedSession(t, own);
    const interviewer = await t.connect(own.interviewer.token);
    const observer = await t.connect(own.observer.token);
    const candidate = await t.connect(own.candidate.token);
    await interviewer.join(next);
    await observer.join(next);
    await candidate.join(next);
    await observer.flush();
    await candidate.flush();

    const listed = interviewer.state?.watchFor ?? [];
    expect(listed.map((item) => [item.id, item.fromSessionId, item.seenAtMs])).toEqual([
      [first.entry.id, first.sessionId, null],
      [second.entry.id, second.sessionId, null],
    ]);
    expect(listed[0]?.intent).toBe('Said aloud: hourly buckets match billing.');
    // The observer scores blind and the candidate would only recite: neither sees the list.
    for (const client of [observer, candidate]) {
      expect(client.state?.watchFor).toEqual([]);
      expect(JSON.stringify(client.frames)).not.toContain('hourly buckets');
    }
    for (const user of [own.observer, own.candidate]) {
      expect((await roomViewOf(t, next, user.token)).watchFor).toEqual([]);
    }
    // Joining again lists nothing twice.
    await interviewer.join(next);
    expect(interviewer.state?.watchFor).toHaveLength(2);

    await accepted(interviewer.command(next, 'timer.start', {}));
    await accepted(interviewer.command(next, 'watch.tick', { itemId: first.entry.id }));
    await accepted(interviewer.command(next, 'session.end', {}));
    // Ticked but not yet released: not visible anywhere yet.
    expect((await historyOf(own.candidate)).every((item) => item.visibleInSessionId === null)).toBe(
      true,
    );
    await accepted(interviewer.command(next, 'feedback.release', {}));

    const entries = await historyOf(own.candidate);
    expect(entries.map((item) => [item.id, item.visibleInSessionId])).toEqual(
      expect.arrayContaining([
        [first.entry.id, next],
        [second.entry.id, null],
      ]),
    );
    expect(await reason()).toContain('has an audit entry of yours not yet heard');
    const feedback = feedbackDocumentSchema.parse(
      (
        await t
          .http()
          .get(`/api/sessions/${next}/feedback`)
          .set(bearer(own.candidate.token))
          .expect(200)
      ).body,
    );
    expect(feedback.watchFor?.map((item) => [item.id, item.seenAtMs !== null])).toEqual([
      [first.entry.id, true],
      [second.entry.id, false],
    ]);
    const observed = feedbackDocumentSchema.parse(
      (
        await t
          .http()
          .get(`/api/sessions/${next}/feedback`)
          .set(bearer(own.observer.token))
          .expect(200)
      ).body,
    );
    expect(observed.watchFor).toEqual([]);

    // The round after lists only what is still unsaid.
    const { id: third } = await createStaffedSession(t, own);
    const later = await t.connect(own.interviewer.token);
    await later.join(third);
    expect(later.state?.watchFor.map((item) => item.id)).toEqual([second.entry.id]);
  });

  it("takes a deleted entry off a live room's watch list at once, and out of its log", async () => {
    const own = await registerCast(t);
    const sentence = 'Taken back: the retry budget I kept to myself.';
    const { sessionId, entry } = await auditedRound(t, own, sentence);
    const { id: next } = await createStaffedSession(t, own);
    const interviewer = await t.connect(own.interviewer.token);
    await interviewer.join(next);
    expect(interviewer.state?.watchFor.map((item) => item.id)).toEqual([entry.id]);
    const seq = interviewer.state?.seq ?? 0;

    await removal(sessionId, entry.id, own.candidate).expect(200);
    const withdrawn = await interviewer.settle(seq + 1);
    expect(withdrawn.watchFor).toEqual([]);
    // Nothing of the sentence is left to replay: not in the log, the timeline, or a fresh join.
    const log = await t.dataSource.query<{ payload: unknown }[]>(
      'SELECT payload FROM session_events WHERE session_id = $1',
      [next],
    );
    expect(JSON.stringify(log)).not.toContain('retry budget');
    const timeline = await t
      .http()
      .get(`/api/sessions/${next}/timeline`)
      .set(bearer(own.interviewer.token))
      .expect(200);
    expect(JSON.stringify(timeline.body)).not.toContain('retry budget');
    const fresh = await t.connect(own.interviewer.token);
    await fresh.join(next);
    expect(fresh.state?.watchFor).toEqual([]);
  });
});
