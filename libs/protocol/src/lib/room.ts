import type { RoomCommandType, RoomEventType } from '@signal-room/domain';
import {
  END_REASONS,
  MAX_ANCHORED_ELEMENTS,
  MAX_DURATION_MS,
  MAX_RUN_OUTPUT,
  RECORDING_END_REASONS,
  RECORDING_STATUSES,
  ROOM_EVENT_TYPES,
  ROOM_STATUSES,
  RUNNABLE_LANGUAGES,
  RUN_STATUSES,
} from '@signal-room/domain';
import { z } from 'zod';
import type { DocumentClientEvents, DocumentServerEvents } from './documents';
import type { CallClientEvents, CallServerEvents } from './calls';
import { failedAckSchema } from './errors';
import {
  failureModeIdSchema,
  idSchema,
  moveIdSchema,
  polaritySchema,
  roleSchema,
  roomPromptSchema,
  roundTypeIdSchema,
  scoreSchema,
  scoresSchema,
  signalIdSchema,
  optionalTextSchema,
  textSchema,
  tokenSchema,
  visibilitySchema,
} from './values';

const empty = z.strictObject({});
const offsetSchema = z.number().int().min(0).max(MAX_DURATION_MS);
const noteSchema = textSchema(2000);
const markIdSchema = z.object({ markId: idSchema }).strict();
const recordingIdSchema = z.strictObject({ recordingId: idSchema });

const lineSchema = z.number().int().min(1).max(100_000);
/** An element of the board, by the id Excalidraw gave it. */
const elementIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'An element id is 1 to 64 letters, digits, - or _.');
/** What a note points at: the pad's lines, the first to the last, or elements of the board. */
export const evidenceAnchorSchema = z.union([
  z
    .strictObject({ documentId: z.literal('pad'), fromLine: lineSchema, toLine: lineSchema })
    .refine((anchor) => anchor.fromLine <= anchor.toLine, {
      message: 'The first line comes before the last.',
    }),
  z.strictObject({
    documentId: z.literal('board'),
    elementIds: z.array(elementIdSchema).min(1).max(MAX_ANCHORED_ELEMENTS),
  }),
]);

/** A run as the browser that ran it reports it; its output is cut to what the room keeps. */
const runReportFields = {
  language: z.enum(RUNNABLE_LANGUAGES),
  status: z.enum(RUN_STATUSES),
  output: z.string(),
  durationMs: z.number().int().min(0).max(MAX_DURATION_MS),
  codeVersion: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in hex'),
};

/** The interviewer's settings of the workspace, and a change of some of them. */
export const workspaceSettingsSchema = z.object({
  padLocked: z.boolean(),
  interviewerDraws: z.boolean(),
});
const workspaceChangeSchema = workspaceSettingsSchema.partial();

/**
 * A call held elsewhere: an https address only, so no link in the room can run script or point
 * at a plain-text page, and short enough to be an address rather than a payload.
 */
export const meetingLinkSchema = z
  .url({ protocol: /^https$/, hostname: z.regexes.domain })
  .max(500);

/** How long the interviewer's summary and its one thing to practise next may be. */
export const SUMMARY_LIMITS = { text: 1500, practiseNext: 300 } as const;
export const interviewerSummarySchema = z.object({ text: z.string(), practiseNext: z.string() });

