import type { DocumentId } from '@signal-room/domain';
import { DOCUMENT_CONTENT, signalById, SIGNAL_IDS } from '@signal-room/domain';
import type { AuthResponse, SessionSummary } from '@signal-room/protocol';
import {
  calibrationResponseSchema,
  feedbackDocumentSchema,
  feedbackExportSchema,
} from '@signal-room/protocol';
import { DocumentChannel } from '@signal-room/room-client';
import type * as Y from 'yjs';
import type { TestClient, TestApp } from '../testing/test-app';
import { startTestApp } from '../testing/test-app';
import { TEST_DATABASE_KINDS } from '../testing/test-databases';
import { accepted, admit, bearer, createSession, errorOf } from '../testing/test-http';

const EVIDENCE_NOTE = 'Asked which tenants are billed hourly before drawing anything';
const OBSERVER_NOTE = 'Observer aside that the candidate must never read';
const REQUIREMENTS = 'Meter API calls per tenant;\nbill hourly';
const PAD_CODE = 'def bill(tenant): ...';
const SCRATCH_NOTE = 'PRIVATE-scratch: probe the hourly rollup next';

/** Writes into a shared document as `client`, and waits until the server has stored it. */
async function write(
  client: TestClient,
  sessionId: string,
  documentId: DocumentId,
  change: (doc: Y.Doc) => void,
): Promise<void> {
  const channel = new DocumentChannel(sessionId, documentId, { coalesceMs: 1 });
  await channel.attach(client.socket);
  change(channel.doc);
  for (let waited = 0; channel.getSnapshot().unsaved; waited += 10) {
    if (waited > 10_000) throw new Error(`the ${documentId} was not stored`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  channel.close();
}

describe.each(TEST_DATABASE_KINDS)('feedback and calibration on %s PostgreSQL', (kind) => {
  let t: TestApp;
  let alice: AuthResponse;
  let bob: AuthResponse;
  let olga: AuthResponse;
  let oscar: AuthResponse;
  let mallory: AuthResponse;

  beforeAll(async () => {
    t = await startTestApp(kind);
    [alice, bob, olga, oscar, mallory] = await Promise.all(
      ['Alice', 'Bob', 'Olga', 'Oscar', 'Mallory'].map((name) => t.register(name)),
    );
  });
  afterAll(() => t?.close());

  const feedbackOf = (sessionId: string, user: AuthResponse) =>
    t.http().get(`/api/sessions/${sessionId}/feedback`).set(bearer(user.token));
  const exportOf = (sessionId: string, user: AuthResponse, format?: string) =>
    t
      .http()
      .get(`/api/sessions/${sessionId}/feedback/export`)
      .query(format === undefined ? {} : { format })
      .set(bearer(user.token));
  const summaryOf = async (sessionId: string, user: AuthResponse) =>
    (await t.http().get(`/api/sessions/${sessionId}`).set(bearer(user.token)).expect(200))
      .body as SessionSummary;
  const calibrationOf = (sessionId: string, user: AuthResponse) =>
    t.http().get(`/api/sessions/${sessionId}/calibration`).set(bearer(user.token));

  /** A round with the whole cast in the room, scored by everyone on the staff. */
  async function scoredRound(visibility: 'private' | 'coaching') {
    const session: SessionSummary = await createSession(t, alice, {
      promptId: 'system-design-usage-metering',
      visibility,
    });
    await admit(t, session.id, alice, bob, 'candidate');
    await admit(t, session.id, alice, olga, 'observer');
    await admit(t, session.id, alice, oscar, 'observer');
    const clients: Record<'interviewer' | 'candidate' | 'olga' | 'oscar', TestClient> = {
      interviewer: await t.connect(alice.token),
      candidate: await t.connect(bob.token),
      olga: await t.connect(olga.token),
      oscar: await t.connect(oscar.token),
    };
    for (const client of Object.values(clients)) {
      expect(await client.join(session.id)).toMatchObject({ ok: true });
    }
    const { interviewer } = clients;
    await accepted(interviewer.command(session.id, 'prompt.reveal', {}));
    await accepted(interviewer.command(session.id, 'timer.start', {}));
    await accepted(
      interviewer.command(session.id, 'evidence.add', {
        signal: 'framing',
        polarity: 'strong',
        note: EVIDENCE_NOTE,
      }),
    );
    await accepted(interviewer.command(session.id, 'score.set', { signal: 'framing', score: 4 }));
    await accepted(
      interviewer.command(session.id, 'score.set', { signal: 'architecture', score: 3 }),
    );
    await accepted(
      clients.olga.command(session.id, 'evidence.add', {
        signal: 'framing',
        polarity: 'weak',
        note: OBSERVER_NOTE,
      }),
    );
    await accepted(clients.olga.command(session.id, 'score.set', { signal: 'framing', score: 2 }));
    await accepted(
      clients.olga.command(session.id, 'score.set', { signal: 'architecture', score: 3 }),
    );
    await accepted(clients.oscar.command(session.id, 'score.set', { signal: 'framing', score: 5 }));
    const { candidate } = clients;
    await write(candidate, session.id, 'sheet', (doc) =>
      doc.getText('functional').insert(0, REQUIREMENTS),
    );
    await write(candidate, session.id, 'pad', (doc) =>
      doc.getText(DOCUMENT_CONTENT.pad).insert(0, PAD_CODE),
    );
    await write(candidate, session.id, 'board', (doc) => {
      const elements = doc.getMap(DOCUMENT_CONTENT.board);
      elements.set('meter', { id: 'meter', type: 'rectangle', version: 2, versionNonce: 7 });
      elements.set('gone', { id: 'gone', type: 'ellipse', version: 3, isDeleted: true });
    });
    await write(interviewer, session.id, 'scratch', (doc) =>
      doc.getText(DOCUMENT_CONTENT.pad).insert(0, SCRATCH_NOTE),
    );
    return { session, clients };
  }

  const end = (client: TestClient, sessionId: string) =>
    accepted(client.command(sessionId, 'session.end', {}));

  describe('in a private round', () => {
    let session: SessionSummary;
    let clients: Awaited<ReturnType<typeof scoredRound>>['clients'];

    beforeAll(async () => {
      ({ session, clients } = await scoredRound('private'));
    });

    it('is not ready for anyone before the round ends', async () => {
      for (const user of [alice, olga, oscar, bob]) {
        const response = await feedbackOf(session.id, user).expect(404);
        expect(errorOf(response.body).code).toBe('FEEDBACK_NOT_READY');
        const exported = await exportOf(session.id, user).expect(404);
        expect(errorOf(exported.body).code).toBe('FEEDBACK_NOT_READY');
      }
    });

    it('keeps calibration closed until the end, and from the candidate always', async () => {
      for (const user of [alice, olga]) {
        const response = await calibrationOf(session.id, user).expect(409);
        expect(errorOf(response.body).code).toBe('INVALID_STATE');
      }
      const candidate = await calibrationOf(session.id, bob).expect(403);
      expect(errorOf(candidate.body).code).toBe('FORBIDDEN_ROLE');
    });

    it('opens to the staff at the end, and to the candidate only once released', async () => {
      await end(clients.interviewer, session.id);

      const staff = await feedbackOf(session.id, alice).expect(200);
      const document = feedbackDocumentSchema.parse(staff.body);
      expect(document.sessionId).toBe(session.id);
      expect(document.signals.find((signal) => signal.signal === 'framing')).toMatchObject({
        score: 4,
        evidence: [{ polarity: 'strong', note: EVIDENCE_NOTE, offsetMs: expect.any(Number) }],
      });
      // Feedback is the interviewer's scorecard: an observer's scores and notes stay out of it.
      expect(JSON.stringify(document)).not.toContain(OBSERVER_NOTE);
      expect((await feedbackOf(session.id, olga).expect(200)).body).toEqual(document);

      const early = await feedbackOf(session.id, bob).expect(404);
      expect(errorOf(early.body).code).toBe('FEEDBACK_NOT_READY');
      await exportOf(session.id, bob).expect(404);
      const stranger = await feedbackOf(session.id, mallory).expect(404);
      expect(errorOf(stranger.body).code).toBe('SESSION_NOT_FOUND');
      // The session summary keeps the same secret.
      expect(await summaryOf(session.id, bob)).toMatchObject({
        status: 'ended',
        feedbackReleased: false,
        scores: null,
      });
      expect((await summaryOf(session.id, olga)).scores).toMatchObject({
        framing: 4,
        architecture: 3,
      });

      // The sheet the candidate wrote, and what a system design round never wrote down.
      expect(document.sheet?.sections.find((section) => section.id === 'functional')).toEqual({
        id: 'functional',
        label: 'Functional requirements',
        text: REQUIREMENTS,
      });
      expect(document.sheet?.neverWritten).toEqual([
        'Non-goals',
        'Assumptions',
        'Constraints and scale',
        'API',
        'Data model',
        'Failure and risks',
        'Rollout',
      ]);

      await accepted(clients.interviewer.command(session.id, 'feedback.release', {}));
      const released = await feedbackOf(session.id, bob).expect(200);
      expect(feedbackDocumentSchema.parse(released.body).signals).toEqual(document.signals);
      expect(feedbackDocumentSchema.parse(released.body).sheet).toEqual(document.sheet);
      expect(released.text).not.toContain('PRIVATE-scratch');
      expect(await summaryOf(session.id, bob)).toMatchObject({
        feedbackReleased: true,
        scores: { framing: 4, architecture: 3, coding: null },
      });
    });

    it('exports Markdown as an attachment with every signal and the evidence', async () => {
      const response = await exportOf(session.id, bob).expect(200);
      expect(response.headers['content-type']).toBe('text/markdown; charset=utf-8');
      expect(response.headers['content-disposition']).toBe(
        `attachment; filename="signal-room-feedback-${session.id}.md"`,
      );
      const markdown = response.text;
      expect(markdown).toMatch(/^# Feedback — System design: /);
      for (const id of SIGNAL_IDS) expect(markdown).toContain(signalById(id).name);
      expect(markdown).toContain(EVIDENCE_NOTE);
      expect(markdown).toContain('## Requirements sheet');
      expect(markdown).toContain('> Meter API calls per tenant;\n> bill hourly');
      expect(markdown).toContain('Never written down: Non-goals, Assumptions,');
      expect(markdown).not.toContain(OBSERVER_NOTE);
      expect(markdown).not.toContain('PRIVATE-scratch');
      // Markdown is the default format.
      expect((await exportOf(session.id, bob, 'markdown').expect(200)).text).toBe(markdown);
    });

    it("exports JSON that parses to the same document, with the candidate's audit beside it", async () => {
      const response = await exportOf(session.id, bob, 'json').expect(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.headers['content-disposition']).toBe(
        `attachment; filename="signal-room-feedback-${session.id}.json"`,
      );
      const document = feedbackDocumentSchema.parse(
        (await feedbackOf(session.id, bob).expect(200)).body,
      );
      // Bob wrote no audit of this round; what the audit adds is tested with the audit. The
      // workspace is the pad's code and the board's live elements, never the staff's scratch.
      expect(feedbackExportSchema.parse(JSON.parse(response.text))).toEqual({
        ...document,
        audit: [],
        workspace: {
          pad: PAD_CODE,
          board: [{ id: 'meter', type: 'rectangle', version: 2, versionNonce: 7 }],
        },
      });
      expect(response.text).not.toContain('PRIVATE-scratch');
    });

    it('refuses a format it does not make with 400', async () => {
      const response = await exportOf(session.id, bob, 'pdf').expect(400);
      expect(errorOf(response.body).code).toBe('INVALID_PAYLOAD');
    });

    it("shows the interviewer every observer's calibration, and an observer only their own", async () => {
      const all = calibrationResponseSchema.parse(
        (await calibrationOf(session.id, alice).expect(200)).body,
      );
      expect(all.map((row) => row.observerId).sort()).toEqual([olga.user.id, oscar.user.id].sort());
      const olgaRows = all.find((row) => row.observerId === olga.user.id);
      expect(olgaRows?.rows.find((row) => row.signal === 'framing')).toEqual({
        signal: 'framing',
        interviewer: 4,
        observer: 2,
        difference: -2,
      });
      // Framing is two apart, architecture agrees: half the shared signals are within one.
      expect(olgaRows?.agreement).toBe(0.5);

      const own = calibrationResponseSchema.parse(
        (await calibrationOf(session.id, olga).expect(200)).body,
      );
      expect(own).toEqual([olgaRows]);
      const oscars = calibrationResponseSchema.parse(
        (await calibrationOf(session.id, oscar).expect(200)).body,
      );
      expect(oscars.map((row) => row.observerId)).toEqual([oscar.user.id]);
      expect(oscars[0]?.agreement).toBe(1);

      const candidate = await calibrationOf(session.id, bob).expect(403);
      expect(errorOf(candidate.body).code).toBe('FORBIDDEN_ROLE');
    });
  });

  describe('in a coaching round', () => {
    it('lets the candidate read the feedback as soon as the round ends', async () => {
      const { session, clients } = await scoredRound('coaching');
      const before = await feedbackOf(session.id, bob).expect(404);
      expect(errorOf(before.body).code).toBe('FEEDBACK_NOT_READY');

      await end(clients.interviewer, session.id);
      const response = await feedbackOf(session.id, bob).expect(200);
      const document = feedbackDocumentSchema.parse(response.body);
      expect(document.signals.find((signal) => signal.signal === 'framing')?.score).toBe(4);
      expect(await summaryOf(session.id, bob)).toMatchObject({
        feedbackReleased: true,
        scores: { framing: 4 },
      });
      const exported = await exportOf(session.id, bob).expect(200);
      expect(exported.text).toContain(EVIDENCE_NOTE);
      // Released by the end itself: there is nothing left to release.
      const again = await clients.interviewer.command(session.id, 'feedback.release', {});
      expect(again).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    });
  });
});
