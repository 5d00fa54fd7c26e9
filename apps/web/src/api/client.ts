import type { CatalogResponse, ErrorCode } from '@signal-room/protocol';
import { catalogResponseSchema, errorResponseSchema } from '@signal-room/protocol';

interface RequestErrorDetails {
  /** HTTP status, or null when no valid answer arrived. */
  status: number | null;
  /** The server's error code, when it answered in the protocol's error shape. */
  code: ErrorCode | null;
  retryable: boolean;
}

/** A request that did not yield a valid body, with as much as is known about why. */
export class ApiRequestError extends Error {
  readonly status: number | null;
  readonly code: ErrorCode | null;
  readonly retryable: boolean;

  constructor(message: string, details: RequestErrorDetails) {
    super(message);
    this.name = 'ApiRequestError';
    this.status = details.status;
    this.code = details.code;
    this.retryable = details.retryable;
  }
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

async function getJson(path: string, signal?: AbortSignal): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { Accept: 'application/json' }, signal });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiRequestError('The server could not be reached.', {
      status: null,
      code: null,
      retryable: true,
    });
  }
  const body = await readJson(response);
  if (response.ok) return body;

  const parsed = errorResponseSchema.safeParse(body);
  if (parsed.success) {
    const { code, message, retryable } = parsed.data.error;
    throw new ApiRequestError(message, { status: response.status, code, retryable });
  }
  // A proxy in front of the API (or the dev server with the API down) answers without our shape.
  throw new ApiRequestError(`The server answered with status ${response.status}.`, {
    status: response.status,
    code: null,
    retryable: response.status >= 500,
  });
}

export async function getCatalog(signal?: AbortSignal): Promise<CatalogResponse> {
  const body = await getJson('/api/catalog', signal);
  try {
    return catalogResponseSchema.parse(body);
  } catch {
    throw new ApiRequestError(
      'The catalogue from the server is not in the shape this page expects.',
      {
        status: null,
        code: null,
        retryable: false,
      },
    );
  }
}
