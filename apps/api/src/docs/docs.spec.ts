import { randomUUID } from 'node:crypto';
import type { AuthResponse, SessionSummary } from '@signal-room/protocol';
import { STORY_DRILL } from '../testing/drill-fixtures';
import type { TestApp } from '../testing/test-app';
import { startTestApp } from '../testing/test-app';
import { TEST_DATABASE_KINDS } from '../testing/test-databases';
import { accepted, admit, bearer, createInvite, createSession } from '../testing/test-http';
import { ApiRoutes } from './api-routes';
import type { ApiRoute } from './openapi';

interface Operation {
  summary?: string;
  security?: unknown[];
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> } | undefined> };
  responses: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
}

interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
}

const NO_SUCH_ENDPOINT = 'No such endpoint.';

const keyOf = (method: string, path: string): string => `${method.toUpperCase()} ${path}`;

// Request logging is mounted on every path and method; those mounts are not endpoints.
const MIDDLEWARE_MOUNT = / \/api(\$|\/\{\*path\})$/;

/** Every route Express has registered, as "METHOD /path/{param}". */
function servedRoutes(t: TestApp): string[] {
  interface Layer {
    route?: { path: string; methods: Record<string, boolean> };
  }
  const express = t.app.getHttpAdapter().getInstance() as { router: { stack: Layer[] } };
  return express.router.stack
    .flatMap((layer) =>
      layer.route
        ? Object.keys(layer.route.methods).map((method) =>
            keyOf(method, layer.route?.path.replace(/:(\w+)/g, '{$1}') ?? ''),
          )
        : [],
    )
    .filter((route) => !MIDDLEWARE_MOUNT.test(route));
}

/** The schema's type, or each choice's type joined with "|" where it is one of several. */
const typeOf = (schema: Record<string, unknown>): unknown => {
  const choices = (schema['anyOf'] ?? schema['oneOf']) as Record<string, unknown>[] | undefined;
  return choices ? [...new Set(choices.map(typeOf))].join('|') : schema['type'];
};

/**
 * Whether an answer is what its route's contract says: no body for a 204, else a media type it
 * names and, for JSON, a body that the route's own protocol schema parses.
 */
