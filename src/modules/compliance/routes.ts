import Type from 'typebox';
import { ValidationError } from '../../platform/errors.js';
import { problems } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/server.js';
import { DeviceProfileSchema } from '../catalog/index.js';
import type { MarketService } from '../markets/index.js';
import type { ComplianceService } from './service.js';

const RequirementSchema = Type.Object({
  code: Type.String(),
  title: Type.String(),
  citation: Type.String(),
  source: Type.String(),
  kind: Type.String(),
  confidence: Type.String(),
  evidence: Type.Object({
    type: Type.String(),
    identifier: Type.Optional(Type.String()),
    expires: Type.Boolean(),
    description: Type.String(),
  }),
  because: Type.Array(Type.String()),
  notes: Type.Optional(Type.String()),
});

export function complianceRoutes(app: App, compliance: ComplianceService, markets: MarketService): void {
  app.post(
    '/api/admin/requirements',
    {
      schema: {
        tags: ['compliance'],
        summary: 'The requirements that apply to a device profile in a market or jurisdiction, and why',
        body: Type.Object(
          {
            market: Type.Optional(Type.String({ maxLength: 8, description: 'a market code; or give jurisdiction' })),
            jurisdiction: Type.Optional(Type.String({ maxLength: 3 })),
            profile: DeviceProfileSchema,
            at: Type.Optional(Type.String({ format: 'date-time', description: 'rules in force at this instant' })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ jurisdiction: Type.String(), requirements: Type.Array(RequirementSchema) }),
          ...problems(400, 404),
        },
      },
      config: { permission: 'readiness:read' },
    },
    async (request) => {
      const { market, jurisdiction, profile, at } = request.body;
      if (!market === !jurisdiction) throw ValidationError.field('market', 'give either market or jurisdiction');
      const code = jurisdiction ?? (await markets.get(market!)).jurisdiction;
      return compliance.requirements(code, profile, at ? new Date(at) : undefined);
    },
  );
}
