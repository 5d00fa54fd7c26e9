import {
  auditEntrySchema,
  auditHistoryResponseSchema,
  authResponseSchema,
  catalogResponseSchema,
  changePasswordBodySchema,
  createAuditEntryBodySchema,
  createInviteBodySchema,
  createSessionBodySchema,
  drillResultBodySchema,
  drillResultListSchema,
  drillResultSchema,
  errorResponseSchema,
  healthResponseSchema,
  invitePreviewSchema,
  inviteSchema,
  loginBodySchema,
  nextMockResponseSchema,
  progressResponseSchema,
  progressShareSchema,
  ratingBodySchema,
  ratingResponseSchema,
  ratingSchema,
  registerBodySchema,
  roomStateSchema,
  sessionAuditResponseSchema,
  sessionListResponseSchema,
  sessionSummarySchema,
  sharedProgressResponseSchema,
  timelineResponseSchema,
  trendsResponseSchema,
  userSchema,
} from '@signal-room/protocol';
import { z } from 'zod';

type Method = 'get' | 'post' | 'put' | 'delete';

interface Route {
  method: Method;
  path: string;
  summary: string;
  /** Whether the route needs `Authorization: Bearer <token>`. */
  auth: boolean;
  body?: z.ZodType;
  status?: number;
  /** The response body's schema, or a description where the domain type is the contract. */
  response: z.ZodType | string;
  query?: Record<string, string>;
}

const sessionPath = '/api/sessions/{id}';

