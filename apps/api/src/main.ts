import 'reflect-metadata';
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
  const database =
    config.database.kind === 'postgres' ? 'PostgreSQL' : `embedded (${config.database.dataDir})`;
  const ms = Math.round(performance.now() - startedAt);
  console.log(
    `Signal Room is up at http://localhost:${config.port} in ${ms} ms; database: ${database}`,
  );
}

// A bad configuration or database stops start-up with one line and a non-zero exit.
start().catch((error: unknown) => {
  console.error(
    `signal-room: cannot start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
