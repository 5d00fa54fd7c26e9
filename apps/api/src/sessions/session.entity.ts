import type { RoomPrompt, RoomStatus, RoundTypeId, Visibility } from '@signal-room/domain';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('sessions')
export class SessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'round_type', type: 'text' })
  roundType!: RoundTypeId;

  @Column({ type: 'jsonb', nullable: true })
  prompt!: RoomPrompt | null;

  /** Why the prompt is not one new to everyone, when a peer round had to settle for that. */
  @Column({ name: 'prompt_note', type: 'text', nullable: true })
  promptNote!: string | null;

  @Column({ type: 'text' })
  visibility!: Visibility;

  @Column({ name: 'peer_mode', type: 'boolean', default: false })
  peerMode!: boolean;

  @Column({ name: 'duration_minutes', type: 'integer' })
  durationMinutes!: number;

  /** Mirrors the room's status for listing without replaying events. */
  @Column({ type: 'text', default: 'waiting' })
  status!: RoomStatus;

  /** Whoever creates a session interviews in it. */
  @Column({ name: 'interviewer_id', type: 'uuid' })
  interviewerId!: string;

  /** Peer mode: the round before this one, in which the two peers had the other roles. */
  @Column({ name: 'previous_session_id', type: 'uuid', nullable: true })
  previousSessionId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** When a running timer runs out; null while paused or not started. Any node may end it. */
  @Column({ name: 'deadline_at', type: 'timestamptz', nullable: true })
  deadlineAt!: Date | null;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;
}
