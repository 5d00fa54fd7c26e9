import {
  DRILL_IDS,
  LEAN_READINGS,
  RED_FLAG_IDS,
  RULE_IDS,
  SEVERITIES,
  SHEET_KINDS,
  SIGNAL_LAYERS,
  VERDICTS,
} from '@signal-room/domain';
import { z } from 'zod';
import { auditEntrySchema } from './audit';
import { evidenceAnchorSchema, interviewerSummarySchema } from './room';
import {
  failureModeIdSchema,
  idSchema,
  moveIdSchema,
  polaritySchema,
  roleSchema,
  roundTypeIdSchema,
  scoreSchema,
  signalIdSchema,
} from './values';

const signalLayerSchema = z.enum(SIGNAL_LAYERS);

/** The overall reading of one round, or of a loop of them. */
const readingSchema = z.object({ verdict: z.enum(VERDICTS), reasons: z.array(z.string()) });

const findingSchema = z.object({
  rule: z.enum(RULE_IDS),
  severity: z.enum(SEVERITIES),
  signals: z.array(signalIdSchema),
  message: z.string(),
});

/**
 * GET /api/sessions/:id/feedback — what the candidate receives, the domain's FeedbackDocument.
 * Documents stored before the summary or the watch list existed lack those keys.
 */
/** The round's sheet in the feedback: each section's text and the ones never written down. */
export const sheetFeedbackSchema = z.object({
  kind: z.enum(SHEET_KINDS),
  title: z.string(),
  sections: z.array(z.object({ id: z.string(), label: z.string(), text: z.string() })),
  neverWritten: z.array(z.string()),
});

const roundSpanSchema = z.object({ startMs: z.number(), endMs: z.number() });

/** The round's talk-time in the feedback (the domain's TalkTime). */
export const talkTimeSchema = z.object({
  people: z.array(
    z.object({
      userId: idSchema,
      displayName: z.string(),
      role: roleSchema,
      spokeMs: z.number(),
      share: z.number(),
    }),
  ),
  longestStretch: roundSpanSchema.nullable(),
  silences: z.array(roundSpanSchema),
  moves: z.array(
    z.object({
      move: moveIdSchema,
      name: z.string(),
      offsetMs: z.number(),
      candidateMs: z.number(),
      interviewerMs: z.number(),
    }),
  ),
});

export const feedbackDocumentSchema = z.object({
  sessionId: idSchema,
  roundType: z.object({ id: roundTypeIdSchema, name: z.string() }),
  promptTitle: z.string().nullable(),
  generatedAt: z.number(),
  endedAt: z.number().nullable(),
  elapsedMs: z.number(),
  summary: interviewerSummarySchema.nullable().default(null),
  reading: readingSchema,
  findings: z.array(findingSchema),
  signals: z.array(
    z.object({
      signal: signalIdSchema,
      name: z.string(),
      layer: signalLayerSchema,
      score: scoreSchema.nullable(),
      scoreLabel: z.string().nullable(),
      descriptor: z.string().nullable(),
      selfScore: scoreSchema.nullable(),
      evidence: z.array(
        z.object({
          polarity: polaritySchema,
          note: z.string(),
          offsetMs: z.number(),
          anchor: evidenceAnchorSchema.optional(),
        }),
      ),
    }),
  ),
  hiddenSignals: z.array(
    z.object({ signal: signalIdSchema, name: z.string(), layer: signalLayerSchema }),
  ),
  selfAssessment: z.object({
    submitted: z.boolean(),
    note: z.string(),
    gaps: z.array(
      z.object({
        signal: signalIdSchema,
        interviewer: scoreSchema,
        self: scoreSchema,
        difference: z.number(),
      }),
    ),
  }),
  moves: z.object({
    seen: z.array(
      z.object({ move: moveIdSchema, name: z.string(), offsetsMs: z.array(z.number()) }),
    ),
    missed: z.array(z.object({ move: moveIdSchema, name: z.string(), description: z.string() })),
  }),
  flags: z.array(
    z.object({
      flag: failureModeIdSchema,
      name: z.string(),
      offsetMs: z.number(),
      meaning: z.string(),
      instead: z.string(),
    }),
  ),
  phases: z.array(z.object({ phaseId: z.string(), name: z.string(), offsetMs: z.number() })),
  drills: z.array(
    z.object({
      drill: z.enum(DRILL_IDS),
      name: z.string(),
      description: z.string(),
      steps: z.array(z.string()),
      reason: z.string(),
    }),
  ),
  watchFor: z
    .array(
      z.object({
        id: idSchema,
        signal: signalIdSchema,
        name: z.string(),
        intent: z.string(),
        fromSessionId: idSchema,
        seenAtMs: z.number().nullable(),
      }),
    )
    .optional(),
  sheet: sheetFeedbackSchema.nullable().optional(),
  communication: talkTimeSchema.nullable().optional(),
});

/**
 * GET /api/sessions/:id/feedback/export?format=json — the document as the caller may read it and,
 * for the candidate alone, their own audit of the round (the same entries GET …/audit gives).
 */
export const feedbackExportSchema = feedbackDocumentSchema.extend({
  audit: z.array(auditEntrySchema).optional(),
  workspace: z
    .object({
      pad: z.string(),
      board: z.array(z.looseObject({ id: z.string(), type: z.string() })),
    })
    .optional(),
});

/** GET /api/sessions/:id/calibration — each observer's scores beside the interviewer's. */
export const calibrationSchema = z.object({
  observerId: idSchema,
  rows: z.array(
    z.object({
      signal: signalIdSchema,
      interviewer: scoreSchema.nullable(),
      observer: scoreSchema.nullable(),
      difference: z.number().nullable(),
    }),
  ),
  agreement: z.number().nullable(),
});
export const calibrationResponseSchema = z.array(calibrationSchema);

/** GET /api/history/loop — several rounds of one candidate read as one loop. */
export const loopSummarySchema = z.object({
  rounds: z.number().int(),
  signals: z.array(
    z.object({
      signal: signalIdSchema,
      scores: z.array(
        z.object({ sessionId: idSchema, roundType: roundTypeIdSchema, score: scoreSchema }),
      ),
      mean: z.number().nullable(),
      min: scoreSchema.nullable(),
    }),
  ),
  redFlags: z.array(
    z.object({
      id: z.enum(RED_FLAG_IDS),
      name: z.string(),
      sessionIds: z.array(idSchema),
      travels: z.boolean(),
    }),
  ),
  reading: readingSchema,
});

const leanSchema = z.object({
  compared: z.number().int(),
  meanDifference: z.number().nullable(),
  reading: z.enum(LEAN_READINGS).nullable(),
});

/** GET /api/me/interviewer-profile — the caller's own habits as an interviewer. */
export const interviewerProfileSchema = z.object({
  rounds: z.number().int(),
  backing: z.object({
    judged: z.number().int(),
    unbacked: z.number().int(),
    unbackedShare: z.number().nullable(),
  }),
  calibration: z.object({ pairs: z.number().int(), agreement: z.number().nullable() }),
  signals: z.array(
    z.object({
      signal: signalIdSchema,
      judged: z.number().int(),
      unbacked: z.number().int(),
      vsObservers: leanSchema,
      vsSelf: leanSchema,
    }),
  ),
});
