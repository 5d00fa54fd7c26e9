import type { ApiError } from '@signal-room/protocol';
import { ApiRequestError } from '../api/client';

/** A failed request or refused command, said plainly, with the fields at fault if known. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const known = error instanceof ApiRequestError ? error : null;
  const apiError = !known && isApiError(error) ? error : null;
  const message = known?.message ?? apiError?.message ?? 'Something went wrong.';
  const issues = known?.issues ?? apiError?.issues ?? [];
  const retryable = known?.retryable ?? apiError?.retryable ?? false;
  return (
    <div className="notice notice--error" role="alert">
      <p>{message}</p>
      {issues.length > 0 && (
        <ul>
          {issues.map((issue) => (
            <li key={issue.path}>
              <strong>{issue.path}</strong>: {issue.message}
            </li>
          ))}
        </ul>
      )}
      {retryable && onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

function isApiError(value: unknown): value is ApiError {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value;
}
