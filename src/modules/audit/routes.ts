import Type from 'typebox';
import { IdCursor } from '../../platform/http/schemas.js';
import type { App } from '../../platform/http/server.js';
import type { AuditService } from './service.js';

const Event = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  actor: Type.Object({ kind: Type.String(), id: Type.Union([Type.String(), Type.Null()]), label: Type.String() }),
  action: Type.String(),
  target: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union([Type.Integer(), Type.Null()]),
  details: Type.Record(Type.String(), Type.Unknown()),
});

export function auditRoutes(app: App, audit: AuditService): void {
  app.get(
    '/api/admin/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Staff actions, newest first',
        querystring: Type.Object({
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
          before: Type.Optional(IdCursor('show events older than this id')),
          action: Type.Optional(Type.String({ maxLength: 100, description: 'action prefix, e.g. "products."' })),
          actor: Type.Optional(Type.String({ maxLength: 254, description: 'email or token name' })),
        }),
        response: {
          200: Type.Object({ events: Type.Array(Event), nextBefore: Type.Union([Type.Integer(), Type.Null()]) }),
        },
      },
      config: { permission: 'audit:read' },
    },
    async (request) => audit.list(request.query),
  );
}