function bodyVerdict(
  route: ApiRoute,
  response: { status: number; headers: Record<string, string>; body: unknown; text: string },
): string {
  const content = route.contract?.content ?? {};
  if (route.status === 204) return response.text ? 'a body on a 204' : 'as documented';
  const type = (response.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
  const schema = content[type];
  if (!schema) return `answered ${type}, documented ${Object.keys(content).join(', ')}`;
  if (type !== 'application/json') return 'as documented';
  const parsed = schema.safeParse(response.body);
  return parsed.success ? 'as documented' : `does not parse: ${parsed.error.message}`;
}

describe.each(TEST_DATABASE_KINDS)('the API document on %s PostgreSQL', (kind) => {
  let t: TestApp;
  let document: OpenApiDocument;
  /** The routes as the controllers declare them, each with its protocol schemas. */
  let routes: ApiRoute[];

  beforeAll(async () => {
    t = await startTestApp(kind);
    const response = await t.http().get('/api/docs/openapi.json').expect(200);
    document = response.body as OpenApiDocument;
    routes = t.app.get(ApiRoutes).list();
  });
  afterAll(() => t?.close());

  const operations = () =>
    Object.entries(document.paths).flatMap(([path, byMethod]) =>
      Object.entries(byMethod).map(([method, operation]) => ({
        route: keyOf(method, path),
        path,
        operation,
      })),
    );

  it('is OpenAPI 3.1 and documents every route the app serves, and nothing it does not', () => {
    expect(document.openapi).toBe('3.1.0');
    const documented = operations().map(({ route }) => route);
    expect(documented.sort()).toEqual(servedRoutes(t).sort());
    expect(routes.map((route) => keyOf(route.method, route.path)).sort()).toEqual(documented);
  });

  it('gives every route a summary and its answer a schema, JSON ones an object or a list', () => {
    const described = operations().map(({ route, operation }) => {
      const [status, ...others] = Object.keys(operation.responses).filter(
        (key) => key !== 'default',
      );
      const content = Object.entries(operation.responses[status ?? '']?.content ?? {});
      return {
        route,
        summary: typeof operation.summary === 'string' && operation.summary.length > 0,
        statuses: others.length + 1,
        // A 204 carries nothing; any other answer names each media type with its schema.
        media:
          status === '204'
            ? content.length === 0
            : content.length > 0 &&
              content.every(([type, { schema }]) =>
                type === 'application/json'
                  ? ['object', 'array'].includes(String(typeOf(schema ?? {})))
                  : schema !== undefined,
              ),
      };
    });
    expect(described).toEqual(
      described.map(({ route }) => ({ route, summary: true, statuses: 1, media: true })),
    );
  });

  it('names each path parameter of each route, and marks the ids that must be UUIDs', () => {
    for (const { path, operation } of operations()) {
      const named = [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name);
      const inPath = (operation.parameters ?? []).filter((parameter) => parameter.in === 'path');
      expect({ path, parameters: inPath.map((parameter) => parameter.name) }).toEqual({
        path,
        parameters: named,
      });
    }
    expect(document.paths['/api/sessions/{id}']?.['get']?.parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
    ]);
  });

  it('reads the query a route parses: its names, and which of them it needs', () => {
    expect(document.paths['/api/history/loop']?.['get']?.parameters).toEqual([
      expect.objectContaining({ name: 'sessionIds', in: 'query', required: true }),
    ]);
    expect(document.paths['/api/sessions/{id}/feedback/export']?.['get']?.parameters).toEqual([
      expect.objectContaining({ name: 'id', in: 'path' }),
      expect.objectContaining({ name: 'format', in: 'query', required: false }),
    ]);
  });

  it('gives every request body a schema of type object, or a choice among objects', () => {
    const bodies = operations().flatMap(({ route, operation }) => {
      const json = operation.requestBody?.content['application/json'];
      return json ? [{ route, type: typeOf(json.schema) }] : [];
    });
    expect(bodies.length).toBe(routes.filter((route) => route.body).length);
    expect(bodies.length).toBeGreaterThan(0);
    for (const body of bodies) expect(body).toEqual({ route: body.route, type: 'object' });
  });

  it('documents a raw body (a recording chunk) as binary of its media type', () => {
    const raw = routes.filter((route) => route.contract?.rawBody);
    expect(raw.map((route) => keyOf(route.method, route.path))).toEqual([
      'PUT /api/sessions/{id}/recordings/{recordingId}/tracks/mine/chunks/{index}',
    ]);
    for (const route of raw) {
      const operation = document.paths[route.path]?.[route.method];
      expect(operation?.requestBody?.content).toEqual({
        'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
      });
    }
  });

  it('refuses every route it documents as signed-in when called without a token', async () => {
    const secured = routes.filter((route) => route.auth);
    expect(secured.length).toBeGreaterThan(0);
    const statuses = [];
    for (const route of secured) {
      const response = await t.http()[route.method](route.path.replace(/\{(\w+)\}/g, randomUUID()));
      statuses.push({ route: keyOf(route.method, route.path), status: response.status });
    }
    expect(statuses).toEqual(
      secured.map((route) => ({ route: keyOf(route.method, route.path), status: 401 })),
    );
  });

  describe('called route by route', () => {
    let alice: AuthResponse;
    /** Routes that end the sign-in they are called with, each called with one of its own. */
    let ownSignIns: Record<string, string>;
    let session: SessionSummary;
    let revocable: string;
    let token: string;
    let drillResult: string;
    let bob: AuthResponse;
    let revocableShare: string;
    let shareToken: string;
    let auditEntryId: string;
    const recordingId = randomUUID();
    /** When the chunks the routes upload began: while the recording was live. */
    let recordedAt: number;

    beforeAll(async () => {
      alice = await t.register('Alice');
      ownSignIns = {
        [keyOf('post', '/api/auth/logout')]: (await t.register('Leo')).token,
        [keyOf('post', '/api/auth/password')]: (await t.register('Pam')).token,
      };
      bob = await t.register('Bob');
      session = await createSession(t, alice, { promptId: 'system-design-usage-metering' });
      await admit(t, session.id, alice, bob, 'candidate');
      revocable = (await createInvite(t, session.id, alice, 'observer')).id;
      token = (await createInvite(t, session.id, alice, 'observer')).token;
      // An ended round with released feedback, so every read has something to answer with.
      const interviewer = await t.connect(alice.token);
      await interviewer.join(session.id);
      // A recording with one chunk of Alice's, so its reads have a track to answer with.
      await accepted(interviewer.command(session.id, 'recording.request', {}, recordingId));
      await accepted(interviewer.command(session.id, 'recording.consent', { recordingId }));
      recordedAt = Date.now();
      await t
        .http()
        .put(`/api/sessions/${session.id}/recordings/${recordingId}/tracks/mine/chunks/0`)
        .query({ startedAt: recordedAt, durationMs: 5000 })
        .set(bearer(alice.token))
        .set('Content-Type', 'application/octet-stream')
        .send(Buffer.from('first chunk'))
        .expect(200);
      await accepted(interviewer.command(session.id, 'session.end', {}));
      await accepted(interviewer.command(session.id, 'feedback.release', {}));
      const saved = await t
        .http()
        .post('/api/drills/signal-balanced-story/results')
        .set(bearer(alice.token))
        .send(STORY_DRILL)
        .expect(201);
      drillResult = (saved.body as { id: string }).id;
      const newShare = async () =>
        (await t.http().post('/api/history/progress/shares').set(bearer(bob.token)).expect(201))
          .body as { id: string; token: string };
      revocableShare = (await newShare()).id;
      shareToken = (await newShare()).token;
      // An audit entry of Bob's, for the route that removes one.
      const written = await t
        .http()
        .post(`/api/sessions/${session.id}/audit`)
        .set(bearer(bob.token))
        .send({ signal: 'framing', sentence: 'I meant to say the scale first.' })
        .expect(201);
      auditEntryId = (written.body as { id: string }).id;
    });

    /** Routes only the session's candidate may call; the rest are called as Alice. */
    const callers = (): Record<string, string> => ({
      [keyOf('put', '/api/sessions/{id}/rating')]: bob.token,
      [keyOf('delete', '/api/history/progress/shares/{shareId}')]: bob.token,
      [keyOf('get', '/api/sessions/{id}/audit')]: bob.token,
      [keyOf('post', '/api/sessions/{id}/audit')]: bob.token,
      [keyOf('delete', '/api/sessions/{id}/audit/{entryId}')]: bob.token,
    });

    const bodies = (): Record<string, object> => ({
      [keyOf('post', '/api/auth/register')]: {
        email: `new-${randomUUID()}@example.test`,
        password: 'correct horse battery',
        displayName: 'Newcomer',
      },
      [keyOf('post', '/api/auth/login')]: {
        email: alice.user.email,
        password: 'correct horse battery',
      },
      [keyOf('post', '/api/auth/password')]: {
        currentPassword: 'correct horse battery',
        newPassword: 'a fresh passphrase for Pam',
      },
      [keyOf('post', '/api/sessions')]: { roundType: 'behavioral' },
      [keyOf('post', '/api/sessions/{id}/invites')]: { role: 'observer' },
      [keyOf('post', '/api/drills/{drillId}/results')]: STORY_DRILL,
      [keyOf('post', '/api/drills/{drillId}/rooms')]: { signal: 'leadership' },
      [keyOf('put', '/api/sessions/{id}/rating')]: { verdicts: {}, comment: 'Fair reading.' },
      [keyOf('post', '/api/sessions/{id}/audit')]: { signal: 'framing', sentence: 'Scale first.' },
    });
    const chunkRoute = keyOf(
      'put',
      '/api/sessions/{id}/recordings/{recordingId}/tracks/mine/chunks/{index}',
    );
    const queries = (): Record<string, Record<string, string>> => ({
      [keyOf('get', '/api/history/loop')]: { sessionIds: session.id },
      [chunkRoute]: { startedAt: String(recordedAt + 1), durationMs: '5000' },
    });

    it('answers each route with its documented status, in a body its own schema parses', async () => {
      const placeholders: Record<string, string> = {
        id: session.id,
        inviteId: revocable,
        token,
        drillId: 'signal-balanced-story',
        shareId: revocableShare,
        shareToken,
        entryId: auditEntryId,
        documentId: 'pad',
        recordingId,
        userId: alice.user.id,
        index: '1',
      };
      const answers: { route: string; status: number; message: unknown; body: string }[] = [];
      for (const route of routes) {
        const key = keyOf(route.method, route.path);
        // Under /api/drills an id names a drill result, not a session.
        const ids: Record<string, string> = route.path.startsWith('/api/drills/')
          ? { id: drillResult }
          : {};
        const url = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
          const value = { ...placeholders, ...ids }[name];
          if (!value) throw new Error(`no value for {${name}} in ${key}`);
          return value;
        });
        let request = t
          .http()
          [route.method](url)
          .query(queries()[key] ?? {});
        if (route.auth) {
          request = request.set(bearer(ownSignIns[key] ?? callers()[key] ?? alice.token));
        }
        if (route.body) {
          const body = bodies()[key];
          if (!body) throw new Error(`no example body for ${key}`);
          request = request.send(body);
        }
        if (route.contract?.rawBody) {
          request = request
            .set('Content-Type', route.contract.rawBody)
            .send(Buffer.from('second chunk'));
        }
        const response = await request;
        const error = (response.body as { error?: { message?: string } } | undefined)?.error;
        answers.push({
          route: key,
          status: response.status,
          message: error?.message ?? null,
          body: bodyVerdict(route, response),
        });
      }
      expect(answers).toEqual(
        routes.map((route) => ({
          route: keyOf(route.method, route.path),
          status: route.status,
          message: null,
          body: 'as documented',
        })),
      );
      expect(answers.map((answer) => answer.message)).not.toContain(NO_SUCH_ENDPOINT);
    });

    it('answers a path it does not serve with the generic 404 the check above looks for', async () => {
      for (const [method, path] of [
        ['get', `/api/sessions/${session.id}/no-such-thing`],
        ['put', `/api/sessions/${session.id}`],
        ['post', '/api/me'],
      ] as const) {
        const response = await t.http()[method](path).set(bearer(alice.token)).expect(404);
        expect(response.body).toEqual({
          error: { code: 'NOT_FOUND', message: NO_SUCH_ENDPOINT, retryable: false },
        });
      }
    });
  });

  it('serves a documentation page that loads the document and its assets', async () => {
    const page = await t.http().get('/api/docs').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain("url: '/api/docs/openapi.json'");
    for (const asset of page.text.matchAll(/(?:href|src)="(\/api\/docs\/assets\/[^"]+)"/g)) {
      await t
        .http()
        .get(asset[1] ?? '')
        .expect(200);
    }
    expect([...page.text.matchAll(/\/api\/docs\/assets\//g)]).toHaveLength(2);
  });
});
