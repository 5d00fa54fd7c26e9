import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Feedback on the feedback: one rating per session, the candidate's verdict per scored signal
 * and a comment, kept beside the feedback it judges. And read-only links to a candidate's
 * progress: like invite links, only a hash of the token is kept, so a leak shares nothing; a
 * revoked link stays listed, so it can answer that it was revoked.
 */
export class RatingsAndProgressShares1764979200000 implements MigrationInterface {
  name = 'RatingsAndProgressShares1764979200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE feedback_ratings (
        session_id uuid PRIMARY KEY REFERENCES feedback (session_id) ON DELETE CASCADE,
        candidate_id uuid NOT NULL REFERENCES users (id),
        verdicts jsonb NOT NULL,
        comment text NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await db.query(`
      CREATE TABLE progress_shares (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);
    await db.query(`CREATE INDEX progress_shares_user_idx ON progress_shares (user_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE progress_shares`);
    await db.query(`DROP TABLE feedback_ratings`);
  }
}
