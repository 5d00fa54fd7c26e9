import type { RoomState } from '@signal-room/domain';
import { buildFeedback, itemsSeen } from '@signal-room/domain';
import type { EntityManager } from 'typeorm';
import { keptEntries, markHeard } from '../audit/audit.service';

/**
 * Stores an ended round's feedback as it stands in `state`, released or not (its watch list
 * without the items of deleted audit entries), and once released the audit entries its
 * interviewer ticked as heard. The room writer calls it in the transaction of the events that
 * change it (the domain's rewritesFeedback says which), so both commit together or neither; the
 * release time stays the first release's.
 */
export async function writeFeedback(
  manager: EntityManager,
  state: RoomState,
  now: number,
): Promise<void> {
  // An item whose audit entry the candidate has deleted leaves no copy of its sentence here,
  // however often the round's feedback is rewritten from its log.
  const kept = await keptEntries(
    manager,
    state.watchFor.map((item) => item.id),
  );
  const shown = { ...state, watchFor: state.watchFor.filter((item) => kept.has(item.id)) };
  const at = new Date(now).toISOString();
  await manager.query(
    `INSERT INTO feedback (session_id, document, generated_at, released_at)
     VALUES ($1, $2::jsonb, $3::timestamptz, CASE WHEN $4::boolean THEN $3::timestamptz END)
     ON CONFLICT (session_id) DO UPDATE SET
       document = EXCLUDED.document,
       generated_at = EXCLUDED.generated_at,
       released_at = CASE WHEN $4::boolean
                          THEN COALESCE(feedback.released_at, EXCLUDED.generated_at) END`,
    [state.sessionId, JSON.stringify(buildFeedback(shown, now)), at, state.feedbackReleased],
  );
  // Ticks stay revisable until release; only then do they count as heard.
  if (state.feedbackReleased) {
    await markHeard(
      manager,
      state.sessionId,
      itemsSeen(shown).map((item) => item.id),
    );
  }
}
