import { jest } from '@jest/globals';

export interface StubRequest {
  method: string;
  url: string;
  /** The JSON body, parsed; undefined when none was sent. */
  body: unknown;
}

export interface StubReply {
  status?: number;
  body: unknown;
}

type Route = (request: StubRequest) => StubReply | Promise<StubReply> | undefined;

const realFetch = globalThis.fetch;

/**
 * Replaces `fetch`, the network edge, with answers from `route`: everything above it (the API
 * client, its schemas, its errors) runs for real. A request no route answers fails loudly.
 */
export function stubFetch(route: Route) {
  const fetchMock = jest.fn<typeof fetch>(async (input, init) => {
    const request: StubRequest = {
      method: init?.method ?? 'GET',
      url: String(input),
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    const reply = await route(request);
    if (!reply) throw new Error(`No stubbed answer for ${request.method} ${request.url}`);
    const status = reply.status ?? 200;
    return {
      ok: status >= 200 && status < 300,
      status,
      json: async () => reply.body,
    } as Response;
  });
  globalThis.fetch = fetchMock;
  return fetchMock;
}

export function restoreFetch(): void {
  globalThis.fetch = realFetch;
}

/** The requests `fetchMock` received, as the route saw them. */
export function requestsTo(fetchMock: ReturnType<typeof stubFetch>, method: string, url: string) {
  return fetchMock.mock.calls
    .filter(([input, init]) => String(input) === url && (init?.method ?? 'GET') === method)
    .map(([, init]) =>
      typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
    );
}

/** A reply held back until `release` is called, to see what the page shows meanwhile. */
export function heldReply(reply: StubReply) {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { release, reply: gate.then(() => reply) };
}
