import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * One chunk of one person's microphone in one recording, as their browser cut and uploaded it:
 * the chunks of a track, joined in index order, make one WebM file.
 */
@Entity('recording_chunks')
export class RecordingChunkEntity {
  @PrimaryColumn({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @PrimaryColumn({ name: 'recording_id', type: 'uuid' })
  recordingId!: string;

  /** Whose microphone: a track is only ever its own person's. */
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @PrimaryColumn({ name: 'chunk_index', type: 'integer' })
  index!: number;

  /** Server epoch ms at which the chunk began (bigint: the driver reads it as a string). */
  @Column({ name: 'started_at', type: 'bigint' })
  startedAt!: string;

  @Column({ name: 'duration_ms', type: 'integer' })
  durationMs!: number;

  @Column({ type: 'integer' })
  size!: number;

  @Column({ type: 'bytea' })
  bytes!: Uint8Array;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
