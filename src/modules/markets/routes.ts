import Type from 'typebox';
import { problems } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/server.js';
import { Market, MarketCode, MarketInput, MarketPatch, PublicMarket, publicMarket } from './schemas.js';
import type { MarketService } from './service.js';

const Params = Type.Object({ market: MarketCode });
const tags = ['markets'];

export function marketRoutes(app: App, markets: MarketService): void {
  app.get(
    '/api/store/markets',
    {
      schema: {
        tags: ['store'],
        summary: 'The markets (storefronts) the brand sells in',
        response: { 200: Type.Object({ markets: Type.Array(PublicMarket) }) },
      },
    },
    async () => ({ markets: (await markets.list()).map(publicMarket) }),
  );

  app.get(
    '/api/admin/markets',
    {
      schema: { tags, summary: 'List markets', response: { 200: Type.Object({ markets: Type.Array(Market) }) } },
      config: { permission: 'markets:read' },
    },
    async () => ({ markets: await markets.list() }),
  );

  app.post(
    '/api/admin/markets',
    {
      schema: { tags, summary: 'Create a market', body: MarketInput, response: { 201: Market, ...problems(400, 409) } },
      config: { permission: 'markets:write' },
    },
    async (request, reply) => reply.status(201).send(await markets.create(request.body)),
  );

  app.get(
    '/api/admin/markets/:market',
    {
      schema: { tags, summary: 'Read a market', params: Params, response: { 200: Market, ...problems(404) } },
      config: { permission: 'markets:read' },
    },
    async (request) => markets.get(request.params.market),
  );

  app.patch(
    '/api/admin/markets/:market',
    {
      schema: {
        tags,
        summary: 'Change a market (its code stays); its currency only while it has no prices in the current one',
        params: Params,
        body: MarketPatch,
        response: { 200: Market, ...problems(400, 404, 409) },
      },
      config: { permission: 'markets:write' },
    },
    async (request) => markets.update(request.params.market, request.body),
  );

  app.delete(
    '/api/admin/markets/:market',
    {
      schema: {
        tags,
        summary:
          'Delete a market and its assortment, prices and carts; refused while orders or flash sales refer to it',
        params: Params,
        response: { 204: Type.Null(), ...problems(404, 409) },
      },
      config: { permission: 'markets:write' },
    },
    async (request, reply) => {
      await markets.delete(request.params.market);
      return reply.status(204).send(null);
    },
  );
}
