import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Users, sessions and their participants, the per-session event log, and feedback. */
export class InitialSchema1763769600000 implements MigrationInterface {
  name = 'InitialSchema1763769600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL UNIQUE CHECK (email = lower(email)),
        password_hash text NOT NULL,
        display_name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        round_type text NOT NULL,
        prompt jsonb,
        visibility text NOT NULL CHECK (visibility IN ('private', 'coaching')),
        peer_mode boolean NOT NULL DEFAULT false,
        duration_minutes integer NOT NULL CHECK (duration_minutes > 0),
        status text NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'live', 'ended')),
        created_by uuid NOT NULL REFERENCES users (id),
        last_seq integer NOT NULL DEFAULT 0,
        previous_session_id uuid REFERENCES sessions (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz
      )`);
    await db.query(`
      CREATE TABLE participants (
        session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id),
        role text NOT NULL CHECK (role IN ('interviewer', 'candidate', 'observer')),
        joined_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (session_id, user_id)
      )`);
    await db.query(`CREATE INDEX participants_user_idx ON participants (user_id)`);
    await db.query(`
      CREATE TABLE session_events (
        session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        seq integer NOT NULL CHECK (seq > 0),
        type text NOT NULL,
        payload jsonb NOT NULL,
        actor_id uuid NOT NULL,
        client_event_id uuid,
        at timestamptz NOT NULL,
        PRIMARY KEY (session_id, seq),
        CONSTRAINT session_events_client_event_uq UNIQUE (session_id, client_event_id)
      )`);
    await db.query(`
      CREATE TABLE feedback (
        session_id uuid PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
        document jsonb NOT NULL,
        generated_at timestamptz NOT NULL,
        released_at timestamptz
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE feedback`);
    await db.query(`DROP TABLE session_events`);
    await db.query(`DROP TABLE participants`);
    await db.query(`DROP TABLE sessions`);
    await db.query(`DROP TABLE users`);
  }
}
