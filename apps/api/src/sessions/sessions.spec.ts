import { randomUUID } from 'node:crypto';
import { promptById, promptsFor, roundTypeById } from '@signal-room/domain';
import type { AuthResponse, SessionSummary } from '@signal-room/protocol';
import { sessionListResponseSchema, sessionSummarySchema } from '@signal-room/protocol';
import type { TestApp } from '../testing/test-app';
import { roomViewOf, startTestApp } from '../testing/test-app';
import { TEST_DATABASE_KINDS } from '../testing/test-databases';
import { admit, bearer, createSession, errorOf } from '../testing/test-http';

describe.each(TEST_DATABASE_KINDS)('sessions on %s PostgreSQL', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(() => t?.close());

  describe('creating a session', () => {
    let alice: AuthResponse;

    beforeAll(async () => {
      alice = await t.register('Alice');
    });

    const post = (body: Record<string, unknown>) =>
      t.http().post('/api/sessions').set(bearer(alice.token)).send(body);

    it('starts from the bank prompt asked for, with the round default duration', async () => {
      const response = await post({
        roundType: 'system-design',
        promptId: 'system-design-usage-metering',
      }).expect(201);
      const session = sessionSummarySchema.parse(response.body);
      expect(session).toMatchObject({
        roundType: 'system-design',
        promptTitle: promptById('system-design-usage-metering')?.title,
        durationMinutes: roundTypeById('system-design').defaultMinutes,
        visibility: 'private',
        peerMode: false,
        status: 'waiting',
        myRole: 'interviewer',
        feedbackReleased: false,
        scores: null,
        endedAt: null,
        previousSessionId: null,
        nextSessionId: null,
      });
      expect(session.participants).toEqual([
        { userId: alice.user.id, displayName: 'Alice', role: 'interviewer' },
      ]);
      const room = await roomViewOf(t, session.id, alice.token);
      expect(room.prompt?.promptId).toBe('system-design-usage-metering');
      expect(room.timer.durationMs).toBe(session.durationMinutes * 60_000);
    });

    it('keeps a custom prompt as written, with no bank guide', async () => {
      const customPrompt = {
        title: 'Design a dentist booking service',
        body: 'Patients book, move and cancel appointments across clinics.',
        hints: ['Think about double booking.'],
      };
      const response = await post({
        roundType: 'low-level-design',
        customPrompt,
        durationMinutes: 50,
      }).expect(201);
      const session = response.body as SessionSummary;
      expect(session).toMatchObject({ promptTitle: customPrompt.title, durationMinutes: 50 });
      const room = await roomViewOf(t, session.id, alice.token);
      expect(room.prompt).toEqual({
        promptId: null,
        ...customPrompt,
        followUps: [],
        signals: [],
        guide: null,
      });
    });

    it("gives a session with no prompt asked for the round's first bank prompt", async () => {
      const first = promptsFor('behavioral')[0];
      const response = await post({ roundType: 'behavioral' }).expect(201);
      expect(response.body).toMatchObject({
        promptTitle: first?.title,
        durationMinutes: roundTypeById('behavioral').defaultMinutes,
      });
      const room = await roomViewOf(t, (response.body as SessionSummary).id, alice.token);
      expect(room.prompt?.promptId).toBe(first?.id);
    });

    it.each([
      [
        'both a bank and a custom prompt',
        {
          roundType: 'system-design',
          promptId: 'system-design-usage-metering',
          customPrompt: { title: 'Mine', body: 'My own prompt.' },
        },
      ],
      [
        'a prompt of another round type',
        { roundType: 'behavioral', promptId: 'system-design-usage-metering' },
      ],
      ['a prompt that does not exist', { roundType: 'system-design', promptId: 'no-such-prompt' }],
      ['a duration under the minimum', { roundType: 'system-design', durationMinutes: 4 }],
      ['an unknown round type', { roundType: 'pub-quiz' }],
      ['an extra field', { roundType: 'system-design', status: 'ended' }],
    ])('refuses %s with 400 INVALID_PAYLOAD and creates nothing', async (_, body) => {
      const before = await t.http().get('/api/sessions').set(bearer(alice.token)).expect(200);
      const response = await post(body).expect(400);
      expect(errorOf(response.body).code).toBe('INVALID_PAYLOAD');
      const after = await t.http().get('/api/sessions').set(bearer(alice.token)).expect(200);
      expect(after.body).toEqual(before.body);
    });

    it('names the field when a bank and a custom prompt are both given', async () => {
      const response = await post({
        roundType: 'system-design',
        promptId: 'system-design-usage-metering',
        customPrompt: { title: 'Mine', body: 'My own prompt.' },
      }).expect(400);
      expect(errorOf(response.body).issues).toEqual([
        { path: 'customPrompt', message: 'Give a bank prompt or a custom prompt, not both.' },
      ]);
    });

    it('needs a signed-in user', async () => {
      const response = await t
        .http()
        .post('/api/sessions')
        .send({ roundType: 'system-design' })
        .expect(401);
      expect(errorOf(response.body).code).toBe('UNAUTHENTICATED');
    });
  });

  describe('who sees a session', () => {
    let alice: AuthResponse;
    let bob: AuthResponse;
    let olga: AuthResponse;
    let mallory: AuthResponse;
    let session: SessionSummary;
    let later: SessionSummary;

    beforeAll(async () => {
      [alice, bob, olga, mallory] = await Promise.all(
        ['Alice', 'Bob', 'Olga', 'Mallory'].map((name) => t.register(name)),
      );
      session = await createSession(t, alice, { promptId: 'system-design-usage-metering' });
      await admit(t, session.id, alice, bob, 'candidate');
      await admit(t, session.id, alice, olga, 'observer');
      later = await createSession(t, alice, { roundType: 'behavioral' });
    });

    const listOf = async (user: AuthResponse) => {
      const response = await t.http().get('/api/sessions').set(bearer(user.token)).expect(200);
      return sessionListResponseSchema.parse(response.body).sessions;
    };

    it('lists each session to everyone in it, in their own role', async () => {
      const roles = async (user: AuthResponse) =>
        (await listOf(user)).map((summary) => [summary.id, summary.myRole]);
      expect(await roles(alice)).toEqual(
        expect.arrayContaining([
          [session.id, 'interviewer'],
          [later.id, 'interviewer'],
        ]),
      );
      expect(await roles(alice)).toHaveLength(2);
      expect(await roles(bob)).toEqual([[session.id, 'candidate']]);
      expect(await roles(olga)).toEqual([[session.id, 'observer']]);
      expect(await roles(mallory)).toEqual([]);
    });

    it('lists newest first, with every participant named', async () => {
      const mine = await listOf(alice);
      const created = mine.map((summary) => summary.createdAt);
      expect(created).toEqual([...created].sort().reverse());
      const listed = mine.find((summary) => summary.id === session.id);
      expect(listed?.participants).toEqual(
        expect.arrayContaining([
          { userId: alice.user.id, displayName: 'Alice', role: 'interviewer' },
          { userId: bob.user.id, displayName: 'Bob', role: 'candidate' },
          { userId: olga.user.id, displayName: 'Olga', role: 'observer' },
        ]),
      );
      expect(listed?.participants).toHaveLength(3);
    });

    it('answers a participant with the session, in their role', async () => {
      const response = await t
        .http()
        .get(`/api/sessions/${session.id}`)
        .set(bearer(bob.token))
        .expect(200);
      expect(sessionSummarySchema.parse(response.body)).toMatchObject({
        id: session.id,
        myRole: 'candidate',
      });
    });

    it('tells a stranger exactly what it tells anyone about a session that does not exist', async () => {
      const stranger = await t
        .http()
        .get(`/api/sessions/${session.id}`)
        .set(bearer(mallory.token))
        .expect(404);
      expect(errorOf(stranger.body).code).toBe('SESSION_NOT_FOUND');
      const missing = await t
        .http()
        .get(`/api/sessions/${randomUUID()}`)
        .set(bearer(mallory.token))
        .expect(404);
      expect(missing.body).toEqual(stranger.body);
    });

    it('refuses an id that is not a UUID with 400, before touching the database', async () => {
      const response = await t
        .http()
        .get('/api/sessions/not-a-uuid')
        .set(bearer(alice.token))
        .expect(400);
      expect(errorOf(response.body).code).toBe('INVALID_PAYLOAD');
    });
  });
});
