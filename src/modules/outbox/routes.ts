import Type from 'typebox';
import { IdCursor } from '../../platform/http/schemas.js';
import type { App } from '../../platform/http/server.js';
import type { OutboxService } from './service.js';

export function outboxRoutes(app: App, outbox: OutboxService): void {
  app.get(
    '/api/admin/outbox',
    {
      schema: {
        tags: ['orders'],
        summary: 'Email the platform has written (order confirmations, notify-me), newest first',
        querystring: Type.Object({
          before: Type.Optional(IdCursor()),
          limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
        }),
        response: {
          200: Type.Object({
            messages: Type.Array(
              Type.Object({
                id: Type.Integer(),
                kind: Type.String(),
                to: Type.String(),
                subject: Type.String(),
                text: Type.String(),
                about: Type.Record(Type.String(), Type.String()),
                createdAt: Type.String(),
                sentAt: Type.Union([Type.String(), Type.Null()]),
              }),
            ),
          }),
        },
      },
      config: { permission: 'customers:read-pii' },
    },
    async (request) => ({
      messages: (await outbox.list(request.query)).map((m) => ({
        ...m,
        createdAt: m.createdAt.toISOString(),
        sentAt: m.sentAt?.toISOString() ?? null,
      })),
    }),
  );
}
