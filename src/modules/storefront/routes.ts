import Type from 'typebox';
import { problems } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/server.js';
import { ProductListing, ProductPage } from './schemas.js';
import type { StorefrontService } from './service.js';

const Market = Type.String({ pattern: '^[A-Za-z0-9]{2,8}$', description: 'market code, any case' });
const tags = ['store'];

export function storefrontRoutes(app: App, storefront: StorefrontService): void {
  app.get(
    '/api/store/markets/:market/products',
    {
      schema: {
        tags,
        summary: 'The products that may be sold in the market now, with their variants',
        params: Type.Object({ market: Market }),
        response: { 200: ProductListing, ...problems(404) },
      },
    },
    async (request, reply) => {
      // Hot path: the body is cached as ready JSON and sent as is, with no serialization.
      const body = await storefront.listingJson(request.params.market);
      // Fastify sends a string with a JSON content type as it is; the schema above documents it.
      return reply.type('application/json; charset=utf-8').send(body as never);
    },
  );

  app.get(
    '/api/store/markets/:market/products/:slug',
    {
      schema: {
        tags,
        summary: 'A product page with its availability in the market, and why',
        params: Type.Object({ market: Market, slug: Type.String({ maxLength: 100 }) }),
        response: { 200: ProductPage, ...problems(404) },
      },
    },
    async (request) => storefront.productPage(request.params.market, request.params.slug),
  );
}
