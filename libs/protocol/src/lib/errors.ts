import { DOMAIN_ERROR_CODES } from '@signal-room/domain';
import { z } from 'zod';

/** Every error a client can receive, over HTTP or in a socket ack. One list, used on both ends. */
export const ERROR_CODES = [
  ...DOMAIN_ERROR_CODES,
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'EMAIL_TAKEN',
  'SESSION_NOT_FOUND',
  'NOT_A_PARTICIPANT',
  'INVITE_INVALID',
  'ROOM_FULL',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'FEEDBACK_NOT_READY',
  'DRILL_RESULT_NOT_FOUND',
  'SHARE_REVOKED',
  'CONSENT_REQUIRED',
  'RECORDING_LIMIT_REACHED',
  'UNAVAILABLE',
  'INTERNAL',
] as const;
export const errorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const apiErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  /** Which fields failed validation, for INVALID_PAYLOAD. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  /** UNAVAILABLE and RATE_LIMITED are worth retrying; the rest are not. */
  retryable: z.boolean(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

/** A socket ack that refuses: the same error shape as over HTTP. */
export const failedAckSchema = z.object({ ok: z.literal(false), error: apiErrorSchema });

/** The one JSON shape of every HTTP error response. */
export const errorResponseSchema = z.object({ error: apiErrorSchema });
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

/** The HTTP status of each code. Exhaustive: a new code does not compile until it is mapped. */
export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case 'INVALID_PAYLOAD':
      return 400;
    case 'UNAUTHENTICATED':
    case 'INVALID_CREDENTIALS':
      return 401;
    case 'FORBIDDEN_ROLE':
    case 'NOT_AUTHOR':
    case 'NOT_A_PARTICIPANT':
    case 'CONSENT_REQUIRED':
      return 403;
    case 'NOT_FOUND':
    case 'SESSION_NOT_FOUND':
    case 'FEEDBACK_NOT_READY':
    case 'DRILL_RESULT_NOT_FOUND':
      return 404;
    case 'INVALID_STATE':
    case 'EMAIL_TAKEN':
    case 'ROOM_FULL':
      return 409;
    case 'INVITE_INVALID':
    case 'SHARE_REVOKED':
      return 410;
    case 'PAYLOAD_TOO_LARGE':
    case 'RECORDING_LIMIT_REACHED':
      return 413;
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 415;
    case 'RATE_LIMITED':
      return 429;
    case 'UNAVAILABLE':
      return 503;
    case 'INTERNAL':
      return 500;
  }
}

export const isRetryable = (code: ErrorCode): boolean =>
  code === 'UNAVAILABLE' || code === 'RATE_LIMITED';

export const apiError = (
  code: ErrorCode,
  message: string,
  issues?: ApiError['issues'],
): ApiError => ({ code, message, retryable: isRetryable(code), ...(issues ? { issues } : {}) });

/** Turns a failed parse into the issue list of an INVALID_PAYLOAD error. */
export const issuesOf = (error: z.ZodError): NonNullable<ApiError['issues']> =>
  error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
