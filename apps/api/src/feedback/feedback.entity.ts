import type { FeedbackDocument } from '@signal-room/domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('feedback')
export class FeedbackEntity {
  @PrimaryColumn({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @Column({ type: 'jsonb' })
  document!: FeedbackDocument;

  @Column({ name: 'generated_at', type: 'timestamptz' })
  generatedAt!: Date;

  @Column({ name: 'released_at', type: 'timestamptz', nullable: true })
  releasedAt!: Date | null;
}
