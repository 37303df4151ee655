import type { IncomingHttpHeaders } from 'node:http';
import { BreachwatchError } from '../../events/errors.js';

/** A request as a route handler sees it, whether it came through the local server or a Lambda function URL. */
export interface HttpRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Lower-case names, as Node and function URLs deliver them. */
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Who the platform authenticated (a function URL with IAM auth); never set from anything the client sent. */
  caller?: string;
}

/** What a route answers. `body` objects are sent as JSON; strings and buffers as they are. */
export interface HttpResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** One endpoint: `METHOD /path` (exact match) or a path prefix ending in `*`. */
export type HttpRoutes = Record<string, (req: HttpRequest) => Promise<HttpResponse> | HttpResponse>;

function findRoute(routes: HttpRoutes, method: string, path: string) {
  const exact = routes[`${method} ${path}`];
  if (exact) return exact;
  const prefix = Object.keys(routes).find((k) => k.endsWith('*') && `${method} ${path}`.startsWith(k.slice(0, -1)));
  return prefix ? routes[prefix] : undefined;
}

/**
 * Runs the route for a request: 404 when none matches, 400 with the message for bad input (our errors,
 * unparsable JSON, oversize bodies), 500 without details for anything else, so internals never leak.
 */
export async function dispatch(
  routes: HttpRoutes,
  req: HttpRequest,
  onInternalError: (error: unknown) => void = () => {},
): Promise<HttpResponse> {
  const handler = findRoute(routes, req.method, req.path);
  if (!handler) return { status: 404, body: { error: `no endpoint ${req.method} ${req.path}` } };
  try {
    return await handler(req);
  } catch (error) {
    const status =
      error instanceof BreachwatchError || error instanceof SyntaxError || error instanceof RangeError ? 400 : 500;
    if (status === 500) onInternalError(error);
    return { status, body: { error: status === 500 ? 'internal error' : (error as Error).message } };
  }
}

/** The serialised body and its content type: JSON for objects, as-is for strings and buffers. */
export function encodeBody(response: HttpResponse): { payload: string | Buffer | undefined; json: boolean } {
  const body = response.body;
  if (body === undefined || typeof body === 'string' || Buffer.isBuffer(body))
    return { payload: body as string | Buffer | undefined, json: false };
  return { payload: JSON.stringify(body, null, 2), json: true };
}

/**
 * A request's JSON body, or the answer refusing it: 415 unless `application/json` (a cross-site form cannot
 * send that type, so state-changing routes are safe from form posts), 400 when it does not parse.
 */
export function jsonBody(req: HttpRequest): { value: unknown } | { refused: HttpResponse } {
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]
    ?.trim()
    .toLowerCase();
  if (type !== 'application/json')
    return { refused: { status: 415, body: { error: 'content-type: expected application/json' } } };
  try {
    return { value: JSON.parse(req.body.toString('utf8')) };
  } catch {
    return { refused: { status: 400, body: { error: 'body: not valid JSON' } } };
  }
}
