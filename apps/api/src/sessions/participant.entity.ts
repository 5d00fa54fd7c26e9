import type { Role } from '@signal-room/domain';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Membership of a session with a role; presence in the live room is an event, not a row. */
@Entity('participants')
export class ParticipantEntity {
  @PrimaryColumn({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'text' })
  role!: Role;

  /** The invite link this participant came in by; null for the session's creator. */
  @Column({ name: 'invite_id', type: 'uuid', nullable: true })
  inviteId!: string | null;

  @CreateDateColumn({ name: 'joined_at', type: 'timestamptz' })
  joinedAt!: Date;
}
