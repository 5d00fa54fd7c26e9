import type { BackingVerdicts } from '@signal-room/domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The candidate's judgement of one session's released feedback. */
@Entity('feedback_ratings')
export class RatingEntity {
  @PrimaryColumn({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @Column({ name: 'candidate_id', type: 'uuid' })
  candidateId!: string;

  @Column({ type: 'jsonb' })
  verdicts!: BackingVerdicts;

  @Column({ type: 'text' })
  comment!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
