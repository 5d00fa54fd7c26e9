import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { ROUND_TYPE_IDS, SIGNAL_IDS } from '@signal-room/domain';
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
import type { TestDatabase } from './testing/test-databases';
import { TEST_DATABASE_KINDS, createTestDatabase } from './testing/test-databases';

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
});
