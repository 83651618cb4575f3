import Type from 'typebox';
import { problems } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/server.js';
import { PriceFilter, PriceInput, PriceKey, PriceParams, PriceRecord } from './schemas.js';
import type { PricingService } from './service.js';

// Staff API for prices. Prices are a market's commercial decision, like its assortment, so they
// need markets:write; reading them needs markets:read.

const tags = ['pricing'];

export function pricingRoutes(app: App, pricing: PricingService): void {
  app.get(
    '/api/admin/prices',
    {
      schema: {
        tags,
        summary: 'List prices, of one market or one SKU or all, each saying whether it is in force now',
        querystring: PriceFilter,
        response: { 200: Type.Object({ prices: Type.Array(PriceRecord) }), ...problems(400) },
      },
      config: { permission: 'markets:read' },
    },
    async (request) => ({ prices: await pricing.list(request.query) }),
  );

  app.put(
    '/api/admin/markets/:market/prices/:sku',
    {
      schema: {
        tags,
        summary: "Set a variant's price in a market: the base price, or a dated one (validFrom)",
        description:
          'The amount is decimal text in the market\'s currency ("19.99", "4480" for JPY). ' +
          'More decimals than the currency has are refused (400 naming amount), as is a currency ' +
          "other than the market's. Setting the price with the same validFrom again replaces it.",
        params: PriceParams,
        body: PriceInput,
        response: { 200: PriceRecord, ...problems(400, 404, 409) },
      },
      config: { permission: 'markets:write' },
    },
    async (request) => pricing.set(request.params.market, request.params.sku, request.body),
  );

  app.delete(
    '/api/admin/markets/:market/prices/:sku',
    {
      schema: {
        tags,
        summary: 'Delete the base price (no query) or the dated price starting at ?validFrom=',
        params: PriceParams,
        querystring: PriceKey,
        response: { 204: Type.Null(), ...problems(404) },
      },
      config: { permission: 'markets:write' },
    },
    async (request, reply) => {
      await pricing.delete(request.params.market, request.params.sku, request.query.validFrom);
      return reply.status(204).send(null);
    },
  );
}
