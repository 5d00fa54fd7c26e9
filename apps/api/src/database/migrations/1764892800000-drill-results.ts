import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a person wrote in a drill done on its own page, kept so they can look back at it; the
 * checks are worked out again from it each time, so a better catalogue improves old results too.
 */
export class DrillResults1764892800000 implements MigrationInterface {
  name = 'DrillResults1764892800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE drill_results (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        drill_id text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE INDEX drill_results_user_created_idx ON drill_results (user_id, created_at DESC)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE drill_results`);
  }
}
