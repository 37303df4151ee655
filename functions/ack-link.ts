import { ackLinkRoutes } from '../adapters/http/ack-link-routes.js';
import type { HttpRoutes } from '../adapters/http/routes.js';
import { IncidentStore } from '../adapters/incident-store.js';
import { PageStore } from '../adapters/page-store.js';
import { secretLoader } from '../adapters/secrets.js';
import { makeRouteHandler } from './lib/http-handler.js';
import { readWorkflowConfig } from './lib/workflow-config.js';

let routes: HttpRoutes | undefined;

/**
 * Acknowledge links from SNS pages (`GET|POST /ack`), for people without Slack or AWS credentials: the
 * signed, expiring, single-use token is the authentication, so the URL itself needs none.
 */
export const handler = makeRouteHandler(
  () => {
    if (routes) return routes;
    const config = readWorkflowConfig();
    const store = new IncidentStore({ tableName: config.tableName, endpoint: config.dynamoEndpoint });
    routes = ackLinkRoutes({
      store,
      pages: new PageStore(store.client, store.tableName),
      key: secretLoader(config.ackLinkKey, 'ACK_LINK_KEY'),
      now: () => new Date(),
    });
    return routes;
  },
  { requireCaller: false },
);
