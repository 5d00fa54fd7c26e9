import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A peer pair's next round gets a prompt neither has answered as candidate; when the bank has
 * none left for the round, the session says what it settled for, so the peers can pick another.
 */
export class PromptNote1764720000000 implements MigrationInterface {
  name = 'PromptNote1764720000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE sessions ADD COLUMN prompt_note text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE sessions DROP COLUMN prompt_note`);
  }
}
