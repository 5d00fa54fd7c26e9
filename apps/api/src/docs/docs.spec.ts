import { randomUUID } from 'node:crypto';
import type { AuthResponse, SessionSummary } from '@signal-room/protocol';
import { STORY_DRILL } from '../testing/drill-fixtures';
import type { TestApp } from '../testing/test-app';
import { startTestApp } from '../testing/test-app';
import { TEST_DATABASE_KINDS } from '../testing/test-databases';
import { accepted, admit, bearer, createInvite, createSession } from '../testing/test-http';
import { ROUTES } from './openapi';

interface Operation {
  security?: unknown[];
  parameters?: { name: string; in: string }[];
  requestBody?: { content: { 'application/json': { schema: Record<string, unknown> } } };
  responses: Record<string, unknown>;
}

interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
}

const NO_SUCH_ENDPOINT = 'No such endpoint.';

const keyOf = (method: string, path: string): string => `${method.toUpperCase()} ${path}`;

/** Routes the app serves that are about the document itself, not part of the API it describes. */
const DOCS_ROUTES = [keyOf('get', '/api/docs'), keyOf('get', '/api/docs/openapi.json')];

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

describe.each(TEST_DATABASE_KINDS)('the API document on %s PostgreSQL', (kind) => {
  let t: TestApp;
  let document: OpenApiDocument;

  beforeAll(async () => {
    t = await startTestApp(kind);
    const response = await t.http().get('/api/docs/openapi.json').expect(200);
    document = response.body as OpenApiDocument;
  });
  afterAll(() => t?.close());

  it('is OpenAPI 3.1 and holds exactly the routes of ROUTES', () => {
    expect(document.openapi).toBe('3.1.0');
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => keyOf(method, path)),
    );
    expect(documented.sort()).toEqual(
      ROUTES.map((route) => keyOf(route.method, route.path)).sort(),
    );
  });

  it('describes each route: its auth, path parameters and success status', () => {
    for (const route of ROUTES) {
      const operation = document.paths[route.path]?.[route.method];
      expect(operation).toBeDefined();
      if (!operation) continue;
      expect({ route: route.path, secured: operation.security !== undefined }).toEqual({
        route: route.path,
        secured: route.auth,
      });
      const named = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name);
      const pathParameters = (operation.parameters ?? [])
        .filter((parameter) => parameter.in === 'path')
        .map((parameter) => parameter.name);
      expect(pathParameters).toEqual(named);
      expect(Object.keys(operation.responses).sort()).toEqual(
        [String(route.status ?? 200), 'default'].sort(),
      );
    }
  });

  it('gives every request body a schema of type object, or a choice among objects', () => {
    /** The schema's type, or each choice's type joined with "|" where it is one of several. */
    const typeOf = (schema: Record<string, unknown>): unknown => {
      const choices = schema['anyOf'] as Record<string, unknown>[] | undefined;
      return choices ? [...new Set(choices.map(typeOf))].join('|') : schema['type'];
    };
    const bodies = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).flatMap(([method, operation]) =>
        operation.requestBody
          ? [
              {
                route: keyOf(method, path),
                type: typeOf(operation.requestBody.content['application/json'].schema),
              },
            ]
          : [],
      ),
    );
    expect(bodies.length).toBe(ROUTES.filter((route) => route.body).length);
    for (const body of bodies) expect(body).toEqual({ route: body.route, type: 'object' });
  });

  it('documents every route the app serves, and nothing it does not', () => {
    const served = servedRoutes(t).filter((route) => !DOCS_ROUTES.includes(route));
    expect(served.sort()).toEqual(ROUTES.map((route) => keyOf(route.method, route.path)).sort());
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
      [keyOf('put', '/api/sessions/{id}/rating')]: { verdicts: {}, comment: 'Fair reading.' },
      [keyOf('post', '/api/sessions/{id}/audit')]: { signal: 'framing', sentence: 'Scale first.' },
    });
    const queries = (): Record<string, Record<string, string>> => ({
      [keyOf('get', '/api/history/loop')]: { sessionIds: session.id },
    });

    it('answers each documented route with its documented status, never "no such endpoint"', async () => {
      const placeholders: Record<string, string> = {
        id: session.id,
        inviteId: revocable,
        token,
        drillId: 'signal-balanced-story',
        shareId: revocableShare,
        shareToken,
        entryId: auditEntryId,
      };
      const answers: { route: string; status: number; message: unknown }[] = [];
      for (const route of ROUTES) {
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
        const response = await request;
        const error = (response.body as { error?: { message?: string } } | undefined)?.error;
        answers.push({ route: key, status: response.status, message: error?.message ?? null });
      }
      expect(answers).toEqual(
        ROUTES.map((route) => ({
          route: keyOf(route.method, route.path),
          status: route.status ?? 200,
          message: null,
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
