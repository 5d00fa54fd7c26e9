// The shared-document channel: Yjs sync and awareness over the room's own socket, beside the
// command log and never through it. Updates travel as binary (socket.io carries Buffer and
// Uint8Array as attachments), so they are checked by type and length, not as JSON.
import { DOCUMENT_ACCESS, DOCUMENT_IDS } from '@signal-room/domain';
import { z } from 'zod';
import { failedAckSchema } from './errors';
import { idSchema } from './values';

/**
 * The most bytes of Yjs data one message may carry. A larger update (a pasted file) is sent as
 * parts of at most this size, numbered, with one clientUpdateId; the server stores and fans it
 * out whole once every part is in.
 */
export const MAX_DOCUMENT_PART_BYTES = 64 * 1024;
/** Parts one update may have: a single update is at most 2 MiB. */
export const MAX_DOCUMENT_UPDATE_PARTS = 32;
/** A state vector names each writer once (a few bytes each). */
export const MAX_STATE_VECTOR_BYTES = 16 * 1024;
/** Cursors, selections, names and colours: small, sent often, never stored. */
export const MAX_AWARENESS_BYTES = 4 * 1024;

export const documentIdSchema = z.enum(DOCUMENT_IDS);
export const documentAccessSchema = z.enum(DOCUMENT_ACCESS);

/** Bytes as either end receives them: a Buffer in Node, an ArrayBuffer in a browser. */
export const bytesSchema = (maxBytes: number) =>
  z
    .custom<Uint8Array | ArrayBuffer>(
      (bytes) => bytes instanceof Uint8Array || bytes instanceof ArrayBuffer,
      'Expected bytes (a Uint8Array, Buffer or ArrayBuffer).',
    )
    .transform((bytes) => (bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)))
    .refine((bytes) => bytes.byteLength <= maxBytes, `At most ${maxBytes} bytes.`);

/** document:open — the client's state vector; the answer brings what it lacks. */
export const documentOpenSchema = z.strictObject({
  sessionId: idSchema,
  documentId: documentIdSchema,
  stateVector: bytesSchema(MAX_STATE_VECTOR_BYTES),
});
export type DocumentOpen = z.input<typeof documentOpenSchema>;

/**
 * What the client lacks, built from what is stored, and the server's state vector, from which
 * the client computes what the server lacks and sends it as an ordinary update.
 */
export const documentOpenAckSchema = z.union([
  z.object({
    ok: z.literal(true),
    access: documentAccessSchema,
    update: bytesSchema(Number.MAX_SAFE_INTEGER),
    stateVector: bytesSchema(Number.MAX_SAFE_INTEGER),
  }),
  failedAckSchema,
]);
export type DocumentOpenAck = z.input<typeof documentOpenAckSchema>;

export const documentPartSchema = z.strictObject({
  index: z.number().int().min(0),
  count: z.number().int().min(2).max(MAX_DOCUMENT_UPDATE_PARTS),
});

/**
 * document:update — one Yjs update (or one part of it). The clientUpdateId makes a retry safe:
 * an update already stored is answered again, not stored twice.
 */
export const documentUpdateSchema = z
  .strictObject({
    sessionId: idSchema,
    documentId: documentIdSchema,
    clientUpdateId: idSchema,
    update: bytesSchema(MAX_DOCUMENT_PART_BYTES),
    part: documentPartSchema.optional(),
  })
  .refine(({ part }) => !part || part.index < part.count, {
    path: ['part', 'index'],
    message: 'The part index must be below the part count.',
  });
export type DocumentUpdate = z.input<typeof documentUpdateSchema>;

/** Sent once the update is committed (for a part before the last: once it is held). */
export const documentUpdateAckSchema = z.union([
  z.object({ ok: z.literal(true) }),
  failedAckSchema,
]);
export type DocumentUpdateAck = z.input<typeof documentUpdateAckSchema>;

/** document:update from the server: a committed update of someone else's, whole. */
export const documentUpdateMessageSchema = z.object({
  sessionId: idSchema,
  documentId: documentIdSchema,
  update: bytesSchema(Number.MAX_SAFE_INTEGER),
});
export type DocumentUpdateMessage = z.input<typeof documentUpdateMessageSchema>;

/**
 * document:stored from the server, to the document's other readers when someone opens it: the
 * state vector of what is stored. An update stored by a node that died before fanning it out
 * reaches nobody live; its author re-opens on another node, and this tells everyone else what
 * they lack, which they fetch by opening again.
 */
export const documentStoredSchema = z.object({
  sessionId: idSchema,
  documentId: documentIdSchema,
  stateVector: bytesSchema(Number.MAX_SAFE_INTEGER),
});
export type DocumentStored = z.input<typeof documentStoredSchema>;

/** document:awareness — a y-protocols awareness update; relayed to the document's readers. */
export const documentAwarenessSchema = z.strictObject({
  sessionId: idSchema,
  documentId: documentIdSchema,
  update: bytesSchema(MAX_AWARENESS_BYTES),
});
export type DocumentAwareness = z.input<typeof documentAwarenessSchema>;

/**
 * One person's awareness state: their name and colour, and their cursor and selection as Yjs
 * relative positions (y-codemirror.next's field names). A null state is a person leaving.
 */
export const awarenessStateSchema = z
  .object({
    user: z
      .object({
        name: z.string().max(80),
        color: z.string().max(32),
        colorLight: z.string().max(32).optional(),
      })
      .optional(),
    cursor: z.object({ anchor: z.unknown(), head: z.unknown() }).nullable().optional(),
  })
  .nullable();

/**
 * GET /api/sessions/:id/documents/:documentId/replay — every stored update of the document, in
 * the order they were stored, for the keystroke replay; refused for a document the caller's role
 * may not open (a candidate never gets the interviewer's scratch).
 */
export const documentReplaySchema = z.object({
  sessionId: idSchema,
  documentId: documentIdSchema,
  updates: z.array(
    z.object({
      /** When it was stored, epoch ms: the clock the room's events carry in `at`. */
      at: z.number().int(),
      authorId: idSchema,
      /** The Yjs update, base64 (JSON has no bytes). */
      update: z.base64(),
    }),
  ),
});
export type DocumentReplay = z.infer<typeof documentReplaySchema>;

export interface DocumentClientEvents {
  'document:open': (request: DocumentOpen, ack: (answer: DocumentOpenAck) => void) => void;
  'document:update': (update: DocumentUpdate, ack: (answer: DocumentUpdateAck) => void) => void;
  'document:awareness': (awareness: DocumentAwareness) => void;
}

export interface DocumentServerEvents {
  'document:update': (message: DocumentUpdateMessage) => void;
  'document:stored': (message: DocumentStored) => void;
  'document:awareness': (message: DocumentAwareness) => void;
}