/** Every HTTP route of the API. The test suite checks each one answers at its path. */
export const ROUTES: readonly Route[] = [
  {
    method: 'get',
    path: '/api/health',
    summary: 'Liveness and database reachability',
    auth: false,
    response: healthResponseSchema,
  },
  {
    method: 'get',
    path: '/api/health/live',
    summary: 'Liveness: the process answers',
    auth: false,
    response: '{ "status": "ok" }',
  },
  {
    method: 'get',
    path: '/api/health/ready',
    summary: 'Readiness: the database answers and the node is not stopping (else 503)',
    auth: false,
    response: '{ "ready": true }, or 503 with { "ready": false, "reason" }',
  },
  {
    method: 'get',
    path: '/api/metrics',
    summary: 'Prometheus metrics of this node',
    auth: false,
    response: 'text/plain; version=0.0.4',
  },
  {
    method: 'get',
    path: '/api/catalog',
    summary: 'Signals, rubric, round types, moves, drills, prompt summaries',
    auth: false,
    response: catalogResponseSchema,
  },
  {
    method: 'post',
    path: '/api/auth/register',
    summary: 'Create an account and sign in',
    auth: false,
    body: registerBodySchema,
    status: 201,
    response: authResponseSchema,
  },
  {
    method: 'post',
    path: '/api/auth/login',
    summary: 'Sign in; one message for any wrong credentials',
    auth: false,
    body: loginBodySchema,
    response: authResponseSchema,
  },
  {
    method: 'post',
    path: '/api/auth/logout',
    summary: 'Sign out: the token is revoked on every node',
    auth: true,
    status: 204,
    response: 'No content',
  },
  {
    method: 'post',
    path: '/api/auth/password',
    summary: 'Change the password (the current one required); revokes every earlier token',
    auth: true,
    body: changePasswordBodySchema,
    response: authResponseSchema,
  },
  {
    method: 'get',
    path: '/api/me',
    summary: 'The signed-in user',
    auth: true,
    response: userSchema,
  },
  {
    method: 'post',
    path: '/api/sessions',
    summary: 'Create a session; the creator is its interviewer',
    auth: true,
    body: createSessionBodySchema,
    status: 201,
    response: sessionSummarySchema,
  },
  {
    method: 'get',
    path: '/api/sessions',
    summary: 'My sessions in any role, newest first, with scores where visible',
    auth: true,
    response: sessionListResponseSchema,
  },
  {
    method: 'get',
    path: sessionPath,
    summary: 'One session',
    auth: true,
    response: sessionSummarySchema,
  },
  {
    method: 'get',
    path: `${sessionPath}/room`,
    summary: 'The room as the caller may see it now',
    auth: true,
    response: roomStateSchema,
  },
  {
    method: 'post',
    path: `${sessionPath}/invites`,
    summary: 'Make an invite link (interviewer); the token is shown once',
    auth: true,
    body: createInviteBodySchema,
    status: 201,
    response: inviteSchema,
  },
  {
    method: 'get',
    path: `${sessionPath}/invites`,
    summary: 'The invite links of a session (interviewer)',
    auth: true,
    response: z.array(inviteSchema),
  },
  {
    method: 'delete',
    path: `${sessionPath}/invites/{inviteId}`,
    summary: 'Revoke an invite link (interviewer)',
    auth: true,
    response: inviteSchema,
  },
  {
    method: 'get',
    path: '/api/invites/{token}',
    summary: 'What an invite link leads to',
    auth: false,
    response: invitePreviewSchema,
  },
  {
    method: 'post',
    path: '/api/invites/{token}/accept',
    summary: 'Join a session through an invite link',
    auth: true,
    status: 201,
    response: sessionSummarySchema,
  },
  {
    method: 'get',
    path: `${sessionPath}/feedback`,
    summary: 'The feedback document (staff after the end; the candidate once released)',
    auth: true,
    response: 'FeedbackDocument (libs/domain/src/lib/feedback.ts)',
  },
  {
    method: 'get',
    path: `${sessionPath}/feedback/export`,
    summary: 'The feedback as a file to keep',
    auth: true,
    query: { format: 'markdown (default) or json' },
    response: 'text/markdown or application/json attachment',
  },
  {
    method: 'get',
    path: `${sessionPath}/calibration`,
    summary: "Observers' scores beside the interviewer's, after the end",
    auth: true,
    response: 'Calibration[] (libs/domain/src/lib/feedback.ts)',
  },
  {
    method: 'get',
    path: `${sessionPath}/rating`,
    summary:
      "The candidate's rating of the feedback (the candidate once released; the interviewer)",
    auth: true,
    response: ratingResponseSchema,
  },
  {
    method: 'put',
    path: `${sessionPath}/rating`,
    summary: 'Rate released feedback (candidate): per scored signal, backed or not, and a comment',
    auth: true,
    body: ratingBodySchema,
    response: ratingSchema,
  },
  {
    method: 'get',
    path: '/api/me/interviewer-profile',
    summary: 'My profile as an interviewer: unbacked scores, calibration, lean per signal',
    auth: true,
    response: 'InterviewerProfile (libs/domain/src/lib/interviewer-profile.ts)',
  },
  {
    method: 'get',
    path: `${sessionPath}/timeline`,
    summary: 'The events the caller may read, oldest first',
    auth: true,
    response: timelineResponseSchema,
  },
  {
    method: 'get',
    path: `${sessionPath}/audit`,
    summary: 'My audit of a released round: the signals open to it and what I wrote (candidate)',
    auth: true,
    response: sessionAuditResponseSchema,
  },
  {
    method: 'post',
    path: `${sessionPath}/audit`,
    summary: 'Add a decision sentence I had in mind and never said (candidate, after release)',
    auth: true,
    body: createAuditEntryBodySchema,
    status: 201,
    response: auditEntrySchema,
  },
  {
    method: 'delete',
    path: `${sessionPath}/audit/{entryId}`,
    summary: 'Take back one of my audit entries (candidate)',
    auth: true,
    response: auditEntrySchema,
  },
  {
    method: 'get',
    path: '/api/history/audit',
    summary: 'Every audit entry I wrote, and where each became visible',
    auth: true,
    response: auditHistoryResponseSchema,
  },
  {
    method: 'get',
    path: '/api/history/trends',
    summary: 'My scores as a candidate per signal over time',
    auth: true,
    response: trendsResponseSchema,
  },
  {
    method: 'get',
    path: '/api/history/progress',
    summary: 'My progress as a candidate: the trends and the hidden signals round by round',
    auth: true,
    response: progressResponseSchema,
  },
  {
    method: 'post',
    path: '/api/history/progress/shares',
    summary: 'Make a read-only link to my progress; the token is shown once',
    auth: true,
    status: 201,
    response: progressShareSchema,
  },
  {
    method: 'get',
    path: '/api/history/progress/shares',
    summary: 'My progress share links',
    auth: true,
    response: z.array(progressShareSchema),
  },
  {
    method: 'delete',
    path: '/api/history/progress/shares/{shareId}',
    summary: 'Revoke a progress share link: it then answers 410 SHARE_REVOKED',
    auth: true,
    response: progressShareSchema,
  },
  {
    method: 'get',
    path: '/api/progress/{shareToken}',
    summary: 'Progress through a share link: released scores and hidden signals only',
    auth: false,
    response: sharedProgressResponseSchema,
  },
  {
    method: 'get',
    path: '/api/history/next-mock',
    summary: 'My next round, aimed at my weakest released signals, with a prompt new to me',
    auth: true,
    response: nextMockResponseSchema,
  },
  {
    method: 'get',
    path: '/api/history/loop',
    summary: 'Several rounds read as one loop, with travelling red flags',
    auth: true,
    query: { sessionIds: 'comma-separated session ids (1 to 20)' },
    response: 'LoopSummary (libs/domain/src/lib/loop.ts)',
  },
  {
    method: 'post',
    path: '/api/drills/{drillId}/results',
    summary: 'Save what I wrote in a drill; the body is the payload of the drill in the path',
    auth: true,
    body: drillResultBodySchema,
    status: 201,
    response: drillResultSchema,
  },
  {
    method: 'get',
    path: '/api/drills/results',
    summary: 'My drill results, newest first',
    auth: true,
    response: drillResultListSchema,
  },
  {
    method: 'get',
    path: '/api/drills/results/{id}',
    summary: 'One of my drill results',
    auth: true,
    response: drillResultSchema,
  },
];

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
}

const errorContent = { 'application/json': { schema: jsonSchema(errorResponseSchema, 'output') } };

/** The OpenAPI 3.1 document, generated from the protocol's schemas: never written by hand. */
export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    const parameters = [
      ...[...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
        name,
        in: 'path',
        required: true,
        schema: { type: 'string' },
      })),
      ...Object.entries(route.query ?? {}).map(([name, description]) => ({
        name,
        in: 'query',
        description,
        schema: { type: 'string' },
      })),
    ];
    const response =
      typeof route.response === 'string'
        ? { description: route.response }
        : {
            description: 'OK',
            content: { 'application/json': { schema: jsonSchema(route.response, 'output') } },
          };
    (paths[route.path] ??= {})[route.method] = {
      summary: route.summary,
      ...(route.auth ? { security: [{ bearer: [] }] } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(route.body, 'input') } },
            },
          }
        : {}),
      responses: {
        [String(route.status ?? 200)]: response,
        default: { description: 'An error, in the one error shape', content: errorContent },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Signal Room API',
      version: '1.0.0',
      description:
        'REST side of Signal Room. The realtime room protocol (socket.io) is described in docs/socket-protocol.md.',
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
    paths,
  };
}
