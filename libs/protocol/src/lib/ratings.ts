import { z } from 'zod';
import { idSchema, optionalTextSchema, signalIdSchema, backingSchema } from './values';

/** A verdict per signal the candidate judged; signals left out were not judged. */
const verdictsSchema = z.partialRecord(signalIdSchema, backingSchema);

/**
 * PUT /api/sessions/:id/rating — the candidate's verdicts on released feedback: per scored
 * signal, whether the evidence shown backs the score, and a comment. Saving again replaces it.
 */
export const ratingBodySchema = z
  .strictObject({
    verdicts: verdictsSchema,
    comment: optionalTextSchema(2000),
  })
  .refine(
    (body) => Object.keys(body.verdicts).length > 0 || body.comment.length > 0,
    'Judge at least one score or write a comment.',
  );
export type RatingBody = z.infer<typeof ratingBodySchema>;

export const ratingSchema = z.object({
  sessionId: idSchema,
  verdicts: verdictsSchema,
  comment: z.string(),
  updatedAt: z.iso.datetime(),
});
export type Rating = z.infer<typeof ratingSchema>;

/** GET /api/sessions/:id/rating — for the candidate and the session's interviewer. */
export const ratingResponseSchema = z.object({ rating: ratingSchema.nullable() });
export type RatingResponse = z.infer<typeof ratingResponseSchema>;
