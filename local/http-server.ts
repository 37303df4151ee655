import { createServer, type IncomingMessage, type Server } from 'node:http';
import { dispatch, encodeBody, type HttpResponse, type HttpRoutes } from '../adapters/http/routes.js';

/** Largest request body accepted (a CloudWatch Logs subscription payload is at most 1 MB compressed). */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** A request's body, refused with a `RangeError` past `maxBytes`. */
export async function readBody(req: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new RangeError(`request body over ${maxBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * A small HTTP server for the local runtime over the same route tables the Lambda function URLs serve:
 * JSON answers, clear 4xx errors. Listens on loopback only: the local runtime is for one machine.
 */
export async function serveHttp(routes: HttpRoutes, port: number, host = '127.0.0.1'): Promise<Server> {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    let response: HttpResponse;
    try {
      const body = await readBody(req);
      const request = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
      };
      response = await dispatch(routes, { ...request, body });
    } catch (error) {
      response = { status: 400, body: { error: (error as Error).message } };
    }
    const { payload, json } = encodeBody(response);
    res.writeHead(response.status, { ...(json ? { 'content-type': 'application/json' } : {}), ...response.headers });
    res.end(payload);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return server;
}
