import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { encodeBody, type HttpRequest, type HttpResponse } from './routes.js';

/** The IAM identity a function URL with `AWS_IAM` auth puts in the request context. */
interface IamAuthorizer {
  iam?: { userArn?: string; callerId?: string; accountId?: string };
}

/** A function URL event: the v2 payload, plus the authorizer context when the URL requires IAM. */
export type FunctionUrlEvent = APIGatewayProxyEventV2 & {
  requestContext: APIGatewayProxyEventV2['requestContext'] & { authorizer?: IamAuthorizer };
};

/**
 * The person behind an IAM-signed request, as the timeline records it: `iam:ROLE/SESSION` for an assumed
 * role (SSO users are `AWSReservedSSO_…/jane@example.com`), `iam:user/NAME` for an IAM user, else the ARN.
 */
export function iamCaller(event: FunctionUrlEvent): string | undefined {
  const arn = event.requestContext.authorizer?.iam?.userArn;
  if (!arn) return undefined;
  const role = /:assumed-role\/(.+)$/.exec(arn);
  if (role) return `iam:${role[1]}`;
  const user = /:user\/(?:.*\/)?([^/]+)$/.exec(arn);
  return user ? `iam:user/${user[1]}` : `iam:${arn}`;
}

/** A function URL event as the route tables see it; `caller` only from the authorizer context. */
export function fromFunctionUrl(event: FunctionUrlEvent): HttpRequest {
  const raw = event.body ?? '';
  const headers: HttpRequest['headers'] = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) headers[name.toLowerCase()] = value;
  if (event.cookies?.length) headers.cookie = event.cookies.join('; ');
  return {
    method: event.requestContext.http.method,
    path: event.rawPath || '/',
    query: new URLSearchParams(event.rawQueryString ?? ''),
    headers,
    body: Buffer.from(raw, event.isBase64Encoded ? 'base64' : 'utf8'),
    caller: iamCaller(event),
  };
}

/** A route's answer as a function URL result: JSON for objects, base64 for binary bodies (PDF exports). */
export function toFunctionUrl(response: HttpResponse): APIGatewayProxyStructuredResultV2 {
  const { payload, json } = encodeBody(response);
  const headers = { ...(json ? { 'content-type': 'application/json' } : {}), ...response.headers };
  if (Buffer.isBuffer(payload))
    return { statusCode: response.status, headers, body: payload.toString('base64'), isBase64Encoded: true };
  return { statusCode: response.status, headers, body: payload ?? '' };
}
