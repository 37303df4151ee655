import { IllegalTransitionError } from '../../incidents/errors.js';
import { redeemAckToken, verifyAckToken } from '../ack-link.js';
import { AckLinkError } from '../delivery-errors.js';
import { NotFoundError } from '../errors.js';
import type { IncidentStore } from '../incident-store.js';
import type { PageStore } from '../page-store.js';
import type { HttpResponse, HttpRoutes } from './routes.js';

const page = (status: number, title: string, body: string): HttpResponse => ({
  status,
  headers: {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
  },
  body: `<!doctype html><html lang="en"><meta charset="utf-8"><title>${title}</title><body><h1>${title}</h1>${body}</body></html>`,
});
const html = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * `GET /ack?token=…` shows what the link acknowledges and a button; `POST /ack` (form `token=…`) does it.
 * Opening the link changes nothing by itself: mail scanners fetch links in e-mails, and must not acknowledge.
 */
export function ackLinkRoutes(deps: {
  store: IncidentStore;
  pages: PageStore;
  key: () => Promise<string>;
  now: () => Date;
}): HttpRoutes {
  return {
    'GET /ack': async (req) => {
      const token = req.query.get('token') ?? '';
      try {
        const claims = verifyAckToken(await deps.key(), token, deps.now());
        const id = html(claims.incidentId);
        return page(
          200,
          `Acknowledge ${id}`,
          `<p>Acknowledge incident ${id}? The link works once, until ${new Date(claims.expiresAt * 1000).toISOString()}.</p>` +
            `<form method="post" action="/ack"><input type="hidden" name="token" value="${html(token)}"><button type="submit">Acknowledge</button></form>`,
        );
      } catch (error) {
        if (error instanceof AckLinkError) return page(400, 'Link not valid', `<p>${html(error.message)}</p>`);
        throw error;
      }
    },
    'POST /ack': async (req) => {
      const token = new URLSearchParams(req.body.toString('utf8')).get('token') ?? '';
      try {
        const outcome = await redeemAckToken(token, {
          store: deps.store,
          markOnce: (k, e) => deps.pages.markOnce(k, e),
          key: await deps.key(),
          now: deps.now(),
        });
        const id = html(outcome.incidentId);
        return outcome.changed
          ? page(200, `Acknowledged ${id}`, `<p>Incident ${id} is acknowledged.</p>`)
          : page(200, `${id} already ${html(outcome.status)}`, '<p>Nothing changed.</p>');
      } catch (error) {
        if (error instanceof AckLinkError) return page(400, 'Link not valid', `<p>${html(error.message)}</p>`);
        if (error instanceof IllegalTransitionError || error instanceof NotFoundError)
          return page(409, 'Nothing changed', `<p>${html(error.message)}</p>`);
        throw error;
      }
    },
  };
}
