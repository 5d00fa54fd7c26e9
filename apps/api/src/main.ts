import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { createApp } from './app';
import { loadConfig } from './config';
import { describeDatabaseError, openDataSource } from './database/data-source';

async function start(): Promise<void> {
  const startedAt = performance.now();
  const config = loadConfig();
  const dataSource = await openDataSource(config.database).catch((error: unknown) => {
    throw new Error(describeDatabaseError(config.database, error));
  });
  const app = await createApp(config, dataSource);
  await app.listen(config.port);
  app.get(Logger).log({
    msg: `Signal Room is up at http://localhost:${config.port}`,
    startupMs: Math.round(performance.now() - startedAt),
    database: config.database.kind === 'postgres' ? 'postgres' : config.database.dataDir,
    redis: config.redisUrl !== null,
  });
}

// A bad configuration or database stops start-up with one line and a non-zero exit.
start().catch((error: unknown) => {
  console.error(
    `signal-room: cannot start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
