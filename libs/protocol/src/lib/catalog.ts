import { z } from 'zod';
import { failureModeIdSchema, moveIdSchema, roundTypeIdSchema, signalIdSchema } from './values';

const signalIds = z.array(signalIdSchema);

export const catalogSignalSchema = z.object({
  id: signalIdSchema,
  name: z.string(),
  question: z.string(),
  strong: z.array(z.string()),
  weak: z.array(z.string()),
  rubric: z.object({ 1: z.string(), 3: z.string(), 5: z.string() }),
});

export const catalogRoundTypeSchema = z.object({
  id: roundTypeIdSchema,
  name: z.string(),
  summary: z.string(),
  primary: signalIds,
  secondary: signalIds,
  floor: signalIds,
  defaultMinutes: z.number().int().positive(),
  phases: z.array(z.object({ id: z.string(), name: z.string(), signals: signalIds })),
});

export const promptSummarySchema = z.object({
  id: z.string(),
  roundType: roundTypeIdSchema,
  title: z.string(),
  signals: signalIds,
});

/** GET /api/catalog: the domain's reference data, for every screen that names a signal. */
export const catalogResponseSchema = z.object({
  signals: z.array(catalogSignalSchema),
  roundTypes: z.array(catalogRoundTypeSchema),
  moves: z.array(
    z.object({
      id: moveIdSchema,
      name: z.string(),
      description: z.string(),
      cues: z.array(z.string()),
      signals: signalIds,
    }),
  ),
  drills: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      description: z.string(),
      steps: z.array(z.string()),
      signals: signalIds,
      minutes: z.number(),
    }),
  ),
  failureModes: z.array(
    z.object({
      id: failureModeIdSchema,
      name: z.string(),
      description: z.string(),
      signals: signalIds,
    }),
  ),
  floorBehaviours: z.array(z.string()),
  prompts: z.array(promptSummarySchema),
});
export type CatalogResponse = z.infer<typeof catalogResponseSchema>;

/** GET /api/health */
export const healthResponseSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['up', 'down']),
  databaseKind: z.enum(['postgres', 'embedded']),
  uptimeSeconds: z.number(),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;

/** GET /api/health/live: the process answers. */
export const liveResponseSchema = z.object({ status: z.literal('ok') });

/** GET /api/health/ready: 503 with the reason while the node should get no traffic. */
export const readyResponseSchema = z.object({ ready: z.boolean(), reason: z.string().optional() });
export type ReadyResponse = z.infer<typeof readyResponseSchema>;
