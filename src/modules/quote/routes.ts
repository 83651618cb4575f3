import Type from 'typebox';
import { problems } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/server.js';
import { Quote, QuoteRequest } from './schemas.js';
import type { QuoteService } from './service.js';

export function quoteRoutes(app: App, quotes: QuoteService): void {
  app.post(
    '/api/store/markets/:market/quote',
    {
      schema: {
        tags: ['store'],
        summary: 'What items cost delivered to an address: prices now, shipping and tax',
        description:
          'Nothing is stored or reserved. In an inclusive market (EU, UK, JP, ...) the tax is contained ' +
          'in the prices; in an exclusive one (US, CA) it is added. Problems name the field, e.g. ' +
          'shippingAddress.postalCode or lines.0.sku.',
        params: Type.Object({ market: Type.String({ pattern: '^[A-Za-z0-9]{2,8}$' }) }),
        body: QuoteRequest,
        response: { 200: Quote, ...problems(400, 404) },
      },
    },
    async (request) => quotes.quote(request.params.market, request.body),
  );
}
