import type { FunctionUrlEvent } from '../../adapters/http/function-url.js';

/** A function URL event as Lambda delivers it (payload format 2.0), optionally IAM-authenticated. */
export function urlEvent(over: {
  method?: string;
  path?: string;
  query?: string;
  headers?: Record<string, string>;
  body?: string;
  base64?: boolean;
  userArn?: string;
}): FunctionUrlEvent {
  const method = over.method ?? 'GET';
  const path = over.path ?? '/';
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: over.query ?? '',
    headers: { host: 'abc.lambda-url.eu-west-1.on.aws', ...over.headers },
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc',
      domainName: 'abc.lambda-url.eu-west-1.on.aws',
      domainPrefix: 'abc',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '198.51.100.7', userAgent: 'test' },
      requestId: 'r-1',
      routeKey: '$default',
      stage: '$default',
      time: '24/Nov/2026:03:00:00 +0000',
      timeEpoch: 1795489200000,
      ...(over.userArn
        ? { authorizer: { iam: { userArn: over.userArn, accountId: '123456789012', callerId: 'AROA:x' } } }
        : {}),
    },
    body: over.body,
    isBase64Encoded: over.base64 ?? false,
  };
}
