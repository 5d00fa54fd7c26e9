import type { DocumentId } from '@signal-room/domain';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** One committed Yjs update of a session's document: the history a replay plays back. */
@Entity('document_updates')
export class DocumentUpdateEntity {
  /** bigint: the driver reads it as a string. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @Column({ name: 'document_id', type: 'text' })
  documentId!: DocumentId;

  /** The sender's id for it, so a retry is answered rather than stored twice. */
  @Column({ name: 'client_update_id', type: 'uuid' })
  clientUpdateId!: string;

  @Column({ type: 'bytea' })
  update!: Uint8Array;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  /** Wall-clock ms since the round's first timer start; null for what was typed before it. */
  @Column({ name: 'offset_ms', type: 'integer', nullable: true })
  offsetMs!: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** A document's merged state up to an update id: what a late joiner starts from. */
@Entity('document_snapshots')
export class DocumentSnapshotEntity {
  @PrimaryColumn({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @PrimaryColumn({ name: 'document_id', type: 'text' })
  documentId!: DocumentId;

  @Column({ name: 'up_to_id', type: 'bigint' })
  upToId!: string;

  @Column({ type: 'bytea' })
  state!: Uint8Array;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
