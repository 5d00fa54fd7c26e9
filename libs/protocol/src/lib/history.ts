import { z } from 'zod';
import { roomEventSchema } from './room';
import { idSchema, roundTypeIdSchema, scoreSchema, signalIdSchema } from './values';

/** GET /api/sessions/:id/timeline — the events the caller may read, oldest first. */
export const timelineResponseSchema = z.object({
  sessionId: idSchema,
  startedAt: z.number().nullable(),
  events: z.array(roomEventSchema),
});
export type TimelineResponse = z.infer<typeof timelineResponseSchema>;

/** GET /api/history/trends — the caller's scores as a candidate, per signal, over time. */
export const trendsResponseSchema = z.object({
  signals: z.array(
    z.object({
      signal: signalIdSchema,
      points: z.array(
        z.object({
          sessionId: idSchema,
          roundType: roundTypeIdSchema,
          endedAt: z.iso.datetime(),
          score: scoreSchema,
          selfScore: scoreSchema.nullable(),
        }),
      ),
    }),
  ),
});
export type TrendsResponse = z.infer<typeof trendsResponseSchema>;

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
