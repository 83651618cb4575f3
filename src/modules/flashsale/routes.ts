import Type from 'typebox';
import { problems } from '../../platform/http/problem.js';
import type { App, EarlyRefusal } from '../../platform/http/server.js';
import { IdempotencyHeaders } from '../checkout/schemas.js';
import type { MarketService } from '../markets/index.js';
import { SOLD_OUT } from './errors.js';
import { SALE_STATES } from './sale.js';
import type { FlashSaleService } from './service.js';

// Flash sales over HTTP: staff create and watch them; buyers register, verify and buy. The
// purchase route is the one a launch's rush hits: it answers from memory whatever it can.

const Instant = Type.String({ format: 'date-time' });

const SaleParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Email = Type.String({ format: 'email', maxLength: 254 });

const SaleInput = Type.Object(
  {
    market: Type.String({ minLength: 2, maxLength: 8 }),
    sku: Type.String({ minLength: 1, maxLength: 64 }),
    location: Type.Optional(
      Type.String({
        maxLength: 64,
        description: 'where to set the units aside; by default the first location serving the market that has them',
      }),
    ),
    price: Type.Integer({ minimum: 1, description: "minor units of the market's currency" }),
    quantity: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    registrationOpensAt: Type.Optional(Instant),
    startsAt: Instant,
    endsAt: Instant,
    perCustomerLimit: Type.Integer({ minimum: 1, maximum: 100 }),
    registrationRequired: Type.Boolean(),
    paymentWindowSeconds: Type.Integer({ description: 'how long an admitted buyer has to pay, 60 to 86400' }),
  },
  { additionalProperties: false },
);

const SalePatch = Type.Partial(
  Type.Object({
    price: SaleInput.properties.price,
    quantity: SaleInput.properties.quantity,
    registrationOpensAt: Type.Union([Instant, Type.Null()]),
    startsAt: Instant,
    endsAt: Instant,
    perCustomerLimit: SaleInput.properties.perCustomerLimit,
    registrationRequired: Type.Boolean(),
    paymentWindowSeconds: SaleInput.properties.paymentWindowSeconds,
  }),
  { additionalProperties: false, minProperties: 1 },
);

const Sale = Type.Object({
  id: Type.String(),
  market: Type.String(),
  sku: Type.String(),
  product: Type.Object({ slug: Type.String(), name: Type.String(), variant: Type.String() }),
  price: Type.Object({ amount: Type.Integer(), currency: Type.String(), formatted: Type.String() }),
  quantity: Type.Integer(),
  remaining: Type.Integer(),
  held: Type.Integer(),
  sold: Type.Integer(),
  state: Type.Enum([...SALE_STATES]),
  registrationRequired: Type.Boolean(),
  registrationOpensAt: Type.Union([Instant, Type.Null()]),
  startsAt: Instant,
  endsAt: Instant,
  perCustomerLimit: Type.Integer(),
  paymentWindowSeconds: Type.Integer(),
  location: Type.String(),
});

const Counts = Type.Object({
  quantity: Type.Integer(),
  remaining: Type.Integer(),
  held: Type.Integer(),
  sold: Type.Integer(),
  state: Type.Enum([...SALE_STATES]),
});

const Admission = Type.Object({
  id: Type.String(),
  sale: Type.String(),
  email: Type.String(),
  admittedAt: Instant,
  heldUntil: Instant,
});

