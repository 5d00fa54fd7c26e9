import {
  FAILURE_MODE_IDS,
  MOVE_IDS,
  POLARITIES,
  ROLES,
  ROUND_TYPE_IDS,
  SIGNAL_IDS,
  VISIBILITIES,
} from '@signal-room/domain';
import { z } from 'zod';

// The domain's vocabulary as schemas: every message below is built from these, never re-listed.
export const signalIdSchema = z.enum(SIGNAL_IDS);
export const roundTypeIdSchema = z.enum(ROUND_TYPE_IDS);
export const moveIdSchema = z.enum(MOVE_IDS);
export const failureModeIdSchema = z.enum(FAILURE_MODE_IDS);
export const polaritySchema = z.enum(POLARITIES);
export const roleSchema = z.enum(ROLES);
export const visibilitySchema = z.enum(VISIBILITIES);
export const scoreSchema = z.union([
  z.literal(1),
  z.literal(2),
  z.literal(3),
  z.literal(4),
  z.literal(5),
]);

/** A score per signal, null where unscored: all seven keys, nothing else. */
export const scoresSchema = z.strictObject(
  Object.fromEntries(SIGNAL_IDS.map((id) => [id, scoreSchema.nullable()])) as Record<
    (typeof SIGNAL_IDS)[number],
    z.ZodNullable<typeof scoreSchema>
  >,
);

export const idSchema = z.uuid();
/** Free text a person typed: trimmed, never empty. */
export const textSchema = (max: number) => z.string().trim().min(1).max(max);

export const promptGuideSchema = z.strictObject({
  strongAnswer: z
    .array(z.strictObject({ point: textSchema(500), signal: signalIdSchema }))
    .max(20)
    .readonly(),
  levels: z.strictObject({
    weak: textSchema(1000),
    mid: textSchema(1000),
    senior: textSchema(1000),
  }),
});

export const roomPromptSchema = z.strictObject({
  promptId: z.string().max(120).nullable(),
  title: textSchema(200),
  body: textSchema(8000),
  hints: z.array(textSchema(1000)).max(10),
  followUps: z.array(textSchema(1000)).max(10),
  signals: z.array(signalIdSchema).max(7),
  guide: promptGuideSchema.nullable(),
});
