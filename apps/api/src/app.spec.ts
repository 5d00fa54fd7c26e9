import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { ROUND_TYPE_IDS, SIGNAL_IDS, USER_COLORS } from '@signal-room/domain';
import {
  catalogResponseSchema,
  errorResponseSchema,
  healthResponseSchema,
} from '@signal-room/protocol';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createApp } from './app';
import { openDataSource } from './database/data-source';
import { testConfig } from './testing/test-app';
import { errorOf } from './testing/test-http';
import type { TestDatabase } from './testing/test-databases';
import { TEST_DATABASE_KINDS, createTestDatabase } from './testing/test-databases';

/** A Content-Security-Policy header as directive → sources. */
const policyOf = (response: request.Response): Record<string, string[]> =>
  Object.fromEntries(
    String(response.headers['content-security-policy'])
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .map(([name, ...sources]) => [name, sources]),
  );

// testConfig's public address is http://localhost:3000.
const WEB_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  // The code pad's generated stylesheet carries the response's nonce; the style attributes it
  // writes for other people's carets and selections, and the one the board's SVG download gives
  // its texts, are the only ones admitted.
  'style-src-elem': ["'self'", expect.stringMatching(/^'nonce-[A-Za-z0-9+/]{22}=='$/)],
  'style-src-attr': [
    "'unsafe-hashes'",
    ...[
      ...USER_COLORS.flatMap((color) => [
        `background-color: ${color}; border-color: ${color}`,
        `background-color: ${color}33`,
      ]),
      'white-space: pre;',
    ].map((style) => `'sha256-${createHash('sha256').update(style).digest('base64')}'`),
  ],
  'img-src': ["'self'", 'data:', 'blob:'],
  'media-src': ["'self'", 'blob:'],
  'connect-src': ["'self'", 'ws://localhost:3000'],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

const expectHardened = (response: request.Response): void =>
  expect(response.headers).toMatchObject({
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
  });

describe.each(TEST_DATABASE_KINDS)('the API on %s PostgreSQL', (kind) => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let app: INestApplication;
  const webRoot = mkdtempSync(join(tmpdir(), 'signal-room-web-'));
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Signal Room</title>');
  writeFileSync(join(webRoot, 'app.js'), 'console.log("web");');

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    dataSource = await openDataSource(database.config);
    app = await createApp(testConfig(database.config, { webRoot }), dataSource);
    await app.init();
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('reports health with the database reachable', async () => {
    const response = await request(app.getHttpServer()).get('/api/health').expect(200);
    const health = healthResponseSchema.parse(response.body);
    expect(health).toMatchObject({ status: 'ok', database: 'up', databaseKind: kind });
  });

  it('reports 503 once the database is gone', async () => {
    const isolated = await createTestDatabase(kind);
    const isolatedSource = await openDataSource(isolated.config);
    const isolatedApp = await createApp(testConfig(isolated.config, { webRoot }), isolatedSource);
    await isolatedApp.init();
    await isolatedSource.destroy();
    const response = await request(isolatedApp.getHttpServer()).get('/api/health').expect(503);
    expect(healthResponseSchema.parse(response.body).database).toBe('down');
    await isolatedApp.close();
    await isolated.drop();
  });

  it('serves the catalogue: every signal and all twelve round types of the brief', async () => {
    const response = await request(app.getHttpServer()).get('/api/catalog').expect(200);
    const catalog = catalogResponseSchema.parse(response.body);
    expect(catalog.signals.map((signal) => signal.id)).toEqual([...SIGNAL_IDS]);
    expect(catalog.roundTypes.map((round) => round.id)).toEqual([...ROUND_TYPE_IDS]);
    const systemDesign = catalog.roundTypes.find((round) => round.id === 'system-design');
    expect(systemDesign).toMatchObject({
      name: 'System design',
      primary: ['framing', 'architecture', 'production'],
      secondary: ['delivery', 'communication'],
      floor: ['communication'],
    });
    for (const signal of catalog.signals) {
      expect(Object.keys(signal.rubric).sort()).toEqual(['1', '3', '5']);
    }
    expect(catalog.prompts.length).toBeGreaterThanOrEqual(36);
    expect(catalog.moves).toHaveLength(5);
    expect(catalog.drills).toHaveLength(4);
  });

  it('answers an unknown API path in the one error shape', async () => {
    const response = await request(app.getHttpServer()).get('/api/no-such-thing').expect(404);
    expect(errorResponseSchema.parse(response.body).error.code).toBe('NOT_FOUND');
  });

  it('serves the web app, and index.html for client-side routes', async () => {
    const asset = await request(app.getHttpServer()).get('/app.js').expect(200);
    expect(asset.text).toContain('console.log');
    for (const path of ['/', '/sessions/42/room']) {
      const page = await request(app.getHttpServer()).get(path).expect(200);
      expect(page.text).toContain('<title>Signal Room</title>');
    }
  });

  it('sends its security headers on API answers, error answers and the web app', async () => {
    for (const [path, status] of [
      ['/api/catalog', 200],
      ['/api/no-such-thing', 404],
      ['/', 200],
      ['/sessions/42/room', 200],
    ] as const) {
      const response = await request(app.getHttpServer()).get(path).expect(status);
      expectHardened(response);
      expect({ path, policy: policyOf(response) }).toEqual({ path, policy: WEB_POLICY });
    }
  });

  it('lets the API docs page run its one inline script and show data: icons, nothing more', async () => {
    const page = await request(app.getHttpServer()).get('/api/docs').expect(200);
    const inline = [...page.text.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(([, code]) => code);
    expect(inline).toHaveLength(1);
    const hash = createHash('sha256')
      .update(inline[0] ?? '')
      .digest('base64');
    expectHardened(page);
    expect(policyOf(page)).toEqual({
      ...WEB_POLICY,
      'script-src': ["'self'", `'sha256-${hash}'`],
    });
  });

  it('reads JSON bodies only: a form or text post is refused, typed, and changes nothing', async () => {
    const http = () => request(app.getHttpServer());
    const account = {
      email: `form-${randomUUID()}@example.test`,
      password: 'correct horse battery',
      displayName: 'Form',
    };
    const login = { email: account.email, password: account.password };
    const refusals = [
      http().post('/api/auth/register').type('form').send(account),
      http().post('/api/auth/register').type('text/plain').send(JSON.stringify(account)),
      http().post('/api/auth/register').field('email', account.email),
      http().post('/api/AUTH/register').type('form').send(account),
    ];
    for (const refused of refusals) {
      const response = await refused.expect(415);
      expectHardened(response);
      expect(errorOf(response.body)).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    }
    const unknown = await http().post('/api/auth/login').send(login).expect(401);
    expect(errorOf(unknown.body).code).toBe('INVALID_CREDENTIALS');

    await http().post('/api/auth/register').send(account).expect(201);
    for (const type of ['form', 'text/plain', 'application/x-www-form-urlencoded; charset=utf-8']) {
      const body = type === 'text/plain' ? JSON.stringify(login) : login;
      const response = await http().post('/api/auth/login').type(type).send(body).expect(415);
      expect(errorOf(response.body).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    await http()
      .post('/api/auth/login')
      .type('application/json; charset=utf-8')
      .send(login)
      .expect(200);
    const empty = await http().post('/api/auth/login').expect(400);
    expect(errorOf(empty.body).code).toBe('INVALID_PAYLOAD');
  });
});
