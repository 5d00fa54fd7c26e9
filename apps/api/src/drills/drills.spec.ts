import { drillById } from '@signal-room/domain';
import type { AuthResponse, DrillResult } from '@signal-room/protocol';
import {
  drillResultListSchema,
  drillResultSchema,
  sessionSummarySchema,
} from '@signal-room/protocol';
import { STORY_DRILL } from '../testing/drill-fixtures';
import type { TestApp } from '../testing/test-app';
import { roomViewOf, startTestApp } from '../testing/test-app';
import { TEST_DATABASE_KINDS } from '../testing/test-databases';
import { admit, bearer, errorOf } from '../testing/test-http';

const MAP = {
  company: 'Acme',
  rounds: [
    {
      roundType: 'coding-screen',
      primary: { signal: 'coding', behaviour: 'Test edge cases before I am asked.' },
      secondary: [
        { signal: 'framing', behaviour: 'Ask what per minute means.' },
        { signal: 'communication', behaviour: 'Say the plan before typing.' },
      ],
    },
  ],
  elapsedSeconds: 900,
};

const STORY = STORY_DRILL;

const RESTRAINT = {
  answers: drillById('primary-signal-restraint').promptIds.map((promptId) => ({
    promptId,
    sentences: [
      { text: 'I would ask what the limit means.', serves: 'framing' },
      { text: 'A story about my last job.', serves: null },
    ],
    elapsedSeconds: 118,
  })),
};

