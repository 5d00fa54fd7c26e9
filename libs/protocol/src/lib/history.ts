import { z } from 'zod';
import { roomEventSchema, roomStateSchema } from './room';
import { exerciseDrillIdSchema } from './drills';
import { idSchema, roundTypeIdSchema, scoreSchema, signalIdSchema } from './values';

/**
 * GET /api/sessions/:id/timeline — the room before its first event as the caller may see it,
 * and the events the caller may read, oldest first: folding them onto it replays the round.
 */
export const timelineResponseSchema = z.object({
  sessionId: idSchema,
  initial: roomStateSchema,
  events: z.array(roomEventSchema),
});
export type TimelineResponse = z.infer<typeof timelineResponseSchema>;

/** One released score of the caller's, in one round. */
const scorePointSchema = z.object({
  sessionId: idSchema,
  roundType: roundTypeIdSchema,
  endedAt: z.iso.datetime(),
  score: scoreSchema,
});

/** GET /api/history/trends — the caller's scores as a candidate, per signal, over time. */
export const trendsResponseSchema = z.object({
  signals: z.array(
    z.object({
      signal: signalIdSchema,
      points: z.array(scorePointSchema.extend({ selfScore: scoreSchema.nullable() })),
    }),
  ),
});
export type TrendsResponse = z.infer<typeof trendsResponseSchema>;

/** One released round of the caller's as a candidate, oldest first. */
const progressRoundSchema = z.object({
  sessionId: idSchema,
  roundType: roundTypeIdSchema,
  endedAt: z.iso.datetime(),
  /** Signals the round expected that the interviewer saw no evidence of. */
  hiddenSignals: z.array(signalIdSchema),
  /** Audit entries from earlier rounds that this round's interviewer heard said. */
  auditHeard: z.number().int().min(0),
});

/** How often the person has done each drill with a page of its own, and when last. */
const drillsDoneSchema = z.array(
  z.object({
    drill: exerciseDrillIdSchema,
    count: z.number().int().positive(),
    lastDoneAt: z.iso.datetime(),
  }),
);

/** GET /api/history/progress — the trends, and round by round what stayed hidden. */
export const progressResponseSchema = trendsResponseSchema.extend({
  rounds: z.array(progressRoundSchema),
  drillsDone: drillsDoneSchema,
});
export type ProgressResponse = z.infer<typeof progressResponseSchema>;

/**
 * GET /api/progress/:token — progress as shown to whoever holds a share link: the interviewer's
 * released scores and the hidden signals, never a self-score, a note or an unreleased round.
 */
export const sharedProgressResponseSchema = z.object({
  displayName: z.string(),
  signals: z.array(z.object({ signal: signalIdSchema, points: z.array(scorePointSchema) })),
  rounds: z.array(progressRoundSchema),
  drillsDone: drillsDoneSchema,
});
export type SharedProgressResponse = z.infer<typeof sharedProgressResponseSchema>;

/** A share link of the caller's progress; the token and its url only in the answer that made it. */
export const progressShareSchema = z.object({
  id: idSchema,
  token: z.string().nullable(),
  url: z.string().nullable(),
  createdAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
});
export type ProgressShare = z.infer<typeof progressShareSchema>;

/** GET /api/history/loop?sessionIds=a,b — several rounds of one candidate read together. */
export const loopQuerySchema = z.object({
  sessionIds: z
    .string()
    .transform((value) => value.split(',').filter(Boolean))
    .pipe(
      z
        .array(idSchema)
        .min(1)
        .max(20)
        // A round listed twice would count twice, and make its red flags look as if they travel.
        .refine((ids) => new Set(ids).size === ids.length, 'Each session may appear once.'),
    ),
});

/** GET /api/history/next-mock — the next round aimed at the caller's weakest released signals. */
export const nextMockResponseSchema = z.object({
  roundType: roundTypeIdSchema,
  /** A bank prompt the caller has never answered; null once they have answered them all. */
  promptId: z.string().nullable(),
  /** The weakest signals the round makes primary, weakest first. */
  targets: z.array(signalIdSchema),
  reason: z.string(),
});
export type NextMockResponse = z.infer<typeof nextMockResponseSchema>;
