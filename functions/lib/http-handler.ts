import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { type FunctionUrlEvent, fromFunctionUrl, toFunctionUrl } from '../../adapters/http/function-url.js';
import { dispatch, type HttpRoutes } from '../../adapters/http/routes.js';
import { logger, metrics } from './telemetry.js';

/** Options of a function URL that serves a route table. */
export interface RouteHandlerOptions {
  /** Refuse requests without an IAM caller (a URL with `AWS_IAM` auth always has one; this is the second lock). */
  requireCaller: boolean;
}

/**
 * A Lambda handler serving a route table behind a function URL: the same routes the local runtime serves,
 * internal errors logged by name only (requests can carry personal data), never the event.
 */
export function makeRouteHandler(routes: () => HttpRoutes, options: RouteHandlerOptions) {
  return middy(async (event: FunctionUrlEvent): Promise<APIGatewayProxyStructuredResultV2> => {
    const request = fromFunctionUrl(event);
    if (options.requireCaller && !request.caller)
      return toFunctionUrl({ status: 403, body: { error: 'an IAM-authenticated caller is required' } });
    const response = await dispatch(routes(), request, (error) =>
      logger.error('route failed', { route: `${request.method} ${request.path}`, error: (error as Error).name }),
    );
    logger.info('http', { method: request.method, path: request.path, status: response.status });
    return toFunctionUrl(response);
  })
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics));
}
