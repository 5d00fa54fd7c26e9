import {
  FAILURE_MODE_IDS,
  MOVE_IDS,
  POLARITIES,
  ROLES,
  ROUND_TYPE_IDS,
  SIGNAL_IDS,
  BACKINGS,
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
export const backingSchema = z.enum(BACKINGS);
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

// PostgreSQL cannot store a NUL in text or jsonb, and a lone UTF-16 surrogate is not Unicode at
// all: either used to reach the database and come back as a 500. Refused here, for every text.
const LONE_SURROGATE = /\p{Cs}/u;
const storable = (value: string): boolean =>
  !value.includes('\u0000') && !LONE_SURROGATE.test(value);
/** An identifier-like string a client names (a phase, a bank prompt): storable, bounded. */
export const tokenSchema = (max: number) =>
  z.string().min(1).max(max).refine(storable, 'Must not contain NUL or unpaired surrogates.');
/** Text a person typed, possibly empty: trimmed, storable. */
export const optionalTextSchema = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine(storable, 'Text must not contain NUL characters or unpaired surrogates.');
/** Free text a person typed: trimmed, never empty, storable. */
export const textSchema = (max: number) => optionalTextSchema(max).min(1);

// Directional overrides and isolates can make a name read as another (or reverse what follows
// it in a list); control characters have no place in a name; format characters alone (zero
// widths) would make a name nobody can see.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u;
const CONTROLS = /\p{Cc}/u;
const VISIBLE = /[^\p{Cf}\p{Z}\s]/u;
/** How a person is shown to others. */
export const displayNameSchema = textSchema(80)
  .refine((name) => !BIDI_CONTROLS.test(name), 'A name may not hold text-direction controls.')
  .refine((name) => !CONTROLS.test(name), 'A name may not hold control characters.')
  .refine((name) => VISIBLE.test(name), 'A name needs at least one visible character.');

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
