import Type, { type Static } from 'typebox';

// The ecosystem's HTTP contract: one source for validation, types and OpenAPI.

const KEBAB = '^[a-z0-9]+(-[a-z0-9]+)*$';

export const ServiceCode = Type.String({
  pattern: KEBAB,
  maxLength: 64,
  description: 'cloud service code, kebab-case, e.g. "account" or "companion-app"',
});
export const RegionCode = Type.String({
  pattern: KEBAB,
  maxLength: 64,
  description: 'cloud region code, kebab-case, e.g. "us-east"; markets name these in allowedRegions',
});
const IsoDay = Type.String({ format: 'date', description: 'ISO date, YYYY-MM-DD (UTC day)' });
const Name = Type.String({ minLength: 1, maxLength: 100 });

// Cloud services

const serviceFields = {
  name: Name,
  description: Type.String({ maxLength: 1000 }),
};

export const CloudServiceInput = Type.Object(
  { code: ServiceCode, name: serviceFields.name, description: Type.Optional(serviceFields.description) },
  { additionalProperties: false },
);
export type CloudServiceInput = Static<typeof CloudServiceInput>;

export const CloudServicePatch = Type.Partial(Type.Object(serviceFields), {
  additionalProperties: false,
  minProperties: 1,
});
export type CloudServicePatch = Static<typeof CloudServicePatch>;

export const CloudService = Type.Object({ code: Type.String(), ...serviceFields });
export type CloudService = Static<typeof CloudService>;

// Cloud regions

const regionFields = {
  name: Name,
  country: Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2 country of its data centres' }),
};

export const CloudRegionInput = Type.Object({ code: RegionCode, ...regionFields }, { additionalProperties: false });
export type CloudRegionInput = Static<typeof CloudRegionInput>;

export const CloudRegionPatch = Type.Partial(Type.Object(regionFields), {
  additionalProperties: false,
  minProperties: 1,
});
export type CloudRegionPatch = Static<typeof CloudRegionPatch>;

export const CloudRegion = Type.Object({ code: Type.String(), ...regionFields });
export type CloudRegion = Static<typeof CloudRegion>;

// Deployments

const Notes = Type.String({ maxLength: 2000 });
const dates = {
  liveFrom: Type.Union([IsoDay, Type.Null()], {
    description: 'first day it serves customers; null: planned without a date',
  }),
  retiredOn: Type.Union([IsoDay, Type.Null()], { description: 'first day it no longer serves; after liveFrom' }),
};

export const DeploymentInput = Type.Object(
  {
    service: ServiceCode,
    region: RegionCode,
    liveFrom: Type.Optional(dates.liveFrom),
    retiredOn: Type.Optional(dates.retiredOn),
    notes: Type.Optional(Notes),
  },
  { additionalProperties: false },
);
export type DeploymentInput = Static<typeof DeploymentInput>;

export const DeploymentPatch = Type.Partial(Type.Object({ ...dates, notes: Notes }), {
  additionalProperties: false,
  minProperties: 1,
  description: 'fields given replace the stored ones; null clears a date. Service and region stay.',
});
export type DeploymentPatch = Static<typeof DeploymentPatch>;

export const DeploymentFilter = Type.Object(
  { service: Type.Optional(ServiceCode), region: Type.Optional(RegionCode) },
  { additionalProperties: false },
);
export type DeploymentFilter = Static<typeof DeploymentFilter>;

export const DeploymentRecord = Type.Object({
  id: Type.String({ format: 'uuid' }),
  service: Type.String(),
  region: Type.String(),
  ...dates,
  notes: Type.String(),
  status: Type.Union([Type.Literal('planned'), Type.Literal('live'), Type.Literal('retired')], {
    description: 'read off the dates at the moment of the request',
  }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type DeploymentRecord = Static<typeof DeploymentRecord>;
