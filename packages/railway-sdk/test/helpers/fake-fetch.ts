/**
 * An injectable `fetch` that answers from a handler, for unit tests of the client's own rules
 * (classification, retries, batching). Integration tests use the simulator over real HTTP.
 */
export interface SeenRequest {
  url: string;
  headers: Headers;
  query: string;
  operationName: string;
  variables: Record<string, unknown>;
}

export type Handler = (request: SeenRequest, index: number) => Response | Promise<Response>;

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

export function fakeFetch(handler: Handler) {
  const seen: SeenRequest[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const body = JSON.parse(String(init?.body)) as Omit<SeenRequest, 'url' | 'headers'>;
    const request = { ...body, url: String(input), headers: new Headers(init?.headers) };
    seen.push(request);
    init?.signal?.throwIfAborted();
    return handler(request, seen.length - 1);
  };
  return { fetch: fetch as typeof globalThis.fetch, seen };
}