/** One schema per client command, keyed by its type. The server parses every payload with it. */
export const commandPayloadSchemas = {
  'prompt.set': z.strictObject({ prompt: roomPromptSchema }),
  'prompt.reveal': empty,
  'hint.reveal': empty,
  'timer.start': empty,
  'timer.pause': empty,
  'timer.resume': empty,
  'timer.extend': z.strictObject({
    byMs: z
      .number()
      .int()
      .min(60_000)
      .max(60 * 60_000),
  }),
  'phase.change': z.strictObject({ phaseId: tokenSchema(80) }),
  'evidence.add': z.strictObject({
    signal: signalIdSchema,
    polarity: polaritySchema,
    note: noteSchema,
    offsetMs: offsetSchema.optional(),
    anchor: evidenceAnchorSchema.optional(),
  }),
  'evidence.edit': z
    .strictObject({
      evidenceId: idSchema,
      signal: signalIdSchema.optional(),
      polarity: polaritySchema.optional(),
      note: noteSchema.optional(),
      offsetMs: offsetSchema.optional(),
    })
    .refine((edit) => Object.keys(edit).length > 1, { message: 'Nothing to change.' }),
  'evidence.remove': z.strictObject({ evidenceId: idSchema }),
  'score.set': z.strictObject({ signal: signalIdSchema, score: scoreSchema }),
  'score.clear': z.strictObject({ signal: signalIdSchema }),
  'move.mark': z.strictObject({ move: moveIdSchema, offsetMs: offsetSchema.optional() }),
  'move.unmark': markIdSchema,
  'flag.mark': z.strictObject({ flag: failureModeIdSchema, offsetMs: offsetSchema.optional() }),
  'flag.unmark': markIdSchema,
  'watch.tick': z.strictObject({ itemId: idSchema, offsetMs: offsetSchema.optional() }),
  'watch.untick': z.strictObject({ itemId: idSchema }),
  'self-assessment.submit': z.strictObject({
    scores: scoresSchema,
    note: optionalTextSchema(4000),
  }),
  'summary.write': z.strictObject({
    text: textSchema(SUMMARY_LIMITS.text),
    practiseNext: textSchema(SUMMARY_LIMITS.practiseNext),
  }),
  'session.end': empty,
  'feedback.release': empty,
  // The server creates the linked round and supplies its id to the domain.
  'roles.swap': empty,
  'participant.remove': z.strictObject({ userId: idSchema }),
  'code.run': z.strictObject({
    ...runReportFields,
    // Longer output is accepted and cut: a run that printed a lot still ran.
    output: z.string().max(MAX_RUN_OUTPUT * 8),
  }),
  'meeting.set': z.strictObject({ url: meetingLinkSchema.nullable() }),
  'recording.request': empty,
  'recording.consent': recordingIdSchema,
  'recording.decline': recordingIdSchema,
  'recording.stop': recordingIdSchema,
  'workspace.set': workspaceChangeSchema
    .strict()
    .refine((change) => Object.keys(change).length > 0, 'Name at least one setting to change.'),
} satisfies Record<RoomCommandType, z.ZodType>;

export type CommandPayload<T extends RoomCommandType> = z.infer<(typeof commandPayloadSchemas)[T]>;

/** Every client command: a type, its payload, and an id that makes a retry safe. */
export const commandEnvelopeSchema = z.strictObject({
  sessionId: idSchema,
  clientEventId: idSchema,
  type: z.enum(Object.keys(commandPayloadSchemas) as [RoomCommandType, ...RoomCommandType[]]),
  payload: z.unknown(),
});
export type CommandEnvelope = z.infer<typeof commandEnvelopeSchema>;

export const evidenceSchema = z.object({
  id: idSchema,
  signal: signalIdSchema,
  polarity: polaritySchema,
  note: z.string(),
  offsetMs: z.number(),
  authorId: idSchema,
  anchor: evidenceAnchorSchema.optional(),
});

const markSchema = z.object({ id: idSchema, offsetMs: z.number(), authorId: idSchema });

const watchItemSchema = z.object({
  id: idSchema,
  signal: signalIdSchema,
  intent: z.string(),
  fromSessionId: idSchema,
});

