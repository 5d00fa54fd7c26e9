import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import { Catch, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { ApiError, ErrorResponse } from '@signal-room/protocol';
import { apiError, httpStatusOf } from '@signal-room/protocol';
import type { Response } from 'express';
import { AppException } from './app-exception';
import { isTransient } from './transient';
import { MetricsService } from '../observability/metrics.service';

/** Nest's own HTTP errors (no route, body too large, malformed JSON) in our codes. */
function fromHttpException(exception: HttpException): ApiError {
  switch (exception.getStatus()) {
    case HttpStatus.NOT_FOUND:
      return apiError('NOT_FOUND', 'No such endpoint.');
    case HttpStatus.PAYLOAD_TOO_LARGE:
      return apiError('PAYLOAD_TOO_LARGE', 'The request body is too large.');
    case HttpStatus.BAD_REQUEST:
      return apiError('INVALID_PAYLOAD', 'The request body is not valid JSON.');
    case HttpStatus.UNAUTHORIZED:
      return apiError('UNAUTHENTICATED', 'Sign in first.');
    default:
      return apiError('INTERNAL', exception.message);
  }
}

/** Every HTTP error leaves in one JSON shape, `{ error: { code, message, retryable } }`. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  constructor(private readonly metrics: MetricsService) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    let error: ApiError;
    if (exception instanceof AppException) {
      error = exception.toApiError();
      if (exception.retryAfterSeconds !== undefined) {
        response.setHeader('Retry-After', String(exception.retryAfterSeconds));
      }
    } else if (exception instanceof HttpException) {
      error = fromHttpException(exception);
    } else if (isTransient(exception)) {
      error = apiError('UNAVAILABLE', 'The database is unavailable; retry in a moment.');
    } else if ((exception as { type?: string }).type === 'entity.too.large') {
      error = apiError('PAYLOAD_TOO_LARGE', 'The request body is too large.');
    } else {
      this.logger.error(
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
      );
      error = apiError('INTERNAL', 'Something went wrong on our side; nothing was changed.');
    }
    this.metrics.errorAnswered(error.code, 'http');
    const body: ErrorResponse = { error };
    response.status(httpStatusOf(error.code)).json(body);
  }
}