// The purchase path, as a request's url has it: the sold-out refusal is made before routing.
const PURCHASE_PATH = /^\/api\/store\/flash-sales\/([^/?#]+)\/purchase(?:\?|$)/;

export function flashSaleRoutes(
  app: App,
  sales: FlashSaleService,
  markets: MarketService,
  refuseEarly: (refusal: EarlyRefusal) => void,
): void {
  // Once this instance has seen a sale sold out, most of a rush's attempts are refused before
  // Fastify routes them, let alone reads their body: the answer is the same whatever it says.
  refuseEarly((request) => {
    if (request.method !== 'POST') return undefined;
    const id = PURCHASE_PATH.exec(request.url ?? '')?.[1];
    if (id === undefined) return undefined;
    const key = request.headers['idempotency-key'];
    return sales.refusesAsSoldOut(id, typeof key === 'string' ? key : undefined) ? SOLD_OUT : undefined;
  });

  const tags = ['flash sales'];

  app.post(
    '/api/admin/flash-sales',
    {
      schema: {
        tags,
        summary: 'Create a flash sale; its units are set aside from stock at once',
        body: SaleInput,
        response: { 201: Sale, ...problems(400, 409) },
      },
      config: { permission: 'flashsales:write' },
    },
    async (request, reply) => reply.status(201).send(await sales.create(request.body)),
  );

  app.get(
    '/api/admin/flash-sales',
    {
      schema: {
        tags,
        summary: 'Flash sales, by start, with their counts',
        querystring: Type.Object({ market: Type.Optional(Type.String({ maxLength: 8 })) }),
        response: { 200: Type.Object({ sales: Type.Array(Sale) }) },
      },
      config: { permission: 'markets:read' },
    },
    async (request) => ({ sales: await sales.list(request.query) }),
  );

  app.patch(
    '/api/admin/flash-sales/:id',
    {
      schema: {
        tags,
        summary: 'Change a sale: any term before its start, only its end once it has started',
        params: SaleParams,
        body: SalePatch,
        response: { 200: Sale, ...problems(400, 404, 409) },
      },
      config: { permission: 'flashsales:write' },
    },
    async (request) => sales.update(request.params.id, request.body),
  );

  app.get(
    '/api/admin/flash-sales/:id/stats',
    {
      schema: {
        tags,
        summary: "The sale's dashboard: counts, expired holds, admissions per second over the last 10 minutes",
        params: SaleParams,
        response: {
          200: Type.Object({
            ...Counts.properties,
            expired: Type.Integer(),
            admissionsPerSecond: Type.Array(Type.Object({ at: Instant, admissions: Type.Integer() })),
          }),
          ...problems(404),
        },
      },
      config: { permission: 'markets:read' },
    },
    async (request) => sales.stats(request.params.id),
  );

  app.get(
    '/api/store/markets/:market/flash-sales',
    {
      schema: {
        tags,
        summary: "The market's flash sales that have not ended: upcoming and live, by start",
        params: Type.Object({ market: Type.String({ maxLength: 8 }) }),
        response: { 200: Type.Object({ sales: Type.Array(Sale) }), ...problems(404) },
      },
    },
    async (request) => {
      const market = await markets.get(request.params.market);
      return { sales: await sales.list({ market: market.code, current: true }) };
    },
  );

  app.get(
    '/api/store/flash-sales/:id',
    {
      schema: {
        tags,
        summary: 'A flash sale: terms, state and units remaining',
        params: SaleParams,
        response: { 200: Sale, ...problems(404) },
      },
    },
    async (request) => sales.view(request.params.id),
  );

  app.get(
    '/api/store/flash-sales/:id/remaining',
    {
      schema: {
        tags,
        summary: 'Units remaining, held and sold, and the state: cheap to poll',
        params: SaleParams,
        response: { 200: Counts, ...problems(404) },
      },
    },
    async (request, reply) => {
      // Shared caches may keep it for a second: a rush of pollers then costs one read a second.
      reply.header('cache-control', 'public, max-age=1');
      return sales.counts(request.params.id);
    },
  );

  app.post(
    '/api/store/flash-sales/:id/registrations',
    {
      schema: {
        tags,
        summary: 'Register for a sale before its start: a one-time link is emailed to confirm the address',
        params: SaleParams,
        body: Type.Object({ email: Email }, { additionalProperties: false }),
        response: {
          202: Type.Object({ email: Type.String(), status: Type.Literal('link sent') }),
          ...problems(404, 409, 425),
        },
      },
      config: { rateLimit: { max: 10, timeWindow: 60_000 } },
    },
    async (request, reply) => {
      await sales.register(request.params.id, request.body.email);
      return reply.status(202).send({ email: request.body.email, status: 'link sent' as const });
    },
  );

  app.post(
    '/api/store/flash-sales/:id/registrations/verify',
    {
      schema: {
        tags,
        summary: "Confirm a registration with the emailed link's token; the token is then the buyer's pass",
        params: SaleParams,
        body: Type.Object({ token: Type.String({ minLength: 16, maxLength: 100 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ email: Type.String(), verified: Type.Literal(true) }), ...problems(404) },
      },
    },
    async (request) => ({ ...(await sales.verify(request.params.id, request.body.token)), verified: true as const }),
  );

  app.post(
    '/api/store/flash-sales/:id/purchase',
    {
      schema: {
        tags,
        summary: 'Ask for a unit: admitted (held for the payment window) or refused at once, with why',
        description:
          '201: admitted. 403: the sale is for registered buyers. 409: sold out, ended, or not sellable in the market. ' +
          "425: not started (Retry-After says when). 429: over the buyer's limit, or too many requests.",
        params: SaleParams,
        headers: IdempotencyHeaders,
        body: Type.Object(
          {
            email: Email,
            registrationToken: Type.Optional(Type.String({ minLength: 16, maxLength: 100 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Admission, ...problems(400, 403, 404, 409, 425, 429) },
      },
    },
    async (request, reply) => {
      const admission = await sales.purchase(request.params.id, request.body, request.headers['idempotency-key']);
      return reply.status(201).send({
        id: admission.id,
        sale: admission.saleId,
        email: admission.email,
        admittedAt: admission.admittedAt.toISOString(),
        heldUntil: admission.heldUntil.toISOString(),
      });
    },
  );
}
