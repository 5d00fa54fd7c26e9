import { MAX_DURATION_MS, RECORDING_END_REASONS, RECORDING_STATUSES } from '@signal-room/domain';
import { z } from 'zod';
import { idSchema } from './values';

/**
 * How a browser records its own microphone: Opus in WebM, cut into a chunk every few seconds,
 * each uploaded as soon as it is cut. 32 kbit/s is plenty for one voice and keeps a 45-minute
 * round near 11 MB per person.
 */
export const RECORDING_FORMAT = {
  mimeType: 'audio/webm;codecs=opus',
  /** What the stored track is served as: the chunks joined make one WebM file. */
  contentType: 'audio/webm',
  audioBitsPerSecond: 32_000,
  timesliceMs: 5_000,
} as const;

/** A round of four hours cut every five seconds has 2 880 chunks; this bounds the index. */
export const MAX_CHUNK_INDEX = Math.ceil(MAX_DURATION_MS / RECORDING_FORMAT.timesliceMs) * 2;

/** PUT …/recordings/:recordingId/tracks/mine/chunks/:index — the chunk's place in the track. */
export const chunkIndexSchema = z.coerce.number().int().min(0).max(MAX_CHUNK_INDEX);

/**
 * The query of a chunk upload: when the chunk began on the server's clock (epoch ms, as the
 * browser estimates it) and how long it lasts, so playback places it on the round's clock.
 */
export const chunkQuerySchema = z.object({
  startedAt: z.coerce.number().int().min(0),
  // A chunk is cut every few seconds, but a browser busy elsewhere may cut one late.
  durationMs: z.coerce.number().int().min(0).max(MAX_DURATION_MS),
});
export type ChunkQuery = z.infer<typeof chunkQuerySchema>;

const storedChunkSchema = z.object({
  index: z.number().int().min(0),
  startedAt: z.number(),
  durationMs: z.number(),
  bytes: z.number().int().min(0),
});
export type StoredChunk = z.infer<typeof storedChunkSchema>;

/** The answer to a chunk upload; `duplicate` when that chunk was stored before (a resend). */
export const chunkStoredSchema = storedChunkSchema.extend({ duplicate: z.boolean() });
export type ChunkStored = z.infer<typeof chunkStoredSchema>;

/** GET …/tracks/mine — which chunks of my track are stored, so a client resends only the rest. */
export const myTrackSchema = z.object({
  recordingId: idSchema,
  userId: idSchema,
  chunks: z.array(storedChunkSchema),
});
export type MyTrack = z.infer<typeof myTrackSchema>;

/** One person's track in a recording, as the list describes it. */
export const trackSummarySchema = z.object({
  userId: idSchema,
  displayName: z.string(),
  /** Server epoch ms of its first stored chunk. */
  startedAt: z.number(),
  durationMs: z.number(),
  bytes: z.number().int(),
  chunks: z.number().int(),
});
export type TrackSummary = z.infer<typeof trackSummarySchema>;

/** GET /api/sessions/:id/recordings — each recording of the round with its stored tracks. */
export const recordingsResponseSchema = z.object({
  sessionId: idSchema,
  /** Server epoch ms of the round's first timer start, the zero of its clock. */
  roundStartedAt: z.number().nullable(),
  recordings: z.array(
    z.object({
      id: idSchema,
      status: z.enum(RECORDING_STATUSES),
      startedAt: z.number().nullable(),
      endedAt: z.number().nullable(),
      endReason: z.enum(RECORDING_END_REASONS).nullable(),
      tracks: z.array(trackSummarySchema),
    }),
  ),
});
export type RecordingsResponse = z.infer<typeof recordingsResponseSchema>;

/** DELETE …/tracks/mine — what was removed of my track. */
export const trackDeletedSchema = z.object({
  recordingId: idSchema,
  chunks: z.number().int(),
  bytes: z.number().int(),
});
export type TrackDeleted = z.infer<typeof trackDeletedSchema>;
