import Type from 'typebox';
import { problems } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/server.js';
import { MarketCode } from '../markets/schemas.js';
import type { AssortmentService } from './service.js';

const tags = ['markets'];
const ListingParams = Type.Object({
  market: MarketCode,
  product: Type.String({ minLength: 1, maxLength: 100, description: 'product id or slug' }),
});

export function assortmentRoutes(app: App, assortment: AssortmentService): void {
  app.get(
    '/api/admin/markets/:market/assortment',
    {
      schema: {
        tags,
        summary: "The products the market's team has listed",
        params: Type.Object({ market: MarketCode }),
        response: {
          200: Type.Object({
            market: Type.String(),
            listings: Type.Array(
              Type.Object({
                productId: Type.String(),
                slug: Type.String(),
                name: Type.String(),
                listedAt: Type.String(),
              }),
            ),
          }),
          ...problems(404),
        },
      },
      config: { permission: 'markets:read' },
    },
    async (request) => assortment.listedProducts(request.params.market),
  );

  app.put(
    '/api/admin/markets/:market/assortment/:product',
    {
      schema: {
        tags,
        summary: 'List a product in the market (idempotent)',
        params: ListingParams,
        response: { 200: Type.Object({ productId: Type.String(), listedAt: Type.String() }), ...problems(404) },
      },
      config: { permission: 'markets:write' },
    },
    async (request) => assortment.list(request.params.market, request.params.product),
  );

  app.delete(
    '/api/admin/markets/:market/assortment/:product',
    {
      schema: {
        tags,
        summary: 'Take a product out of the market',
        params: ListingParams,
        response: { 204: Type.Null(), ...problems(404) },
      },
      config: { permission: 'markets:write' },
    },
    async (request, reply) => {
      await assortment.unlist(request.params.market, request.params.product);
      return reply.status(204).send(null);
    },
  );
}
