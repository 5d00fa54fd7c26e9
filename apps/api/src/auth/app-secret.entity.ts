import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Secrets the server makes for itself, shared by every node through the database. */
@Entity('app_secrets')
export class AppSecretEntity {
  @PrimaryColumn({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  value!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
