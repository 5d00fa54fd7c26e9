import type {
  IceServers,
  AuditHistoryResponse,
  ChunkQuery,
  ChunkStored,
  DocumentReplay,
  MyTrack,
  RecordingsResponse,
  TrackDeleted,
  CreateAuditEntryBody,
  SessionAuditResponse,
  AuthResponse,
  CatalogResponse,
  ChangePasswordBody,
  CreateInviteBody,
  CreateSessionBody,
  DrillResult,
  DrillResultList,
  DrillRoomBody,
  DrillSubmission,
  ErrorCode,
  Invite,
  InvitePreview,
  LoginBody,
  NextMockResponse,
  ProgressResponse,
  ProgressShare,
  Rating,
  RatingBody,
  RatingResponse,
  RegisterBody,
  SessionListResponse,
  SessionSummary,
  SharedProgressResponse,
  TimelineResponse,
  TrendsResponse,
} from '@signal-room/protocol';
import {
  auditEntrySchema,
  auditHistoryResponseSchema,
  authResponseSchema,
  calibrationResponseSchema,
  catalogResponseSchema,
  chunkStoredSchema,
  myTrackSchema,
  recordingsResponseSchema,
  trackDeletedSchema,
  documentReplaySchema,
  iceServersSchema,
  drillResultListSchema,
  drillResultSchema,
  errorResponseSchema,
  feedbackDocumentSchema,
  issuesOf,
  interviewerProfileSchema,
  invitePreviewSchema,
  inviteSchema,
  loopSummarySchema,
  nextMockResponseSchema,
  progressResponseSchema,
  progressShareSchema,
  ratingResponseSchema,
  ratingSchema,
  sessionAuditResponseSchema,
  sessionListResponseSchema,
  sessionSummarySchema,
  sharedProgressResponseSchema,
  timelineResponseSchema,
  trendsResponseSchema,
} from '@signal-room/protocol';
import type {
  AuditEntry,
  Calibration,
  DocumentId,
  ExerciseDrillId,
  FeedbackDocument,
  InterviewerProfile,
  LoopSummary,
} from '@signal-room/domain';
import type { z } from 'zod';
import { getAuth, setAuth } from '../auth/auth-store';

interface RequestErrorDetails {
  /** HTTP status, or null when no valid answer arrived. */
  status: number | null;
  /** The server's error code, when it answered in the protocol's error shape. */
  code: ErrorCode | null;
  retryable: boolean;
  issues?: { path: string; message: string }[];
}

/** A request that did not yield a valid body, with as much as is known about why. */
export class ApiRequestError extends Error {
  readonly status: number | null;
  readonly code: ErrorCode | null;
  readonly retryable: boolean;
  readonly issues: { path: string; message: string }[];

  constructor(message: string, details: RequestErrorDetails) {
    super(message);
    this.name = 'ApiRequestError';
    this.status = details.status;
    this.code = details.code;
    this.retryable = details.retryable;
    this.issues = details.issues ?? [];
  }
}

/**
 * A success status whose body the page's schema refused: the server and this page disagree on
 * the contract (an old tab after a deploy, a proxy's page). Said, with the fields at fault,
 * rather than left to break whatever reads the body.
 */
export class ResponseShapeError extends ApiRequestError {
  /** The request whose answer did not parse. */
  readonly path: string;

