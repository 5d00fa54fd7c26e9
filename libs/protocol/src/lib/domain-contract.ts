import type {
  AuditEntry,
  Calibration,
  FeedbackDocument,
  FeedbackExport,
  InterviewerProfile,
  LoopSummary,
  RoomCommandPayloads,
  RoomCommandType,
  RoomEvent,
  RoomEventPayloads,
  RoomEventType,
  RoomState,
} from '@signal-room/domain';
import type { z } from 'zod';
import type { auditEntrySchema } from './audit';
import type {
  calibrationSchema,
  feedbackDocumentSchema,
  feedbackExportSchema,
  interviewerProfileSchema,
  loopSummarySchema,
} from './feedback';
import type {
  commandPayloadSchemas,
  eventPayloadSchemas,
  roomEventSchema,
  roomStateSchema,
} from './room';

// Compile-time only: the domain writes its types by hand (it depends on nothing) and the wire
// infers its own from the schemas. Each pair must be assignable both ways and name the same
// keys (assignability alone lets an optional field on one side go unnoticed), or typecheck fails.
type Both<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Mutual<A, B> = Both<A, B> extends true ? Both<keyof A, keyof B> : false;
type Holds<T extends Record<string, true>> = T;

/** What the server, not the client, adds to a command's payload before the domain decides. */
interface ServerSupplied {
  'roles.swap': 'nextSessionId';
}
// An empty payload is Record<string, never> in the domain, as it is in zod's output.
type Emptied<T> = [keyof T] extends [never] ? Record<string, never> : T;
type WirePayload<T extends RoomCommandType> = T extends keyof ServerSupplied
  ? Emptied<Omit<RoomCommandPayloads[T], ServerSupplied[T]>>
  : RoomCommandPayloads[T];

export type CommandsMatchDomain = Holds<{
  [T in RoomCommandType]: Mutual<z.output<(typeof commandPayloadSchemas)[T]>, WirePayload<T>>;
}>;

export type EventsMatchDomain = Holds<
  {
    [T in RoomEventType]: Mutual<z.output<(typeof eventPayloadSchemas)[T]>, RoomEventPayloads[T]>;
  } & { event: Mutual<z.output<typeof roomEventSchema>, RoomEvent> }
>;

export type StateMatchesDomain = Holds<{
  state: Mutual<z.output<typeof roomStateSchema>, RoomState>;
}>;

export type ResponsesMatchDomain = Holds<{
  feedback: Mutual<z.output<typeof feedbackDocumentSchema>, FeedbackDocument>;
  feedbackExport: Mutual<z.output<typeof feedbackExportSchema>, FeedbackExport>;
  auditEntry: Mutual<z.output<typeof auditEntrySchema>, AuditEntry>;
  calibration: Mutual<z.output<typeof calibrationSchema>, Calibration>;
  loop: Mutual<z.output<typeof loopSummarySchema>, LoopSummary>;
  profile: Mutual<z.output<typeof interviewerProfileSchema>, InterviewerProfile>;
}>;
