import type { FastifyRequest } from 'fastify';
import Type from 'typebox';
import { problems } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/server.js';
import { can } from '../accounts/index.js';
import { OrderSchema } from '../checkout/schemas.js';
import type { CheckoutService } from '../checkout/service.js';
import type { PaymentsService } from '../payments/index.js';
import { paymentView } from '../payments/index.js';
import type { Order, OrdersService } from './service.js';
import { ORDER_STATUSES } from './status.js';

// Staff's side of orders: find them, read their history, move them on. Who the customer is and
// where the parcel goes are shown only to staff allowed to see personal data.

const HIDDEN = '(hidden: needs customers:read-pii)';

/** The order as a staff member without `customers:read-pii` may see it: no email, name or street. */
export function withoutPersonalData<T extends Order>(order: T): T {
  const a = order.shippingAddress;
  return {
    ...order,
    email: HIDDEN,
    shippingAddress: {
      name: HIDDEN,
      line1: HIDDEN,
      city: a.city,
      region: a.region,
      postalCode: a.postalCode,
      country: a.country,
    },
  };
}

function shown<T extends Order>(request: FastifyRequest, order: T): T {
  return request.actor && can(request.actor.role, 'customers:read-pii') ? order : withoutPersonalData(order);
}

const tags = ['orders'];
const Params = Type.Object({ id: Type.String({ format: 'uuid' }) });

export function orderRoutes(
  app: App,
  services: {
    orders: OrdersService;
    checkout: CheckoutService;
    payments: PaymentsService;
    db: import('../../platform/database/index.js').Database;
  },
): void {
  const { orders, checkout, payments, db } = services;

  app.get(
    '/api/admin/orders',
    {
      schema: {
        tags,
        summary: 'Orders, newest first, by market, status or email',
        querystring: Type.Object({
          market: Type.Optional(Type.String({ maxLength: 8 })),
          status: Type.Optional(Type.Enum([...ORDER_STATUSES])),
          email: Type.Optional(Type.String({ maxLength: 254 })),
          before: Type.Optional(
            Type.String({ format: 'date-time', description: 'createdAt of the last order of the previous page' }),
          ),
          limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
        }),
        response: { 200: Type.Object({ orders: Type.Array(OrderSchema) }) },
      },
      config: { permission: 'orders:read' },
    },
    async (request) => {
      const { market, status, email, before, limit } = request.query;
      return {
        orders: (
          await orders.list({
            market: market?.toUpperCase(),
            status,
            email,
            before: before ? new Date(before) : undefined,
            limit,
          })
        ).map((order) => shown(request, order)),
      };
    },
  );

  app.get(
    '/api/admin/orders/:id',
    {
      schema: {
        tags,
        summary: 'An order with its history and payments',
        params: Params,
        response: {
          200: Type.Intersect([
            OrderSchema,
            Type.Object({ events: Type.Array(Type.Unknown()), payments: Type.Array(Type.Unknown()) }),
          ]),
          ...problems(404),
        },
      },
      config: { permission: 'orders:read' },
    },
    async (request) => {
      const order = shown(request, await orders.get(request.params.id));
      return {
        ...order,
        events: await orders.events(order.id),
        payments: (await payments.ofOrder(db, order.id)).map(paymentView),
      };
    },
  );

  for (const action of ['fulfil', 'deliver', 'cancel'] as const) {
    app.post(
      `/api/admin/orders/:id/${action}`,
      {
        schema: {
          tags,
          summary:
            action === 'cancel'
              ? 'Cancel an order that has not shipped: its stock goes back, what was paid is refunded'
              : `Mark an order ${action === 'fulfil' ? 'fulfilled (shipped)' : 'delivered'}`,
          params: Params,
          response: { 200: OrderSchema, ...problems(404, 409) },
        },
        config: { permission: 'orders:write', auditAction: `orders.${action}` },
      },
      async (request) => shown(request, await checkout.act(request.params.id, action, request.actor!.label)),
    );
  }

  app.post(
    '/api/admin/orders/:id/refunds',
    {
      schema: {
        tags,
        summary: 'Refund part or all of what was paid',
        params: Params,
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 255 })) }),
        body: Type.Object(
          { amount: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'minor units' }) },
          { additionalProperties: false },
        ),
        response: { 201: OrderSchema, ...problems(400, 404, 409, 422) },
      },
      config: { permission: 'orders:write', auditAction: 'orders.refund' },
    },
    async (request, reply) => {
      const answer = await checkout.refund(
        request.params.id,
        request.body.amount,
        request.actor!.label,
        request.headers['idempotency-key'],
      );
      if (answer.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(shown(request, answer.body));
    },
  );
}
