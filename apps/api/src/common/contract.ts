import { SetMetadata } from '@nestjs/common';
import type { z } from 'zod';

/** Where a handler's contract is kept, for the API document to read. */
export const CONTRACT_METADATA = 'signal-room:contract';

/** What a route answers on success, by media type; no content at all for a 204. */
export interface RouteContract {
  summary: string;
  content: Readonly<Record<string, z.ZodType>>;
  /** The request body, for a handler that parses its body itself rather than in a ZodPipe. */
  body?: z.ZodType;
  /** The media type of a body that is not JSON, read as bytes (a recording's chunk). */
  rawBody?: string;
}

type Handler<R> = (...args: never[]) => R | Promise<R>;

/**
 * A route answering JSON in one protocol schema. The handler must return what the schema
 * accepts, so the document and the answer cannot part without the compiler noticing.
 */
export function Responds<S extends z.ZodType>(
  schema: S,
  summary: string,
  options: { body?: z.ZodType; rawBody?: string } = {},
) {
  const contract: RouteContract = {
    summary,
    content: { 'application/json': schema },
    ...options,
  };
  return <H extends Handler<z.input<S>>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<H>,
  ): void => {
    SetMetadata(CONTRACT_METADATA, contract)(target, key, descriptor);
  };
}

/**
 * A route answering in other media types (a file, Prometheus text, a page), written to the
 * response by the handler itself; with no content, one that answers 204.
 */
export const RespondsWith = (
  content: Readonly<Record<string, z.ZodType>>,
  summary: string,
): MethodDecorator => SetMetadata(CONTRACT_METADATA, { summary, content } satisfies RouteContract);
