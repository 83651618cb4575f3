import Type from 'typebox';
import { problems } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/server.js';
import { MarketParam, MethodCode, ShippingMethodInput, ShippingMethodRecord, StoreShippingMethod } from './schemas.js';
import type { ShippingService } from './service.js';

const MarketParams = Type.Object({ market: MarketParam });
const MethodParams = Type.Object({ market: MarketParam, code: MethodCode });
const tags = ['shipping'];

export function shippingRoutes(app: App, shipping: ShippingService): void {
  app.get(
    '/api/store/markets/:market/shipping-methods',
    {
      schema: {
        tags: ['store'],
        summary: 'How the market delivers: each method with its charge and the subtotal from which it is free',
        params: MarketParams,
        response: {
          200: Type.Object({ market: Type.String(), methods: Type.Array(StoreShippingMethod) }),
          ...problems(404),
        },
      },
    },
    async (request) => shipping.storeMethods(request.params.market),
  );

  app.get(
    '/api/admin/markets/:market/shipping-methods',
    {
      schema: {
        tags,
        summary: "A market's shipping methods, active or not",
        params: MarketParams,
        response: { 200: Type.Object({ methods: Type.Array(ShippingMethodRecord) }), ...problems(404) },
      },
      config: { permission: 'markets:read' },
    },
    async (request) => ({ methods: await shipping.list(request.params.market) }),
  );

  app.put(
    '/api/admin/markets/:market/shipping-methods/:code',
    {
      schema: {
        tags,
        summary: 'Create or replace a shipping method of a market',
        description:
          'Amounts are decimal text in the market\'s currency ("5.99"); more decimals than the currency ' +
          'has are refused, naming the field.',
        params: MethodParams,
        body: ShippingMethodInput,
        response: { 200: ShippingMethodRecord, ...problems(400, 404) },
      },
      config: { permission: 'markets:write' },
    },
    async (request) => shipping.set(request.params.market, request.params.code, request.body),
  );

  app.delete(
    '/api/admin/markets/:market/shipping-methods/:code',
    {
      schema: {
        tags,
        summary: 'Delete a shipping method',
        params: MethodParams,
        response: { 204: Type.Null(), ...problems(404) },
      },
      config: { permission: 'markets:write' },
    },
    async (request, reply) => {
      await shipping.delete(request.params.market, request.params.code);
      return reply.status(204).send(null);
    },
  );
}
