import type { DrillSubmission } from '@signal-room/protocol';
import type { ExerciseDrillId } from '@signal-room/domain';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('drill_results')
export class DrillResultEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'drill_id', type: 'text' })
  drillId!: ExerciseDrillId;

  /** What the person wrote, as the drill's schema accepted it. */
  @Column({ type: 'jsonb' })
  payload!: DrillSubmission['payload'];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
