import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** When one person spoke in a session, as their browser measured it: no audio, no words. */
@Entity('speech_spans')
export class SpeechSpanEntity {
  /** bigint: the driver reads it as a string. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  /** The sender's id for the message that carried it, so a re-send is not stored twice. */
  @Column({ name: 'batch_id', type: 'uuid' })
  batchId!: string;

  /** Epoch ms, server clock; bigint, read as a string. */
  @Column({ name: 'start_at', type: 'bigint' })
  startAt!: string;

  @Column({ name: 'end_at', type: 'bigint' })
  endAt!: string;
}
