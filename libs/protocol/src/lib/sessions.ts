import { ROOM_STATUSES } from '@signal-room/domain';
import { z } from 'zod';
import {
  idSchema,
  roleSchema,
  roundTypeIdSchema,
  scoreSchema,
  signalIdSchema,
  textSchema,
  tokenSchema,
  visibilitySchema,
} from './values';

export const SESSION_MINUTES = { min: 5, max: 240 } as const;

/** A prompt the interviewer writes instead of picking one from the bank. */
export const customPromptSchema = z.strictObject({
  title: textSchema(200),
  body: textSchema(8000),
  hints: z.array(textSchema(1000)).max(10).default([]),
});

/** POST /api/sessions: the bank prompt or a custom one, never both. */
export const createSessionBodySchema = z
  .strictObject({
    roundType: roundTypeIdSchema,
    promptId: tokenSchema(120).optional(),
    customPrompt: customPromptSchema.optional(),
    durationMinutes: z.number().int().min(SESSION_MINUTES.min).max(SESSION_MINUTES.max).optional(),
    visibility: visibilitySchema.default('private'),
    peerMode: z.boolean().default(false),
  })
  .refine((body) => !(body.promptId && body.customPrompt), {
    message: 'Give a bank prompt or a custom prompt, not both.',
    path: ['customPrompt'],
  });
export type CreateSessionBody = z.infer<typeof createSessionBodySchema>;

export const participantSummarySchema = z.object({
  userId: idSchema,
  displayName: z.string(),
  role: roleSchema,
});

export const sessionSummarySchema = z.object({
  id: idSchema,
  roundType: roundTypeIdSchema,
  promptTitle: z.string().nullable(),
  /** Set when a peer round could not find a prompt new to both peers: what it settled for. */
  promptNote: z.string().nullable(),
  visibility: visibilitySchema,
  peerMode: z.boolean(),
  durationMinutes: z.number().int(),
  status: z.enum(ROOM_STATUSES),
  myRole: roleSchema,
  participants: z.array(participantSummarySchema),
  createdAt: z.iso.datetime(),
  endedAt: z.iso.datetime().nullable(),
  feedbackReleased: z.boolean(),
  /** The interviewer's scores, where the viewer may see them. */
  scores: z.record(signalIdSchema, scoreSchema.nullable()).nullable(),
  previousSessionId: idSchema.nullable(),
  nextSessionId: idSchema.nullable(),
});
export type SessionSummary = z.infer<typeof sessionSummarySchema>;

export const sessionListResponseSchema = z.object({ sessions: z.array(sessionSummarySchema) });
export type SessionListResponse = z.infer<typeof sessionListResponseSchema>;

/** POST /api/sessions/:id/invites */
export const createInviteBodySchema = z.strictObject({
  role: roleSchema.exclude(['interviewer']),
  /** Hours until the link stops working. */
  expiresInHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 14)
    .default(72),
});
export type CreateInviteBody = z.infer<typeof createInviteBodySchema>;

/**
 * Where an invite link stands. `taken`: a candidate link once the session has its candidate;
 * `full`: the session holds as many people as it may. Only an `open` link admits someone new.
 */
export const INVITE_STATUSES = ['open', 'taken', 'full', 'expired', 'revoked'] as const;
export const inviteStatusSchema = z.enum(INVITE_STATUSES);
export type InviteStatus = z.infer<typeof inviteStatusSchema>;

export const inviteSchema = z.object({
  id: idSchema,
  sessionId: idSchema,
  role: roleSchema,
  /** Shown once, when the link is made; only a hash is kept. */
  token: z.string().nullable(),
  url: z.string().nullable(),
  status: inviteStatusSchema,
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
  /** The people who joined the session through this link. */
  usedBy: z.array(participantSummarySchema),
});
export type Invite = z.infer<typeof inviteSchema>;

/**
 * GET /api/invites/:token: what a link leads to, shown to anyone who holds it before they sign
 * in. Only what the candidate may see: the prompt's title, never its body, hints or guide.
 */
export const invitePreviewSchema = z.object({
  sessionId: idSchema,
  role: roleSchema,
  roundType: roundTypeIdSchema,
  /** Given only while the link is open: a dead link tells its holder no more than whom to ask. */
  promptTitle: z.string().nullable(),
  /** The display name of the interviewer who made the link. */
  invitedBy: z.string(),
  status: inviteStatusSchema,
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
});
export type InvitePreview = z.infer<typeof invitePreviewSchema>;
