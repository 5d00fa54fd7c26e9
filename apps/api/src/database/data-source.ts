import { accessSync, constants, mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { DataSource } from 'typeorm';
import type { DataSourceOptions } from 'typeorm';
import { UserEntity } from '../auth/user.entity';
import type { DatabaseConfig } from '../config';
import { ConfigError } from '../config';
import { FeedbackEntity } from '../feedback/feedback.entity';
import { SessionEventEntity } from '../rooms/session-event.entity';
import { ParticipantEntity } from '../sessions/participant.entity';
import { SessionEntity } from '../sessions/session.entity';
import { lockDataDir } from './data-dir-lock';
import type { DataDirLock } from './data-dir-lock';
import { pgliteDriver } from './pglite-pool';
import { InitialSchema1763769600000 } from './migrations/1763769600000-initial-schema';
import { InvitesAndDeadlines1763856000000 } from './migrations/1763856000000-invites-and-deadlines';
import { AppSecretEntity } from '../auth/app-secret.entity';
import { InviteEntity } from '../invites/invite.entity';
import { RevokedTokenEntity } from '../auth/revoked-token.entity';
import { TokenRevocation1764547200000 } from './migrations/1764547200000-token-revocation';
import { PromptNote1764720000000 } from './migrations/1764720000000-prompt-note';
import { DrillResults1764892800000 } from './migrations/1764892800000-drill-results';
import { DrillResultEntity } from '../drills/drill-result.entity';
import { RatingsAndProgressShares1764979200000 } from './migrations/1764979200000-ratings-and-progress-shares';
import { RatingEntity } from '../ratings/rating.entity';
import { ProgressShareEntity } from '../history/progress-share.entity';
import { AuditEntries1764806400000 } from './migrations/1764806400000-audit-entries';
import { AuditEntryEntity } from '../audit/audit-entry.entity';
import { DropSessionLastSeq1765065600000 } from './migrations/1765065600000-drop-session-last-seq';
import { SessionInterviewer1796220000000 } from './migrations/1796220000000-session-interviewer';
import { DocumentUpdates1796300000000 } from './migrations/1796300000000-document-updates';
import { DocumentSnapshotEntity, DocumentUpdateEntity } from '../documents/document-update.entity';
import { SpeechSpans1796400000000 } from './migrations/1796400000000-speech-spans';
import { SpeechSpanEntity } from '../calls/speech-span.entity';
import { RecordingChunks1796500000000 } from './migrations/1796500000000-recording-chunks';
import { RecordingChunkEntity } from '../recordings/recording-chunk.entity';

const ENTITIES = [
  UserEntity,
  AppSecretEntity,
  SessionEntity,
  ParticipantEntity,
  InviteEntity,
  SessionEventEntity,
  FeedbackEntity,
  RevokedTokenEntity,
  DrillResultEntity,
  RatingEntity,
  ProgressShareEntity,
  AuditEntryEntity,
  DocumentUpdateEntity,
  DocumentSnapshotEntity,
  SpeechSpanEntity,
  RecordingChunkEntity,
];
// Listed as classes, not globs: the API is bundled, so there is no migrations folder at run time.
export const MIGRATIONS = [
  InitialSchema1763769600000,
  InvitesAndDeadlines1763856000000,
  TokenRevocation1764547200000,
  PromptNote1764720000000,
  AuditEntries1764806400000,
  DrillResults1764892800000,
  RatingsAndProgressShares1764979200000,
  DropSessionLastSeq1765065600000,
  SessionInterviewer1796220000000,
  DocumentUpdates1796300000000,
  SpeechSpans1796400000000,
  RecordingChunks1796500000000,
];

const common = {
  type: 'postgres',
  entities: ENTITIES,
  migrations: MIGRATIONS,
  migrationsTransactionMode: 'each',
  synchronize: false,
  // gen_random_uuid() is built into PostgreSQL 13+, so no extension needs installing.
  installExtensions: false,
} as const;

/** PGlite that frees its data folder for the next process once closed. */
class LockedPGlite extends PGlite {
  constructor(
    dataDir: string,
    private readonly dataDirLock: DataDirLock,
  ) {
    super(dataDir);
  }

  override async close(): Promise<void> {
    try {
      await super.close();
    } finally {
      this.dataDirLock.release();
    }
  }
}

async function openEmbedded(dataDir: string | null): Promise<PGlite> {
  if (dataDir === null) return PGlite.create();
  try {
    mkdirSync(dataDir, { recursive: true });
    accessSync(dataDir, constants.W_OK);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new ConfigError(
      `The data folder ${dataDir} is not writable (${reason}); set DATA_DIR to a writable folder.`,
    );
  }
  const lock = await lockDataDir(dataDir);
  const db = new LockedPGlite(dataDir, lock);
  await db.waitReady.catch((error: unknown) => {
    lock.release();
    throw error;
  });
  return db;
}

/** One line that names what is wrong with the database, for start-up and the migrate target. */
export function describeDatabaseError(config: DatabaseConfig, error: unknown): string {
  if (error instanceof ConfigError) return error.message;
  const { code, message } = error as { code?: string; message?: string };
  if (config.kind === 'embedded')
    return `The embedded database in ${config.dataDir} failed to open: ${message ?? code}.`;
  const { hostname, port, pathname } = new URL(config.url);
  const where = `PostgreSQL at ${hostname}:${port || 5432}${pathname}`;
  switch (code) {
    case 'ECONNREFUSED':
      return `Cannot reach ${where}: connection refused. Is the server running?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Cannot reach ${where}: the host name does not resolve.`;
    case '3D000':
      return `Cannot open ${where}: the database does not exist.`;
    case '28P01':
    case '28000':
      return `Cannot log in to ${where}: the credentials were refused.`;
    default:
      return `Cannot open ${where}: ${message ?? code ?? 'unknown error'}.`;
  }
}

export async function dataSourceOptions(config: DatabaseConfig): Promise<DataSourceOptions> {
  if (config.kind === 'postgres') {
    return { ...common, url: config.url, connectTimeoutMS: 5000, poolSize: 20 };
  }
  const db = await openEmbedded(config.dataDir);
  // TypeORM's driver loads `pg`; it is handed a pool over the embedded database instead.
  return { ...common, driver: pgliteDriver(db) };
}

// Any fixed number: it names the lock every node takes to migrate.
const MIGRATION_LOCK = 7_436_018;

/**
 * Nodes starting together would each try to create the same tables; an advisory lock, held on a
 * connection of its own while the migrations run on others, lets one migrate and the rest wait.
 */
async function migrateUnderLock(dataSource: DataSource): Promise<void> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await dataSource.runMigrations();
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.release();
  }
}

/** Opens the database and brings its schema up to date; the same migrations on both kinds. */
export async function openDataSource(config: DatabaseConfig): Promise<DataSource> {
  const dataSource = new DataSource(await dataSourceOptions(config));
  await dataSource.initialize();
  try {
    await (config.kind === 'postgres' ? migrateUnderLock(dataSource) : dataSource.runMigrations());
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}
