import Type from 'typebox';
import { problems } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/server.js';
import { CONSENT_TEXT } from './consent.js';
import type { NotifyService } from './service.js';

export function notifyRoutes(app: App, notify: NotifyService): void {
  app.post(
    '/api/store/markets/:market/products/:slug/notify',
    {
      schema: {
        tags: ['store'],
        summary: 'Ask to be emailed once when the product can be bought in the market',
        description: `The consent given: "${CONSENT_TEXT}"`,
        params: Type.Object({ market: Type.String({ maxLength: 8 }), slug: Type.String({ maxLength: 100 }) }),
        body: Type.Object(
          {
            email: Type.String({ format: 'email', maxLength: 254 }),
            consent: Type.Boolean({ description: 'true: the visitor agreed to the consent text' }),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ subscribed: Type.Boolean(), consent: Type.String() }),
          ...problems(400, 404, 409),
        },
      },
    },
    async (request, reply) => {
      await notify.request(request.params.market, request.params.slug, request.body);
      return reply.status(201).send({ subscribed: true, consent: CONSENT_TEXT });
    },
  );

  app.post(
    '/api/store/notify/unsubscribe',
    {
      schema: {
        tags: ['store'],
        summary: 'Withdraw a notify-me request, by the token in its email',
        body: Type.Object({ token: Type.String({ minLength: 10, maxLength: 100 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ unsubscribed: Type.Boolean() }), ...problems(404) },
      },
    },
    async (request) => {
      await notify.unsubscribe(request.body.token);
      return { unsubscribed: true };
    },
  );

  app.get(
    '/api/admin/notify/demand',
    {
      schema: {
        tags: ['readiness'],
        summary: 'Notify-me requests per product and market: waiting and notified (the demand signal)',
        response: {
          200: Type.Object({
            demand: Type.Array(
              Type.Object({
                product: Type.Object({ id: Type.String(), slug: Type.String(), name: Type.String() }),
                market: Type.String(),
                waiting: Type.Integer(),
                notified: Type.Integer(),
              }),
            ),
          }),
        },
      },
      config: { permission: 'readiness:read' },
    },
    async () => ({ demand: await notify.demand() }),
  );
}