/** One schema per room event payload, keyed by its type. */
export const eventPayloadSchemas = {
  'participant.joined': z.object({ userId: idSchema, displayName: z.string(), role: roleSchema }),
  'participant.left': z.object({ userId: idSchema }),
  'prompt.set': z.object({ prompt: roomPromptSchema }),
  'prompt.revealed': z.object({}),
  'hint.revealed': z.object({ index: z.number().int().min(0) }),
  'timer.started': z.object({}),
  'timer.paused': z.object({}),
  'timer.resumed': z.object({}),
  'timer.extended': z.object({ byMs: z.number().int() }),
  'phase.changed': z.object({ phaseId: z.string(), offsetMs: z.number() }),
  'evidence.added': z.object({ evidence: evidenceSchema }),
  'evidence.edited': z.object({
    evidenceId: idSchema,
    signal: signalIdSchema.optional(),
    polarity: polaritySchema.optional(),
    note: z.string().optional(),
    offsetMs: z.number().optional(),
  }),
  'evidence.removed': z.object({ evidenceId: idSchema }),
  'score.set': z.object({ signal: signalIdSchema, score: scoreSchema }),
  'score.cleared': z.object({ signal: signalIdSchema }),
  'move.marked': z.object({ markId: idSchema, move: moveIdSchema, offsetMs: z.number() }),
  'move.unmarked': z.object({ markId: idSchema }),
  'flag.marked': z.object({ markId: idSchema, flag: failureModeIdSchema, offsetMs: z.number() }),
  'flag.unmarked': z.object({ markId: idSchema }),
  'watch.listed': z.object({ items: z.array(watchItemSchema) }),
  'watch.ticked': z.object({ itemId: idSchema, offsetMs: z.number() }),
  'watch.withdrawn': z.object({ itemId: idSchema }),
  'watch.unticked': z.object({ itemId: idSchema }),
  'self-assessment.submitted': z.object({ scores: scoresSchema, note: z.string() }),
  'summary.written': interviewerSummarySchema,
  'session.ended': z.object({ reason: z.enum(END_REASONS) }),
  'feedback.released': z.object({}),
  'roles.swapped': z.object({ nextSessionId: idSchema }),
  'participant.removed': z.object({ userId: idSchema }),
  'code.ran': z.object({ ...runReportFields, runId: idSchema, offsetMs: z.number() }),
  'workspace.changed': workspaceChangeSchema,
  'meeting.linked': z.object({ url: meetingLinkSchema.nullable() }),
  'recording.requested': z.object({ recordingId: idSchema, awaiting: z.array(idSchema) }),
  'recording.consented': z.object({ recordingId: idSchema }),
  'recording.declined': z.object({ recordingId: idSchema }),
  'recording.stopped': z.object({ recordingId: idSchema }),
} satisfies Record<RoomEventType, z.ZodType>;

/** One committed event of the given type, its payload parsed with that type's schema. */
const eventSchemaOf = <T extends RoomEventType>(type: T) =>
  z.object({
    seq: z.number().int().positive(),
    type: z.literal(type),
    payload: eventPayloadSchemas[type],
    actorId: idSchema,
    at: z.number(),
  });
type EventSchema = { [T in RoomEventType]: ReturnType<typeof eventSchemaOf<T>> }[RoomEventType];

/** A committed event: numbered within its session, stamped with the server time and its actor. */
export const roomEventSchema = z.discriminatedUnion(
  'type',
  ROOM_EVENT_TYPES.map(eventSchemaOf) as unknown as [EventSchema, ...EventSchema[]],
);

const scorecardSchema = z.object({
  scorerId: idSchema,
  scores: scoresSchema,
  evidence: z.array(evidenceSchema),
});

/** A room as one participant may see it (the domain's viewFor). */
export const roomStateSchema = z.object({
  sessionId: idSchema,
  roundType: roundTypeIdSchema,
  visibility: visibilitySchema,
  peerMode: z.boolean(),
  interviewerId: idSchema,
  status: z.enum(ROOM_STATUSES),
  prompt: roomPromptSchema.nullable(),
  promptRevealed: z.boolean(),
  hintsRevealed: z.number().int(),
  timer: z.object({
    durationMs: z.number(),
    elapsedMs: z.number(),
    runningSince: z.number().nullable(),
  }),
  startedAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  endReason: z.enum(END_REASONS).nullable(),
  phases: z.array(z.object({ phaseId: z.string(), offsetMs: z.number() })),
  participants: z.record(
    z.string(),
    z.object({ userId: idSchema, displayName: z.string(), role: roleSchema, online: z.boolean() }),
  ),
  scorecards: z.record(z.string(), scorecardSchema),
  moves: z.array(markSchema.extend({ move: moveIdSchema })),
  flags: z.array(markSchema.extend({ flag: failureModeIdSchema })),
  watchFor: z.array(watchItemSchema.extend({ seenAtMs: z.number().nullable() })),
  runs: z.array(
    z.object({
      ...runReportFields,
      id: idSchema,
      userId: idSchema,
      offsetMs: z.number(),
      at: z.number(),
    }),
  ),
  workspace: workspaceSettingsSchema,
  meetingLink: meetingLinkSchema.nullable(),
  recordings: z.array(
    z.object({
      id: idSchema,
      requestedBy: idSchema,
      requestedAt: z.number(),
      awaiting: z.array(idSchema),
      consentedAt: z.record(z.string(), z.number()),
      status: z.enum(RECORDING_STATUSES),
      startedAt: z.number().nullable(),
      endedAt: z.number().nullable(),
      endedBy: idSchema.nullable(),
      endReason: z.enum(RECORDING_END_REASONS).nullable(),
    }),
  ),
  selfAssessment: z.object({ scores: scoresSchema, note: z.string() }).nullable(),
  summary: interviewerSummarySchema.nullable(),
  feedbackReleased: z.boolean(),
  nextSessionId: idSchema.nullable(),
  seq: z.number().int().min(0),
});

