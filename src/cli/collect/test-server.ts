import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP server on 127.0.0.1 (random port) that answers `collect`'s calls with recorded responses, so
 * the real HTTP code is tested without Azure. A route is `METHOD path?query` (the query as sent), or for
 * Resource Graph `POST /providers/Microsoft.ResourceGraph/resources#<first KQL table>#<$skipToken or ''>`. A
 * route with a list of responses answers them in turn and repeats the last (a 429, then the page). `{base}` in
 * a body is the server's own URL, for `nextLink`s.
 */

export interface RecordedResponse {
  status: number;
  headers?: Record<string, string>;
  /** A JSON value, or raw text (a truncated body). */
  body?: unknown;
  raw?: string;
}

export type RecordedRoutes = Map<string, RecordedResponse | RecordedResponse[]>;

export interface ServedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface RecordedServer {
  base: string;
  requests: ServedRequest[];
  /** Bytes of the bodies served, and the time spent serving them (for the bench's floor). */
  servedBytes: number;
  close(): Promise<void>;
}

const NOT_FOUND = { error: { code: 'ResourceNotFound', message: 'The resource was not found (recorded server has no such route).' } };

/** The route key of a request, as the recorded tenants spell it. */
export function routeKey(method: string, url: string, body: string): string {
  if (method === 'POST' && url.startsWith('/providers/Microsoft.ResourceGraph/resources')) {
    const request = JSON.parse(body || '{}') as { query?: string; options?: { $skipToken?: string } };
    const table = /^\s*(\w+)/m.exec((request.query ?? '').replace(/^\/\/.*$/gm, ''))?.[1] ?? '';
    return `POST /providers/Microsoft.ResourceGraph/resources#${table}#${request.options?.$skipToken ?? ''}`;
  }
  return `${method} ${normalise(url)}`;
}

/** A path and query as the WHATWG URL parser spells them (what `fetch` sends), so keys and requests compare. */
function normalise(pathAndQuery: string): string {
  const url = new URL(pathAndQuery, 'http://recorded.invalid');
  return `${url.pathname}${url.search}`;
}

/** A route key in the spelling {@link routeKey} gives requests. */
function normaliseKey(key: string): string {
  const [method, rest = ''] = key.split(' ', 2) as [string, string?];
  return rest.includes('#') ? key : `${method} ${normalise(rest)}`;
}

/** Starts the server; `close()` stops it. */
export async function startRecordedServer(routes: RecordedRoutes): Promise<RecordedServer> {
  const queues = new Map([...routes].map(([key, value]) => [normaliseKey(key), Array.isArray(value) ? [...value] : [value]]));
  const state: RecordedServer = { base: '', requests: [], servedBytes: 0, close: async () => undefined };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = request.url ?? '/';
      state.requests.push({ method: request.method ?? 'GET', url, headers: request.headers, body });
      const queue = queues.get(routeKey(request.method ?? 'GET', url, body));
      const answer: RecordedResponse = queue ? (queue.length > 1 ? (queue.shift() as RecordedResponse) : (queue[0] as RecordedResponse)) : { status: 404, body: NOT_FOUND };
      const text = (answer.raw ?? JSON.stringify(answer.body ?? null)).split('{base}').join(state.base);
      state.servedBytes += text.length;
      response.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...(answer.headers ?? {}) });
      response.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}
