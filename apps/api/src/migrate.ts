import 'reflect-metadata';
import { loadConfig } from './config';
import { dataSourceOptions, describeDatabaseError } from './database/data-source';
import { DataSource } from 'typeorm';

/** `migrate up` applies pending migrations; `migrate down` reverts the latest one. */
async function migrate(direction: string | undefined): Promise<void> {
  if (direction !== 'up' && direction !== 'down') throw new Error('usage: migrate up|down');
  const config = loadConfig();
  const dataSource = new DataSource(await dataSourceOptions(config.database));
  await dataSource.initialize().catch((error: unknown) => {
    throw new Error(describeDatabaseError(config.database, error));
  });
  try {
    if (direction === 'up') {
      const applied = await dataSource.runMigrations();
      console.log(
        applied.length ? `Applied: ${applied.map((m) => m.name).join(', ')}` : 'Up to date.',
      );
    } else {
      await dataSource.undoLastMigration();
      console.log('Reverted the latest migration.');
    }
  } finally {
    await dataSource.destroy();
  }
}

migrate(process.argv[2]).catch((error: unknown) => {
  console.error(`signal-room migrate: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
