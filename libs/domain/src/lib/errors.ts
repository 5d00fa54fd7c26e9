/** Why the domain refused a command. The protocol's error codes include these. */
export const DOMAIN_ERROR_CODES = [
  'FORBIDDEN_ROLE',
  'NOT_AUTHOR',
  'INVALID_STATE',
  'NOT_FOUND',
  'INVALID_PAYLOAD',
] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export interface DomainError {
  code: DomainErrorCode;
  message: string;
}

export type Decision<T> = { ok: true; value: T } | { ok: false; error: DomainError };

export const accept = <T>(value: T): Decision<T> => ({ ok: true, value });
export const refuse = <T = never>(code: DomainErrorCode, message: string): Decision<T> => ({
  ok: false,
  error: { code, message },
});