  constructor(path: string, status: number, error: z.ZodError) {
    super('The server answered in a shape this page does not expect.', {
      status,
      code: null,
      retryable: false,
      issues: issuesOf(error),
    });
    this.name = 'ResponseShapeError';
    this.path = path;
  }
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * One HTTP call: the bearer token added, errors turned into ApiRequestError. A Blob goes as raw
 * bytes (a recording's chunk), anything else as JSON.
 */
async function call(
  method: Method,
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<Response> {
  const token = getAuth()?.token;
  const bytes = body instanceof Blob;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      signal,
      headers: {
        Accept: 'application/json',
        ...(body === undefined
          ? {}
          : { 'Content-Type': bytes ? 'application/octet-stream' : 'application/json' }),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : bytes ? body : JSON.stringify(body),
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiRequestError('The server could not be reached.', {
      status: null,
      code: null,
      retryable: true,
    });
  }
  if (response.ok) return response;
  const parsed = errorResponseSchema.safeParse(await readJson(response));
  if (parsed.success) {
    const { code, message, retryable, issues } = parsed.data.error;
    // A token the server no longer accepts is as good as signed out.
    if (code === 'UNAUTHENTICATED' && token) setAuth(null);
    throw new ApiRequestError(message, { status: response.status, code, retryable, issues });
  }
  // A proxy in front of the API (or the dev server with the API down) answers without our shape.
  throw new ApiRequestError(`The server answered with status ${response.status}.`, {
    status: response.status,
    code: null,
    retryable: response.status >= 500,
  });
}

async function json<T extends z.ZodType>(
  schema: T,
  method: Method,
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<z.infer<T>> {
  const response = await call(method, path, body, signal);
  const parsed = schema.safeParse(await readJson(response));
  if (parsed.success) return parsed.data;
  throw new ResponseShapeError(path, response.status, parsed.error);
}

export const getCatalog = (signal?: AbortSignal): Promise<CatalogResponse> =>
  json(catalogResponseSchema, 'GET', '/api/catalog', undefined, signal);

export const register = (body: RegisterBody): Promise<AuthResponse> =>
  json(authResponseSchema, 'POST', '/api/auth/register', body);
export const login = (body: LoginBody): Promise<AuthResponse> =>
  json(authResponseSchema, 'POST', '/api/auth/login', body);
/** Revokes the stored token on the server; the caller forgets it here. */
export const logout = async (): Promise<void> => {
  await call('POST', '/api/auth/logout');
};
export const changePassword = (body: ChangePasswordBody): Promise<AuthResponse> =>
  json(authResponseSchema, 'POST', '/api/auth/password', body);

/** The STUN and TURN servers this person's call may use, TURN credentials fresh. */
export const getIceServers = (signal?: AbortSignal): Promise<IceServers> =>
  json(iceServersSchema, 'GET', '/api/calls/ice-servers', undefined, signal);

export const listSessions = (signal?: AbortSignal): Promise<SessionListResponse> =>
  json(sessionListResponseSchema, 'GET', '/api/sessions', undefined, signal);
export const getSession = (id: string, signal?: AbortSignal): Promise<SessionSummary> =>
  json(sessionSummarySchema, 'GET', `/api/sessions/${id}`, undefined, signal);
export const createSession = (body: CreateSessionBody): Promise<SessionSummary> =>
  json(sessionSummarySchema, 'POST', '/api/sessions', body);

export const createInvite = (sessionId: string, body: CreateInviteBody): Promise<Invite> =>
  json(inviteSchema, 'POST', `/api/sessions/${sessionId}/invites`, body);
export const listInvites = (sessionId: string, signal?: AbortSignal): Promise<Invite[]> =>
  json(inviteSchema.array(), 'GET', `/api/sessions/${sessionId}/invites`, undefined, signal);
export const revokeInvite = (sessionId: string, inviteId: string): Promise<Invite> =>
  json(inviteSchema, 'DELETE', `/api/sessions/${sessionId}/invites/${inviteId}`);
export const previewInvite = (token: string, signal?: AbortSignal): Promise<InvitePreview> =>
  json(invitePreviewSchema, 'GET', `/api/invites/${encodeURIComponent(token)}`, undefined, signal);
export const acceptInvite = (token: string): Promise<SessionSummary> =>
  json(sessionSummarySchema, 'POST', `/api/invites/${encodeURIComponent(token)}/accept`);

export const getFeedback = (id: string, signal?: AbortSignal): Promise<FeedbackDocument> =>
  json(feedbackDocumentSchema, 'GET', `/api/sessions/${id}/feedback`, undefined, signal);
export const getCalibration = (id: string, signal?: AbortSignal): Promise<Calibration[]> =>
  json(calibrationResponseSchema, 'GET', `/api/sessions/${id}/calibration`, undefined, signal);
export const getTimeline = (id: string, signal?: AbortSignal): Promise<TimelineResponse> =>
  json(timelineResponseSchema, 'GET', `/api/sessions/${id}/timeline`, undefined, signal);
export const getDocumentReplay = (
  id: string,
  documentId: DocumentId,
  signal?: AbortSignal,
): Promise<DocumentReplay> =>
  json(
    documentReplaySchema,
    'GET',
    `/api/sessions/${id}/documents/${documentId}/replay`,
    undefined,
    signal,
  );
const recordingsPath = (sessionId: string) => `/api/sessions/${sessionId}/recordings`;

export const uploadChunk = (
  sessionId: string,
  recordingId: string,
  index: number,
  chunk: Blob,
  { startedAt, durationMs }: ChunkQuery,
): Promise<ChunkStored> =>
  json(
    chunkStoredSchema,
    'PUT',
    `${recordingsPath(sessionId)}/${recordingId}/tracks/mine/chunks/${index}?startedAt=${Math.round(startedAt)}&durationMs=${Math.round(durationMs)}`,
    chunk,
  );
export const getMyTrack = (sessionId: string, recordingId: string): Promise<MyTrack> =>
  json(myTrackSchema, 'GET', `${recordingsPath(sessionId)}/${recordingId}/tracks/mine`);
export const deleteMyTrack = (sessionId: string, recordingId: string): Promise<TrackDeleted> =>
  json(trackDeletedSchema, 'DELETE', `${recordingsPath(sessionId)}/${recordingId}/tracks/mine`);
export const listRecordings = (
  sessionId: string,
  signal?: AbortSignal,
): Promise<RecordingsResponse> =>
  json(recordingsResponseSchema, 'GET', recordingsPath(sessionId), undefined, signal);
/** One person's track as a file, fetched with the sign-in (an audio element cannot send it). */
export const getTrack = async (
  sessionId: string,
  recordingId: string,
  userId: string,
  signal?: AbortSignal,
): Promise<Blob> =>
  (
    await call(
      'GET',
      `${recordingsPath(sessionId)}/${recordingId}/tracks/${userId}`,
      undefined,
      signal,
    )
  ).blob();

export const getTrends = (signal?: AbortSignal): Promise<TrendsResponse> =>
  json(trendsResponseSchema, 'GET', '/api/history/trends', undefined, signal);
export const getNextMock = (signal?: AbortSignal): Promise<NextMockResponse> =>
  json(nextMockResponseSchema, 'GET', '/api/history/next-mock', undefined, signal);
export const getLoop = (sessionIds: string[], signal?: AbortSignal): Promise<LoopSummary> =>
  json(
    loopSummarySchema,
    'GET',
    `/api/history/loop?sessionIds=${sessionIds.join(',')}`,
    undefined,
    signal,
  );

export const saveDrillResult = ({ drill, payload }: DrillSubmission): Promise<DrillResult> =>
  json(drillResultSchema, 'POST', `/api/drills/${drill}/results`, payload);
export const openDrillRoom = (
  drill: ExerciseDrillId,
  body: DrillRoomBody,
): Promise<SessionSummary> =>
  json(sessionSummarySchema, 'POST', `/api/drills/${drill}/rooms`, body);
export const listDrillResults = (signal?: AbortSignal): Promise<DrillResultList> =>
  json(drillResultListSchema, 'GET', '/api/drills/results', undefined, signal);
export const getDrillResult = (id: string, signal?: AbortSignal): Promise<DrillResult> =>
  json(drillResultSchema, 'GET', `/api/drills/results/${id}`, undefined, signal);
export const getRating = (id: string, signal?: AbortSignal): Promise<RatingResponse> =>
  json(ratingResponseSchema, 'GET', `/api/sessions/${id}/rating`, undefined, signal);
export const saveRating = (id: string, body: RatingBody): Promise<Rating> =>
  json(ratingSchema, 'PUT', `/api/sessions/${id}/rating`, body);
export const getInterviewerProfile = (signal?: AbortSignal): Promise<InterviewerProfile> =>
  json(interviewerProfileSchema, 'GET', '/api/me/interviewer-profile', undefined, signal);

export const getProgress = (signal?: AbortSignal): Promise<ProgressResponse> =>
  json(progressResponseSchema, 'GET', '/api/history/progress', undefined, signal);
export const listProgressShares = (signal?: AbortSignal): Promise<ProgressShare[]> =>
  json(progressShareSchema.array(), 'GET', '/api/history/progress/shares', undefined, signal);
export const createProgressShare = (): Promise<ProgressShare> =>
  json(progressShareSchema, 'POST', '/api/history/progress/shares');
export const revokeProgressShare = (id: string): Promise<ProgressShare> =>
  json(progressShareSchema, 'DELETE', `/api/history/progress/shares/${id}`);
export const getSharedProgress = (
  token: string,
  signal?: AbortSignal,
): Promise<SharedProgressResponse> =>
  json(
    sharedProgressResponseSchema,
    'GET',
    `/api/progress/${encodeURIComponent(token)}`,
    undefined,
    signal,
  );
export const getSessionAudit = (id: string, signal?: AbortSignal): Promise<SessionAuditResponse> =>
  json(sessionAuditResponseSchema, 'GET', `/api/sessions/${id}/audit`, undefined, signal);
export const addAuditEntry = (id: string, body: CreateAuditEntryBody): Promise<AuditEntry> =>
  json(auditEntrySchema, 'POST', `/api/sessions/${id}/audit`, body);
export const removeAuditEntry = (id: string, entryId: string): Promise<AuditEntry> =>
  json(auditEntrySchema, 'DELETE', `/api/sessions/${id}/audit/${entryId}`);
export const getAuditHistory = (signal?: AbortSignal): Promise<AuditHistoryResponse> =>
  json(auditHistoryResponseSchema, 'GET', '/api/history/audit', undefined, signal);

/** Downloads the feedback export as a file (the bearer token rules out a plain link). */
export async function downloadFeedback(id: string, format: 'markdown' | 'json'): Promise<void> {
  const response = await call('GET', `/api/sessions/${id}/feedback/export?format=${format}`);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = `signal-room-feedback-${id}.${format === 'markdown' ? 'md' : 'json'}`;
  link.click();
  URL.revokeObjectURL(url);
}