describe.each(TEST_DATABASE_KINDS)('drill results on %s PostgreSQL', (kind) => {
  let t: TestApp;
  let dana: AuthResponse;
  let stranger: AuthResponse;

  beforeAll(async () => {
    t = await startTestApp(kind);
    dana = await t.register('Dana');
    stranger = await t.register('Sam');
  });
  afterAll(() => t?.close());

  const save = (who: AuthResponse, drill: string, body: unknown) =>
    t
      .http()
      .post(`/api/drills/${drill}/results`)
      .set(bearer(who.token))
      .send(body as object);

  const listOf = async (who: AuthResponse): Promise<DrillResult[]> => {
    const response = await t.http().get('/api/drills/results').set(bearer(who.token)).expect(200);
    return drillResultListSchema.parse(response.body).results;
  };

  it('keeps each drill as written and lists only your own, newest first', async () => {
    const saved: DrillResult[] = [];
    for (const [drill, payload] of [
      ['round-to-signal-map', MAP],
      ['signal-balanced-story', STORY],
      ['primary-signal-restraint', RESTRAINT],
    ] as const) {
      const response = await save(dana, drill, payload).expect(201);
      const result = drillResultSchema.parse(response.body);
      expect({ drill: result.drill, payload: result.payload }).toEqual({ drill, payload });
      saved.push(result);
    }
    await save(stranger, 'round-to-signal-map', { ...MAP, company: 'Elsewhere' }).expect(201);

    const mine = await listOf(dana);
    expect(mine.map((result) => result.id)).toEqual(saved.map((result) => result.id).reverse());
    const one = saved[1];
    if (!one) throw new Error('nothing saved');
    const read = await t
      .http()
      .get(`/api/drills/results/${one.id}`)
      .set(bearer(dana.token))
      .expect(200);
    expect(drillResultSchema.parse(read.body)).toEqual(one);
  });

  it("answers a stranger asking for someone's result as if it did not exist", async () => {
    const [theirs] = await listOf(dana);
    if (!theirs) throw new Error('Dana has no results');
    const response = await t
      .http()
      .get(`/api/drills/results/${theirs.id}`)
      .set(bearer(stranger.token))
      .expect(404);
    expect(errorOf(response.body).code).toBe('DRILL_RESULT_NOT_FOUND');
    expect((await listOf(stranger)).map((result) => result.drill)).toEqual(['round-to-signal-map']);
    const unknown = await t
      .http()
      .get('/api/drills/results/00000000-0000-4000-8000-000000000000')
      .set(bearer(stranger.token))
      .expect(404);
    expect(errorOf(unknown.body)).toEqual(errorOf(response.body));
  });

  it('asks who you are on every route', async () => {
    const [theirs] = await listOf(dana);
    for (const request of [
      t.http().get('/api/drills/results'),
      t.http().get(`/api/drills/results/${theirs?.id ?? ''}`),
      t.http().post('/api/drills/round-to-signal-map/results').send(MAP),
    ]) {
      const response = await request.expect(401);
      expect(errorOf(response.body).code).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses bad input with INVALID_PAYLOAD and the fields at fault, and keeps nothing', async () => {
    const before = await listOf(dana);
    const refusals: [string, unknown, string][] = [
      ['no-such-drill', MAP, '(root)'],
      ['hidden-signal-audit', MAP, '(root)'],
      // A body for another drill than the path names.
      ['round-to-signal-map', STORY, 'payload.company'],
      [
        'round-to-signal-map',
        {
          ...MAP,
          rounds: [{ ...MAP.rounds[0], primary: { signal: 'framing', behaviour: 'Ask.' } }],
        },
        'payload.rounds.0',
      ],
      ['round-to-signal-map', { ...MAP, rounds: [] }, 'payload.rounds'],
      [
        'signal-balanced-story',
        { ...STORY, sentences: { framing: 'Only one.' } },
        'payload.sentences.coding',
      ],
      [
        'signal-balanced-story',
        { ...STORY, answer: { mode: 'spoken', said: ['coding', 'coding'] } },
        'payload.answer.said',
      ],
      [
        'primary-signal-restraint',
        { answers: [...RESTRAINT.answers].reverse() },
        'payload.answers',
      ],
      ['primary-signal-restraint', { ...RESTRAINT, extra: true }, 'payload'],
    ];
    for (const [drill, body, path] of refusals) {
      const response = await save(dana, drill, body).expect(400);
      const error = errorOf(response.body);
      expect({
        drill,
        path,
        code: error.code,
        paths: error.issues?.map((issue) => issue.path),
      }).toEqual({
        drill,
        path,
        code: 'INVALID_PAYLOAD',
        paths: expect.arrayContaining([path]),
      });
    }
    const badId = await t
      .http()
      .get('/api/drills/results/not-a-uuid')
      .set(bearer(dana.token))
      .expect(400);
    expect(errorOf(badId.body).code).toBe('INVALID_PAYLOAD');
    expect(await listOf(dana)).toEqual(before);
  });

  describe('run as a short room with a partner', () => {
    const openRoom = (who: AuthResponse | null, drill: string, body: object) => {
      const request = t.http().post(`/api/drills/${drill}/rooms`);
      return (who ? request.set(bearer(who.token)) : request).send(body);
    };

    it("opens a coaching room on the drill's exercise that samples only the signal scored", async () => {
      const drill = drillById('primary-signal-restraint');
      const created = sessionSummarySchema.parse(
        (await openRoom(dana, drill.id, { signal: 'framing' }).expect(201)).body,
      );
      expect(created).toMatchObject({
        roundType: 'coding-screen',
        promptTitle: 'Primary-signal restraint, scored on Problem framing',
        visibility: 'coaching',
        peerMode: false,
        durationMinutes: drill.minutes,
        myRole: 'interviewer',
        status: 'waiting',
      });
      const { prompt } = await roomViewOf(t, created.id, dana.token);
      expect(prompt?.signals).toEqual(['framing']);
      expect(prompt?.body).toContain(drill.description);
      expect(prompt?.body).toContain('Your partner scores one signal, Problem framing');

      // The partner doing the drill comes in through the room's ordinary invite link.
      const partner = await t.register('Pat');
      const joined = await admit(t, created.id, dana, partner, 'candidate');
      expect(joined).toMatchObject({
        id: created.id,
        myRole: 'candidate',
        promptTitle: created.promptTitle,
      });

      const seen = await t.http().get(`/api/sessions/${created.id}`).set(bearer(stranger.token));
      expect(seen.status).toBe(404);
      expect(JSON.stringify(seen.body)).not.toContain('Primary-signal restraint');
    });

    it('refuses a signal the drill does not practise, a drill that is no exercise, and a loose body', async () => {
      for (const [drill, body] of [
        ['primary-signal-restraint', { signal: 'leadership' }],
        ['hidden-signal-audit', { signal: 'communication' }],
        ['primary-signal-restraint', { signal: 'framing', durationMinutes: 90 }],
        ['primary-signal-restraint', {}],
      ] as const) {
        const refused = await openRoom(dana, drill, body).expect(400);
        expect(errorOf(refused.body).code).toBe('INVALID_PAYLOAD');
      }
      await openRoom(null, 'primary-signal-restraint', { signal: 'framing' }).expect(401);
    });
  });
});
