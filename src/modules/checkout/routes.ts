import Type from 'typebox';
import { PROBLEM_CONTENT_TYPE, problems } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/server.js';
import type { Answer } from '../../platform/idempotency/index.js';
import type { CartsService } from '../carts/index.js';
import type { OrdersService } from '../orders/index.js';
import type { PaymentsService } from '../payments/index.js';
import {
  CartSchema,
  CheckoutBody,
  DeclinedSchema,
  IdempotencyHeaders,
  OrderSchema,
  PaymentBody,
  UnitCheckoutBody,
} from './schemas.js';
import type { CheckoutService } from './service.js';

// The shopper's side: carts, checkout, payment and finding an order again. No login: the cart's
// and the order's random ids are the shopper's keys, and an order is looked up by number and email.

const tags = ['commerce'];
const CartParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Sku = Type.String({ minLength: 1, maxLength: 64 });
const Quantity = Type.Integer({ minimum: 1, maximum: 99 });

/** Sends an idempotent answer: its status, a problem's content type for errors, and whether it is a replay. */
function send<T>(reply: import('fastify').FastifyReply, answer: Answer<T>) {
  if (answer.replayed) reply.header('idempotent-replayed', 'true');
  if (answer.status >= 400) reply.type(PROBLEM_CONTENT_TYPE);
  return reply.status(answer.status).send(answer.body);
}

export function checkoutRoutes(
  app: App,
  services: {
    carts: CartsService;
    checkout: CheckoutService;
    orders: OrdersService;
    payments: PaymentsService;
  },
): void {
  const { carts, checkout, orders, payments } = services;

  app.post(
    '/api/store/markets/:market/carts',
    {
      schema: {
        tags,
        summary: 'Start a cart in a market',
        params: Type.Object({ market: Type.String({ pattern: '^[A-Za-z0-9]{2,8}$' }) }),
        response: { 201: CartSchema, ...problems(404) },
      },
    },
    async (request, reply) => reply.status(201).send(await carts.create(request.params.market)),
  );

  app.get(
    '/api/store/carts/:id',
    {
      schema: {
        tags,
        summary: 'A cart with its lines and totals',
        params: CartParams,
        response: { 200: CartSchema, ...problems(404) },
      },
    },
    async (request) => carts.get(request.params.id),
  );

  app.post(
    '/api/store/carts/:id/items',
    {
      schema: {
        tags,
        summary: 'Add a quantity of a SKU (409 saying why when it may not be bought in the market)',
        params: CartParams,
        body: Type.Object({ sku: Sku, quantity: Quantity }, { additionalProperties: false }),
        response: { 200: CartSchema, ...problems(400, 404, 409) },
      },
    },
    async (request) => carts.add(request.params.id, request.body.sku, request.body.quantity),
  );

  app.patch(
    '/api/store/carts/:id/items/:sku',
    {
      schema: {
        tags,
        summary: "Change a line's quantity (0 removes it)",
        params: Type.Object({ id: Type.String({ format: 'uuid' }), sku: Sku }),
        body: Type.Object({ quantity: Type.Integer({ minimum: 0, maximum: 99 }) }, { additionalProperties: false }),
        response: { 200: CartSchema, ...problems(400, 404, 409) },
      },
    },
    async (request) => carts.setQuantity(request.params.id, request.params.sku, request.body.quantity),
  );

  app.delete(
    '/api/store/carts/:id/items/:sku',
    {
      schema: {
        tags,
        summary: 'Take a line out of the cart',
        params: Type.Object({ id: Type.String({ format: 'uuid' }), sku: Sku }),
        response: { 200: CartSchema, ...problems(404, 409) },
      },
    },
    async (request) => carts.remove(request.params.id, request.params.sku),
  );

  app.post(
    '/api/store/carts/:id/checkout',
    {
      schema: {
        tags,
        summary: 'Place the order: prices, tax and stock checked again, stock held until payment',
        params: CartParams,
        headers: IdempotencyHeaders,
        body: CheckoutBody,
        response: { 201: OrderSchema, ...problems(400, 404, 409, 422) },
      },
    },
    async (request, reply) =>
      send(reply, await checkout.checkout(request.params.id, request.body, request.headers['idempotency-key'])),
  );

  app.post(
    '/api/store/flash-sales/:id/admissions/:admission/checkout',
    {
      schema: {
        tags: [...tags, 'flash sales'],
        summary: "Place the order of a flash-sale unit at the sale's price, payable until the unit's hold runs out",
        description: 'Pay it as any order: POST /api/store/orders/:id/payments.',
        params: Type.Object({ id: Type.String({ format: 'uuid' }), admission: Type.String({ format: 'uuid' }) }),
        headers: IdempotencyHeaders,
        body: UnitCheckoutBody,
        response: { 201: OrderSchema, ...problems(400, 404, 409, 422) },
      },
    },
    async (request, reply) =>
      send(
        reply,
        await checkout.checkoutUnit(
          request.params.id,
          request.params.admission,
          request.body,
          request.headers['idempotency-key'],
        ),
      ),
  );

  app.post(
    '/api/store/orders/:id/payments',
    {
      schema: {
        tags,
        summary: 'Pay an order by card (402 when declined; the order stays open for another card)',
        params: CartParams,
        headers: IdempotencyHeaders,
        body: PaymentBody,
        response: { 200: OrderSchema, 201: OrderSchema, ...problems(400, 404, 409, 422, 502), 402: DeclinedSchema },
      },
    },
    async (request, reply) =>
      send(reply, await checkout.pay(request.params.id, request.body, request.headers['idempotency-key'])),
  );

  app.get(
    '/api/store/orders/:id',
    {
      schema: {
        tags,
        summary: 'An order, by the id its checkout answered with',
        params: CartParams,
        response: { 200: OrderSchema, ...problems(404) },
      },
    },
    async (request) => orders.get(request.params.id),
  );

  app.post(
    '/api/store/orders/lookup',
    {
      schema: {
        tags,
        summary: 'Find an order by its number and the email it was placed with',
        body: Type.Object(
          {
            number: Type.String({ minLength: 1, maxLength: 30 }),
            email: Type.String({ minLength: 3, maxLength: 254 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: OrderSchema, ...problems(404) },
      },
    },
    async (request) => orders.lookup(request.body.number, request.body.email),
  );

  // Providers post raw bodies: the signature is over the exact bytes.
  app.register(async (scope) => {
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    scope.post(
      '/api/store/payments/webhooks/:provider',
      {
        schema: {
          tags,
          summary: "A payment provider's event, checked against its signature",
          params: Type.Object({ provider: Type.String({ maxLength: 50 }) }),
          response: {
            200: Type.Object({ received: Type.Boolean(), duplicate: Type.Boolean() }),
            ...problems(400, 401),
          },
        },
      },
      async (request) => {
        const received = await payments.webhook(
          (request.params as { provider: string }).provider,
          request.headers,
          String(request.body ?? ''),
        );
        const fresh = await checkout.applyWebhook(received);
        return { received: true, duplicate: !fresh };
      },
    );
  });
}
