import type { SignalId } from '@signal-room/domain';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A decision sentence the candidate of a released round had in mind and never said. */
@Entity('audit_entries')
export class AuditEntryEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  /** The candidate who wrote it; nobody else may read it over REST. */
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'text' })
  signal!: SignalId;

  @Column({ type: 'text' })
  sentence!: string;

  @Column({ name: 'offset_ms', type: 'integer', nullable: true })
  offsetMs!: number | null;

  /** The later round whose released feedback shows it heard; null while it stays unsaid. */
  @Column({ name: 'visible_in_session_id', type: 'uuid', nullable: true })
  visibleInSessionId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
