import { AUDIT_REASONS, MAX_DURATION_MS } from '@signal-room/domain';
import { z } from 'zod';
import { idSchema, signalIdSchema, textSchema } from './values';

/** One decision sentence: short enough to be an intent to listen for, not a prepared answer. */
export const AUDIT_SENTENCE_MAX = 280;
/** Entries one candidate may keep per signal of one session. */
export const AUDIT_ENTRIES_PER_SIGNAL = 5;

/** POST /api/sessions/:id/audit — a sentence the candidate had in mind and never said. */
export const createAuditEntryBodySchema = z.strictObject({
  signal: signalIdSchema,
  sentence: textSchema(AUDIT_SENTENCE_MAX),
  /** The moment of the round it belonged to, in round time; the server keeps it within the round. */
  offsetMs: z.number().int().min(0).max(MAX_DURATION_MS).optional(),
});
export type CreateAuditEntryBody = z.infer<typeof createAuditEntryBodySchema>;

export const auditEntrySchema = z.object({
  id: idSchema,
  sessionId: idSchema,
  signal: signalIdSchema,
  sentence: z.string(),
  offsetMs: z.number().int().nullable(),
  createdAt: z.iso.datetime(),
  /** The later session in which an interviewer heard it said; null while it is still unsaid. */
  visibleInSessionId: idSchema.nullable(),
});

/** GET /api/sessions/:id/audit — the signals open to audit in the round and what was written. */
export const sessionAuditResponseSchema = z.object({
  sessionId: idSchema,
  signals: z.array(
    z.object({ signal: signalIdSchema, name: z.string(), reason: z.enum(AUDIT_REASONS) }),
  ),
  entries: z.array(auditEntrySchema),
});
export type SessionAuditResponse = z.infer<typeof sessionAuditResponseSchema>;

/** GET /api/history/audit — every entry the caller has written, newest session first. */
export const auditHistoryResponseSchema = z.object({ entries: z.array(auditEntrySchema) });
export type AuditHistoryResponse = z.infer<typeof auditHistoryResponseSchema>;
