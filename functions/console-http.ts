import { authenticatedActor, consoleEndpoints } from '../adapters/console/index.js';
import type { HttpRoutes } from '../adapters/http/routes.js';
import { IncidentStore } from '../adapters/incident-store.js';
import { readConfig } from './lib/config.js';
import { makeRouteHandler } from './lib/http-handler.js';
import { readNotificationConfig } from './lib/notification-config.js';

let routes: HttpRoutes | undefined;
const storeOptions = (c: ReturnType<typeof readConfig>) => ({ tableName: c.tableName, endpoint: c.dynamoEndpoint });

/**
 * The breach console and its exports (`/console`, `/console/api/…`) behind a function URL with IAM auth:
 * the viewer recorded on every transition is the IAM caller, never a header the client chose.
 */
export const handler = makeRouteHandler(
  () => {
    routes ??= consoleEndpoints({
      store: new IncidentStore(storeOptions(readConfig())),
      actor: authenticatedActor,
      notifications: () => readNotificationConfig(),
    });
    return routes;
  },
  { requireCaller: true },
);
