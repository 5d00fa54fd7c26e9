import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';

const TRANSIENT_CODES = ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'];

/** A database failure worth retrying: connection lost, server restarting or out of resources. */
export function isTransient(error: unknown): boolean {
  // TypeORM releases a transaction's query runner when its connection drops (the server was
  // stopped or restarted); the transaction's next query then fails with one of these (which one
  // depends on whether it goes through the runner or the manager), not with a pg error.
  if (
    error instanceof QueryRunnerAlreadyReleasedError ||
    error instanceof QueryRunnerProviderAlreadyReleasedError
  ) {
    return true;
  }
  const { code, driverError, message } = (error ?? {}) as {
    code?: string;
    message?: string;
    driverError?: { code?: string };
  };
  const found = driverError?.code ?? code ?? '';
  // SQLSTATE classes 08 (connection), 53 (resources) and 57P (server shutting down).
  if (/^(08|53|57P)/.test(found) || TRANSIENT_CODES.includes(found)) return true;
  // The last: pg-pool gave up waiting for a free connection (every one busy for connectTimeoutMS).
  return /Connection terminated|connection (is )?closed|not queryable|timeout exceeded when trying to connect/i.test(
    message ?? '',
  );
}
