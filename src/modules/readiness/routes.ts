import Type from 'typebox';
import { ValidationError } from '../../platform/errors.js';
import { problems } from '../../platform/http/problem.js';
import { IdCursor } from '../../platform/http/schemas.js';
import type { App } from '../../platform/http/server.js';
import { matrixCsv } from './matrix.js';
import type { ReadinessService } from './service.js';

const At = Type.Optional(
  Type.String({ format: 'date', description: 'evaluate as of this day (default: now), e.g. 2027-03-01' }),
);

const Finding = Type.Object({
  ok: Type.Boolean(),
  subject: Type.String(),
  text: Type.String(),
  citation: Type.Optional(Type.String()),
  source: Type.Optional(Type.String()),
  certificate: Type.Optional(
    Type.Object({
      id: Type.String(),
      identifier: Type.Union([Type.String(), Type.Null()]),
      expiresOn: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  regions: Type.Optional(Type.Array(Type.String())),
});
const Gate = Type.Object({
  gate: Type.String(),
  open: Type.Boolean(),
  reason: Type.String(),
  findings: Type.Array(Finding),
});
const Step = Type.Object({
  gate: Type.String(),
  action: Type.String(),
  subject: Type.String(),
  text: Type.String(),
  on: Type.Optional(Type.String()),
});
const VerdictSchema = Type.Object({
  sellable: Type.Boolean(),
  gates: Type.Array(Gate),
  plan: Type.Array(Step),
  earliest: Type.Union([Type.String(), Type.Null()]),
});

function instant(at: string | undefined): Date | undefined {
  if (!at) return undefined;
  const date = new Date(`${at}T00:00:00.000Z`);
  if (Number.isNaN(date.getTime())) throw ValidationError.field('at', 'must be a day like 2027-03-01');
  return date;
}

export function readinessRoutes(app: App, readiness: ReadinessService): void {
  app.get(
    '/api/admin/readiness',
    {
      schema: {
        tags: ['readiness'],
        summary: 'The product x market matrix of verdicts (JSON, or CSV with format=csv)',
        querystring: Type.Object({
          market: Type.Optional(Type.Array(Type.String({ maxLength: 8 }))),
          product: Type.Optional(Type.Array(Type.String({ maxLength: 100 }))),
          at: At,
          format: Type.Optional(Type.Enum(['json', 'csv'])),
        }),
      },
      config: { permission: 'readiness:read' },
    },
    async (request, reply) => {
      const { market, product, at, format } = request.query;
      const matrix = await readiness.matrix({ markets: market, products: product, at: instant(at) });
      if (format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="readiness-${matrix.at.slice(0, 10)}.csv"`)
          .send(matrixCsv(matrix));
      }
      return matrix;
    },
  );

  const GateStates = Type.Object({ assortment: Type.Boolean(), compliance: Type.Boolean(), ecosystem: Type.Boolean() });
  app.get(
    '/api/admin/readiness/changes',
    {
      schema: {
        tags: ['readiness'],
        summary: 'Recorded verdict changes, newest first: product, market, from, to, reasons and cause',
        querystring: Type.Object({
          product: Type.Optional(Type.String({ maxLength: 100 })),
          market: Type.Optional(Type.String({ maxLength: 8 })),
          before: Type.Optional(IdCursor()),
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
        }),
        response: {
          200: Type.Object({
            changes: Type.Array(
              Type.Object({
                id: Type.Integer(),
                at: Type.String(),
                product: Type.String(),
                market: Type.String(),
                from: Type.Union([Type.Boolean(), Type.Null()]),
                to: Type.Boolean(),
                fromGates: Type.Union([GateStates, Type.Null()]),
                toGates: GateStates,
                reasons: Type.Array(Type.String()),
                cause: Type.String(),
              }),
            ),
          }),
          ...problems(404),
        },
      },
      config: { permission: 'readiness:read' },
    },
    async (request) => readiness.changes(request.query),
  );

  app.get(
    '/api/admin/readiness/:product/:market',
    {
      schema: {
        tags: ['readiness'],
        summary: 'The verdict for a product in a market: each gate with its reasons, and the launch plan',
        params: Type.Object({
          product: Type.String({ maxLength: 100, description: 'id or slug' }),
          market: Type.String({ maxLength: 8 }),
        }),
        querystring: Type.Object({ at: At }),
        response: {
          200: Type.Object({
            product: Type.Object({ id: Type.String(), slug: Type.String(), name: Type.String() }),
            market: Type.Object({ code: Type.String(), name: Type.String(), jurisdiction: Type.String() }),
            at: Type.String(),
            verdict: VerdictSchema,
          }),
          ...problems(400, 404),
        },
      },
      config: { permission: 'readiness:read' },
    },
    async (request) => readiness.detail(request.params.product, request.params.market, instant(request.query.at)),
  );
}
