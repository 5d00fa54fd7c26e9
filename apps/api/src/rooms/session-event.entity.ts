import type { RoomEventType } from '@signal-room/domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The log a room's state is folded from: ordered per session, idempotent per client command. */
@Entity('session_events')
export class SessionEventEntity {
  @PrimaryColumn({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @PrimaryColumn({ type: 'integer' })
  seq!: number;

  @Column({ type: 'text' })
  type!: RoomEventType;

  @Column({ type: 'jsonb' })
  payload!: unknown;

  @Column({ name: 'actor_id', type: 'uuid' })
  actorId!: string;

  /** Set on the first event of a client command only, so a retry finds what it already did. */
  @Column({ name: 'client_event_id', type: 'uuid', nullable: true })
  clientEventId!: string | null;

  @Column({ type: 'timestamptz' })
  at!: Date;
}
