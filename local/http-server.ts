import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { BreachwatchError } from '../events/errors.js';

/** A request as a route handler sees it: method, path, query and the raw body. */
export interface HttpRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/** What a route answers. `body` objects are sent as JSON. */
export interface HttpResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** One endpoint: `METHOD /path` (exact match) or a path prefix ending in `*`. */
export type HttpRoutes = Record<string, (req: HttpRequest) => Promise<HttpResponse> | HttpResponse>;

/** Largest request body accepted (a CloudWatch Logs subscription payload is at most 1 MB compressed). */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new RangeError(`request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function find(routes: HttpRoutes, method: string, path: string) {
  const exact = routes[`${method} ${path}`];
  if (exact) return exact;
  const prefix = Object.keys(routes).find((k) => k.endsWith('*') && `${method} ${path}`.startsWith(k.slice(0, -1)));
  return prefix ? routes[prefix] : undefined;
}

function send(res: ServerResponse, response: HttpResponse): void {
  const isJson = response.body !== undefined && !(typeof response.body === 'string' || Buffer.isBuffer(response.body));
  const payload = isJson ? JSON.stringify(response.body, null, 2) : (response.body as string | Buffer | undefined);
  res.writeHead(response.status, { ...(isJson ? { 'content-type': 'application/json' } : {}), ...response.headers });
  res.end(payload);
}

/**
 * A small HTTP server for the local runtime: a route table, JSON answers, clear 4xx errors. Listens on
 * loopback only: the local runtime is for one machine.
 */
export async function serveHttp(routes: HttpRoutes, port: number, host = '127.0.0.1'): Promise<Server> {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    const handler = find(routes, req.method ?? 'GET', url.pathname);
    if (!handler) return send(res, { status: 404, body: { error: `no endpoint ${req.method} ${url.pathname}` } });
    try {
      const body = await readBody(req);
      send(
        res,
        await handler({
          method: req.method ?? 'GET',
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          body,
        }),
      );
    } catch (error) {
      const status =
        error instanceof BreachwatchError || error instanceof SyntaxError || error instanceof RangeError ? 400 : 500;
      send(res, { status, body: { error: status === 500 ? 'internal error' : (error as Error).message } });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return server;
}
