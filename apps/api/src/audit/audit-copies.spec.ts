import type { AuditEntry } from '@signal-room/domain';
import { emptyScores } from '@signal-room/domain';
import type { AuthResponse } from '@signal-room/protocol';
import { feedbackExportSchema } from '@signal-room/protocol';
import type { Cast, TestApp } from '../testing/test-app';
import {
  auditedRound,
  createStaffedSession,
  registerCast,
  startTestApp,
} from '../testing/test-app';
import { TEST_DATABASE_KINDS } from '../testing/test-databases';
import { accepted, bearer, errorOf } from '../testing/test-http';

// Private markers: a reader who may not see the candidate's audit must never receive them.
const HEARD = 'AUDIT-MARKER-HEARD: I capped retries at three to protect the ledger.';
const UNSAID = 'AUDIT-MARKER-UNSAID: I would shard by tenant once writes pass ten thousand.';

describe.each(TEST_DATABASE_KINDS)(
  "the candidate's audit in feedback exports on %s PostgreSQL",
  (kind) => {
    let t: TestApp;
    let cast: Cast;
    let stranger: AuthResponse;
    let audited: { sessionId: string; heard: AuditEntry; unsaid: AuditEntry };
    /** The candidate's next mock, whose interviewer heard one of the two entries said. */
    let next: string;

    const exportOf = (sessionId: string, user: AuthResponse, format: 'markdown' | 'json') =>
      t
        .http()
        .get(`/api/sessions/${sessionId}/feedback/export`)
        .query({ format })
        .set(bearer(user.token));
    const jsonExportOf = async (sessionId: string, user: AuthResponse) =>
      feedbackExportSchema.parse(
        JSON.parse((await exportOf(sessionId, user, 'json').expect(200)).text),
      );
    const markdownOf = async (sessionId: string, user: AuthResponse) =>
      (await exportOf(sessionId, user, 'markdown').expect(200)).text;

    beforeAll(async () => {
      t = await startTestApp(kind);
      cast = await registerCast(t);
      stranger = await t.register('Mallory');
      const first = await auditedRound(t, cast, HEARD);
      const second = await t
        .http()
        .post(`/api/sessions/${first.sessionId}/audit`)
        .set(bearer(cast.candidate.token))
        .send({ signal: 'production', sentence: UNSAID, offsetMs: 0 })
        .expect(201);
      audited = {
        sessionId: first.sessionId,
        heard: first.entry,
        unsaid: second.body as AuditEntry,
      };

      ({ id: next } = await createStaffedSession(t, cast));
      const interviewer = await t.connect(cast.interviewer.token);
      await interviewer.join(next);
      await accepted(interviewer.command(next, 'timer.start', {}));
      await accepted(interviewer.command(next, 'watch.tick', { itemId: audited.heard.id }));
      await accepted(interviewer.command(next, 'session.end', {}));
      await accepted(interviewer.command(next, 'feedback.release', {}));
      interviewer.close();
    });
    afterAll(() => t?.close());

    it('gives the candidate their entries of the round in both formats, with whether each was heard later', async () => {
      const exported = await jsonExportOf(audited.sessionId, cast.candidate);
      expect(
        exported.audit?.map((entry) => [entry.sentence, entry.offsetMs, entry.visibleInSessionId]),
      ).toEqual([
        [HEARD, null, next],
        [UNSAID, 0, null],
      ]);
      const markdown = await markdownOf(audited.sessionId, cast.candidate);
      expect(markdown).toContain('## Your audit');
      expect(markdown).toContain(`| ${HEARD} | Yes, in session ${next} |`);
      expect(markdown).toContain(`| 0:00 | ${UNSAID} | Not yet |`);
    });

    it("keeps the candidate's entries out of the staff's exports, as GET …/audit does", async () => {
      for (const user of [cast.interviewer, cast.observer]) {
        await t
          .http()
          .get(`/api/sessions/${audited.sessionId}/audit`)
          .set(bearer(user.token))
          .expect(403);
        for (const format of ['markdown', 'json'] as const) {
          const { text } = await exportOf(audited.sessionId, user, format).expect(200);
          expect(text).not.toContain('AUDIT-MARKER');
          expect(text).not.toContain('Your audit');
        }
        expect(await jsonExportOf(audited.sessionId, user)).not.toHaveProperty('audit');
      }
    });

    it('tells a stranger nothing, in either format', async () => {
      for (const sessionId of [audited.sessionId, next]) {
        for (const format of ['markdown', 'json'] as const) {
          const response = await exportOf(sessionId, stranger, format).expect(404);
          expect(errorOf(response.body).code).toBe('SESSION_NOT_FOUND');
          expect(JSON.stringify(response.body) + response.text).not.toContain('AUDIT-MARKER');
        }
      }
    });

    it('shows what became visible in the next mock to whoever its feedback page shows it', async () => {
      for (const user of [cast.candidate, cast.interviewer]) {
        const markdown = await markdownOf(next, user);
        expect(markdown).toContain('## From your audits: what became visible');
        expect(markdown).toContain(
          '1 of 2 decisions you audited after earlier rounds were heard this time.',
        );
        expect(markdown).toMatch(new RegExp(`\\| ${HEARD} \\| Visible at \\d+:\\d\\d \\|`));
        expect(markdown).toContain(`| ${UNSAID} | Not heard |`);
      }
      // The candidate audited the earlier round, not this one: nothing of theirs to list here.
      expect((await jsonExportOf(next, cast.candidate)).audit).toEqual([]);
      expect(await jsonExportOf(next, cast.interviewer)).not.toHaveProperty('audit');
      // The observer scores blind: the watch list was never theirs to see.
      for (const format of ['markdown', 'json'] as const) {
        const { text } = await exportOf(next, cast.observer, format).expect(200);
        expect(text).not.toContain('AUDIT-MARKER');
        expect(text).not.toContain('From your audits');
      }
    });

    it("takes a deleted entry's sentence out of the later round's stored feedback, for good", async () => {
      const SECRET = 'AUDIT-MARKER-TAKEN-BACK: I would have paged the on-call before failing over.';
      // A cast of its own, so the entries above stay off this candidate's watch list.
      const own = await registerCast(t);
      const earlier = await auditedRound(t, own, SECRET);
      const kept = await t
        .http()
        .post(`/api/sessions/${earlier.sessionId}/audit`)
        .set(bearer(own.candidate.token))
        .send({ signal: 'production', sentence: UNSAID })
        .expect(201);
      // Coaching: released at the end, and the candidate's self-assessment may still come after,
      // rewriting the feedback from the room's log.
      const { id: later } = await createStaffedSession(t, own, { visibility: 'coaching' });
      const interviewer = await t.connect(own.interviewer.token);
      await interviewer.join(later);
      await accepted(interviewer.command(later, 'timer.start', {}));
      await accepted(interviewer.command(later, 'watch.tick', { itemId: earlier.entry.id }));
      await accepted(interviewer.command(later, 'session.end', {}));
      interviewer.close();

      /** The later round's feedback over REST and both exports, as its candidate and interviewer get them. */
      const everything = async () => {
        const texts: string[] = [];
        for (const user of [own.candidate, own.interviewer]) {
          const rest = await t
            .http()
            .get(`/api/sessions/${later}/feedback`)
            .set(bearer(user.token))
            .expect(200);
          texts.push(JSON.stringify(rest.body));
          for (const format of ['markdown', 'json'] as const) {
            texts.push((await exportOf(later, user, format).expect(200)).text);
          }
        }
        return texts;
      };
      expect((await everything()).every((text) => text.includes(SECRET))).toBe(true);

      await t
        .http()
        .delete(`/api/sessions/${earlier.sessionId}/audit/${earlier.entry.id}`)
        .set(bearer(own.candidate.token))
        .expect(200);
      for (const text of await everything()) expect(text).not.toContain('AUDIT-MARKER-TAKEN-BACK');
      const after = await jsonExportOf(later, own.candidate);
      // The item goes whole: what is left counts only the entries the candidate keeps.
      expect(after.watchFor?.map((item) => [item.id, item.seenAtMs])).toEqual([
        [(kept.body as AuditEntry).id, null],
      ]);
      expect(await markdownOf(later, own.candidate)).toContain(
        '0 of 1 decisions you audited after earlier rounds were heard this time.',
      );

      // Rewritten from the room's log, the feedback still leaves the deleted entry out.
      const candidate = await t.connect(own.candidate.token);
      await candidate.join(later);
      await accepted(
        candidate.command(later, 'self-assessment.submit', {
          scores: { ...emptyScores(), framing: 3 },
          note: '',
        }),
      );
      candidate.close();
      const rewritten = await everything();
      expect(
        feedbackExportSchema.parse(JSON.parse(rewritten[2] ?? '')).selfAssessment.submitted,
      ).toBe(true);
      for (const text of rewritten) expect(text).not.toContain('AUDIT-MARKER-TAKEN-BACK');
    });
  },
);