/** room:join — enter a session's room, optionally catching up from the last sequence held. */
export const joinRequestSchema = z.strictObject({
  sessionId: idSchema,
  lastSeq: z.number().int().min(0).optional(),
});
export type JoinRequest = z.infer<typeof joinRequestSchema>;

/** Missed events when the gap is small, otherwise a fresh snapshot of the viewer's room. */
export const joinAckSchema = z.union([
  z.object({
    ok: z.literal(true),
    role: roleSchema,
    serverTime: z.number(),
    snapshot: roomStateSchema.nullable(),
    events: z.array(roomEventSchema),
  }),
  failedAckSchema,
]);
export type JoinAck = z.infer<typeof joinAckSchema>;

/** The answer to room:command, sent only once the events are committed. */
export const commandAckSchema = z.union([
  z.object({ ok: z.literal(true), seq: z.number().int(), duplicate: z.boolean() }),
  failedAckSchema,
]);
export type CommandAck = z.infer<typeof commandAckSchema>;

/** clock:ping — the client's send time echoed with the server's, for offset estimation. */
export const clockPingSchema = z.strictObject({ clientTime: z.number() });
export type ClockPing = z.infer<typeof clockPingSchema>;
export const clockPongSchema = z.object({ clientTime: z.number(), serverTime: z.number() });
export type ClockPong = z.infer<typeof clockPongSchema>;

/** socket.io's typed maps, used by the gateway and the client alike. */
export interface ClientToServerEvents extends DocumentClientEvents, CallClientEvents {
  'room:join': (request: JoinRequest, ack: (answer: JoinAck) => void) => void;
  'room:command': (command: CommandEnvelope, ack: (answer: CommandAck) => void) => void;
  'clock:ping': (ping: ClockPing, ack: (pong: ClockPong) => void) => void;
}

/** room:event — one committed event, as this socket's viewer may see it. */
export const roomEventMessageSchema = z.object({ sessionId: idSchema, event: roomEventSchema });
export type RoomEventMessage = z.infer<typeof roomEventMessageSchema>;

/** room:snapshot — the viewer's whole room, sent when events alone cannot bring it up to date. */
export const roomSnapshotMessageSchema = z.object({
  sessionId: idSchema,
  serverTime: z.number(),
  state: roomStateSchema,
});
export type RoomSnapshotMessage = z.infer<typeof roomSnapshotMessageSchema>;

/** room:removed — sent to a participant's sockets when the interviewer removes them. */
export const roomRemovedMessageSchema = z.object({ sessionId: idSchema });
export type RoomRemovedMessage = z.infer<typeof roomRemovedMessageSchema>;

/**
 * room:presence — who has an ended room open now, sent to its sockets whenever someone comes or
 * goes: the log of an ended room no longer records presence (see the domain's recordsPresence).
 */
export const roomPresenceMessageSchema = z.object({
  sessionId: idSchema,
  online: z.array(idSchema),
});
export type RoomPresenceMessage = z.infer<typeof roomPresenceMessageSchema>;

export interface ServerToClientEvents extends DocumentServerEvents, CallServerEvents {
  'room:event': (message: RoomEventMessage) => void;
  'room:snapshot': (message: RoomSnapshotMessage) => void;
  'room:removed': (message: RoomRemovedMessage) => void;
  'room:presence': (message: RoomPresenceMessage) => void;
}
