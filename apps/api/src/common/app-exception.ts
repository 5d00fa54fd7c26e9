import type { ApiError, ErrorCode } from '@signal-room/protocol';
import { apiError } from '@signal-room/protocol';

/** An error the client is meant to read: a code from the protocol and a sentence for people. */
export class AppException extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: ApiError['issues'],
    /** When a retryable refusal may be tried again; HTTP sends it as `Retry-After`. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  toApiError(): ApiError {
    return apiError(this.code, this.message, this.issues);
  }
}
