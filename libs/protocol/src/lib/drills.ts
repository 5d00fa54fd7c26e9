import type {
  DrillResultInput,
  RestraintRun,
  SignalId,
  SignalMap,
  SignalStory,
} from '@signal-room/domain';
import { EXERCISE_DRILL_IDS, RESTRAINT_PROMPT_IDS, SIGNAL_IDS } from '@signal-room/domain';
import { z } from 'zod';
import { idSchema, roundTypeIdSchema, signalIdSchema, textSchema } from './values';

export const exerciseDrillIdSchema = z.enum(EXERCISE_DRILL_IDS);

// Time spent on the drill's timed part, as the page measured it; an hour covers any of them.
const elapsedSecondsSchema = z.number().int().min(0).max(3600);

const mappedSignalSchema = z.strictObject({
  signal: signalIdSchema,
  behaviour: textSchema(300),
});

export const signalMapSchema = z.strictObject({
  company: textSchema(120),
  rounds: z
    .array(
      z
        .strictObject({
          roundType: roundTypeIdSchema,
          primary: mappedSignalSchema,
          secondary: z.tuple([mappedSignalSchema, mappedSignalSchema]),
        })
        .refine(
          (round) =>
            new Set([round.primary, ...round.secondary].map((entry) => entry.signal)).size === 3,
          'A round lists three different signals.',
        ),
    )
    .min(1)
    .max(12),
  elapsedSeconds: elapsedSecondsSchema,
}) satisfies z.ZodType<SignalMap>;

export const signalStorySchema = z.strictObject({
  project: textSchema(120),
  sentences: z.strictObject(
    Object.fromEntries(SIGNAL_IDS.map((id) => [id, textSchema(400)])) as Record<
      SignalId,
      ReturnType<typeof textSchema>
    >,
  ),
  answer: z.discriminatedUnion('mode', [
    z.strictObject({ mode: z.literal('typed'), text: textSchema(6000) }),
    z.strictObject({
      mode: z.literal('spoken'),
      said: z
        .array(signalIdSchema)
        .max(SIGNAL_IDS.length)
        .refine((said) => new Set(said).size === said.length, 'Each signal may be marked once.'),
    }),
  ]),
  elapsedSeconds: elapsedSecondsSchema,
}) satisfies z.ZodType<SignalStory>;

export const restraintRunSchema = z.strictObject({
  answers: z
    .array(
      z.strictObject({
        promptId: z.string(),
        sentences: z
          .array(z.strictObject({ text: textSchema(600), serves: signalIdSchema.nullable() }))
          .min(1)
          .max(80),
        elapsedSeconds: elapsedSecondsSchema,
      }),
    )
    // The drill's own prompts, each once and in its order: that is what makes runs comparable.
    .refine(
      (answers) =>
        answers.length === RESTRAINT_PROMPT_IDS.length &&
        answers.every((answer, index) => answer.promptId === RESTRAINT_PROMPT_IDS[index]),
      `Answer the drill's prompts in order: ${RESTRAINT_PROMPT_IDS.join(', ')}.`,
    ),
}) satisfies z.ZodType<RestraintRun>;

/** What POST /api/drills/:drillId/results carries, told apart by the drill in its path. */
export const drillSubmissionSchema = z.discriminatedUnion('drill', [
  z.strictObject({ drill: z.literal('round-to-signal-map'), payload: signalMapSchema }),
  z.strictObject({ drill: z.literal('signal-balanced-story'), payload: signalStorySchema }),
  z.strictObject({ drill: z.literal('primary-signal-restraint'), payload: restraintRunSchema }),
]) satisfies z.ZodType<DrillResultInput>;
export type DrillSubmission = z.infer<typeof drillSubmissionSchema>;

/** The body of POST /api/drills/:drillId/results: the payload of the drill the path names. */
export const drillResultBodySchema = z.union([
  signalMapSchema,
  signalStorySchema,
  restraintRunSchema,
]);

/** One saved result: GET /api/drills/results/:id, and each entry of the list. */
export const drillResultSchema = z.intersection(
  z.object({ id: idSchema, createdAt: z.iso.datetime() }),
  drillSubmissionSchema,
);
export type DrillResult = z.infer<typeof drillResultSchema>;

/** GET /api/drills/results — the caller's own results, newest first. */
export const drillResultListSchema = z.object({ results: z.array(drillResultSchema) });
export type DrillResultList = z.infer<typeof drillResultListSchema>;

/**
 * POST /api/drills/:drillId/rooms — run the drill as a short room with a partner, who scores
 * this one of the signals the drill targets.
 */
export const drillRoomBodySchema = z.strictObject({ signal: signalIdSchema });
export type DrillRoomBody = z.infer<typeof drillRoomBodySchema>;
