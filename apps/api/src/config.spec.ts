import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config';
import { describeDatabaseError, openDataSource } from './database/data-source';

const startUpLine = async (env: NodeJS.ProcessEnv): Promise<string> => {
  const config = loadConfig(env);
  return openDataSource(config.database).then(
    async (dataSource) => {
      await dataSource.destroy();
      return 'started';
    },
    (error: unknown) => describeDatabaseError(config.database, error),
  );
};

describe('configuration', () => {
  it('defaults to port 3000 and the embedded database in ./data', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({
      kind: 'embedded',
      dataDir: join(process.cwd(), 'data', 'pglite'),
    });
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    const url = 'postgres://app@db.internal:5432/signal_room';
    expect(loadConfig({ DATABASE_URL: url }).database).toEqual({ kind: 'postgres', url });
  });

  it.each([
    ['not a url', /not a valid URL/],
    ['mysql://user@host/db', /must start with postgres:\/\//],
    ['postgres://user@host', /must name a host and a database/],
  ])('refuses the malformed DATABASE_URL %p with one clear line', (url, message) => {
    expect(() => loadConfig({ DATABASE_URL: url })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: url })).toThrow(message);
  });

  it('fans out through the sharded Redis adapter unless REDIS_ADAPTER names another', () => {
    expect(loadConfig({}).redisAdapter).toBe('sharded');
    expect(loadConfig({ REDIS_ADAPTER: 'classic' }).redisAdapter).toBe('classic');
    expect(loadConfig({ REDIS_ADAPTER: ' streams ' }).redisAdapter).toBe('streams');
  });

  it('refuses an unknown REDIS_ADAPTER, naming the ones there are', () => {
    expect(() => loadConfig({ REDIS_ADAPTER: 'kafka' })).toThrow(
      'REDIS_ADAPTER: Invalid option: expected one of "classic"|"sharded"|"streams".',
    );
  });

  it('bounds recordings by chunk, session and person, in KiB and MiB', () => {
    expect(loadConfig({})).toMatchObject({
      recordingChunkBytes: 1024 * 1024,
      recordingBytesPerSession: 64 * 1024 * 1024,
      recordingBytesPerUser: 512 * 1024 * 1024,
    });
    expect(loadConfig({ RECORDING_SESSION_MIB: '8' }).recordingBytesPerSession).toBe(8 << 20);
    expect(() => loadConfig({ RECORDING_USER_MIB: '0' })).toThrow(/RECORDING_USER_MIB/);
  });

  it('refuses a port that is not a number', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
  });

  it("lets Vite's dev server on localhost:4200 open sockets in development only", () => {
    // `npx nx serve api` runs with NODE_ENV=development; `npm start` and the image do not.
    expect(loadConfig({}).allowedOrigins).toEqual(['http://localhost:3000']);
    expect(loadConfig({ NODE_ENV: 'production' }).allowedOrigins).toEqual([
      'http://localhost:3000',
    ]);
    expect(loadConfig({ NODE_ENV: 'development' }).allowedOrigins).toEqual([
      'http://localhost:3000',
      'http://localhost:4200',
    ]);
    expect(
      loadConfig({
        PUBLIC_URL: 'https://signal-room.example.com/',
        ALLOWED_ORIGINS: 'https://staging.example.com/path, http://localhost:4200',
      }).allowedOrigins,
    ).toEqual([
      'https://signal-room.example.com',
      'https://staging.example.com',
      'http://localhost:4200',
    ]);
  });

  it('guards the metrics with METRICS_TOKEN when it is set, and refuses a short one', () => {
    expect(loadConfig({}).metricsToken).toBeNull();
    const token = 'k'.repeat(32);
    expect(loadConfig({ METRICS_TOKEN: token }).metricsToken).toBe(token);
    expect(() => loadConfig({ METRICS_TOKEN: 'guessable' })).toThrow(
      'METRICS_TOKEN: must be at least 32 characters.',
    );
  });

  it("reads the call's STUN and TURN servers, and refuses TURN without its secret", () => {
    expect(loadConfig({}).ice).toEqual({
      servers: [],
      turnUrls: [],
      turnSecret: null,
      turnTtlSeconds: 12 * 3600,
    });
    const secret = 's'.repeat(24);
    expect(
      loadConfig({
        ICE_SERVERS: 'stun:stun.example.com:3478',
        TURN_URLS: 'turn:turn.example.com:3478?transport=udp, turns:turn.example.com:5349',
        TURN_SECRET: secret,
        TURN_TTL_HOURS: '2',
      }).ice,
    ).toEqual({
      servers: ['stun:stun.example.com:3478'],
      turnUrls: ['turn:turn.example.com:3478?transport=udp', 'turns:turn.example.com:5349'],
      turnSecret: secret,
      turnTtlSeconds: 7200,
    });
    expect(() => loadConfig({ TURN_URLS: 'turn:turn.example.com' })).toThrow(
      'TURN_URLS needs TURN_SECRET',
    );
    expect(() => loadConfig({ ICE_SERVERS: 'https://stun.example.com' })).toThrow(
      'ICE_SERVERS: "https://stun.example.com" is not a stun:, stuns:, turn: or turns: address.',
    );
  });
});

describe('start-up against a database it cannot use', () => {
  it('names an unreachable server without leaking the password', async () => {
    const line = await startUpLine({
      DATABASE_URL: 'postgres://app:s3cret@127.0.0.1:1/signal_room',
    });
    expect(line).toBe(
      'Cannot reach PostgreSQL at 127.0.0.1:1/signal_room: connection refused. Is the server running?',
    );
  });

  it('names a data folder it cannot write', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'signal-room-')), 'occupied');
    writeFileSync(file, 'a file where the data folder should be');
    const line = await startUpLine({ DATA_DIR: file });
    expect(line).toMatch(
      /^The data folder .*occupied\/pglite is not writable \(ENOTDIR\); set DATA_DIR/,
    );
  });
});
