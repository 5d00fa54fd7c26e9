import { z } from 'zod';
import { ERROR_CODES, apiError, httpStatusOf, isRetryable, issuesOf } from './errors';

describe('error codes', () => {
  it('include every domain refusal and map each code to an error status', () => {
    expect(ERROR_CODES).toEqual(
      expect.arrayContaining(['FORBIDDEN_ROLE', 'NOT_AUTHOR', 'INVALID_STATE', 'NOT_FOUND']),
    );
    for (const code of ERROR_CODES) {
      expect(httpStatusOf(code)).toBeGreaterThanOrEqual(400);
      expect(httpStatusOf(code)).toBeLessThan(600);
    }
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });

  it.each([
    ['INVALID_PAYLOAD', 400],
    ['UNAUTHENTICATED', 401],
    ['FORBIDDEN_ROLE', 403],
    ['CONSENT_REQUIRED', 403],
    ['SESSION_NOT_FOUND', 404],
    ['INVALID_STATE', 409],
    ['SHARE_REVOKED', 410],
    ['PAYLOAD_TOO_LARGE', 413],
    ['RECORDING_LIMIT_REACHED', 413],
    ['UNSUPPORTED_MEDIA_TYPE', 415],
    ['RATE_LIMITED', 429],
    ['UNAVAILABLE', 503],
  ] as const)('%s is HTTP %i', (code, status) => {
    expect(httpStatusOf(code)).toBe(status);
  });

  it('marks only transient failures as retryable', () => {
    expect(ERROR_CODES.filter(isRetryable)).toEqual(['RATE_LIMITED', 'UNAVAILABLE']);
    expect(apiError('UNAVAILABLE', 'down')).toEqual({
      code: 'UNAVAILABLE',
      message: 'down',
      retryable: true,
    });
  });

  it('lists which fields failed, by path', () => {
    const result = z.object({ a: z.object({ b: z.number() }) }).safeParse({ a: { b: 'x' } });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(issuesOf(result.error)).toEqual([{ path: 'a.b', message: expect.any(String) }]);
    }
  });
});
