import Type from 'typebox';
import { problems } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/server.js';
import {
  CloudRegion,
  CloudRegionInput,
  CloudRegionPatch,
  CloudService,
  CloudServiceInput,
  CloudServicePatch,
  DeploymentFilter,
  DeploymentInput,
  DeploymentPatch,
  DeploymentRecord,
  RegionCode,
  ServiceCode,
} from './schemas.js';
import type { EcosystemService } from './service.js';

// Staff API for the ecosystem gate's data: cloud services, regions and deployments.

const ServiceParams = Type.Object({ code: ServiceCode });
const RegionParams = Type.Object({ code: RegionCode });
const DeploymentParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const tags = ['ecosystem'];

export function ecosystemRoutes(app: App, ecosystem: EcosystemService): void {
  app.get(
    '/api/admin/services',
    {
      schema: {
        tags,
        summary: 'List cloud services',
        response: { 200: Type.Object({ services: Type.Array(CloudService) }) },
      },
      config: { permission: 'readiness:read' },
    },
    async () => ({ services: await ecosystem.listServices() }),
  );

  app.post(
    '/api/admin/services',
    {
      schema: {
        tags,
        summary: 'Record a cloud service',
        body: CloudServiceInput,
        response: { 201: CloudService, ...problems(400, 409) },
      },
      config: { permission: 'ecosystem:write' },
    },
    async (request, reply) => reply.status(201).send(await ecosystem.createService(request.body)),
  );

  app.patch(
    '/api/admin/services/:code',
    {
      schema: {
        tags,
        summary: 'Change a cloud service (its code stays)',
        params: ServiceParams,
        body: CloudServicePatch,
        response: { 200: CloudService, ...problems(400, 404) },
      },
      config: { permission: 'ecosystem:write' },
    },
    async (request) => ecosystem.updateService(request.params.code, request.body),
  );

  app.delete(
    '/api/admin/services/:code',
    {
      schema: {
        tags,
        summary: 'Delete a cloud service and its deployments',
        params: ServiceParams,
        response: { 204: Type.Null(), ...problems(404) },
      },
      config: { permission: 'ecosystem:write' },
    },
    async (request, reply) => {
      await ecosystem.deleteService(request.params.code);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/admin/regions',
    {
      schema: {
        tags,
        summary: 'List cloud regions',
        response: { 200: Type.Object({ regions: Type.Array(CloudRegion) }) },
      },
      config: { permission: 'readiness:read' },
    },
    async () => ({ regions: await ecosystem.listRegions() }),
  );

  app.post(
    '/api/admin/regions',
    {
      schema: {
        tags,
        summary: 'Record a cloud region',
        body: CloudRegionInput,
        response: { 201: CloudRegion, ...problems(400, 409) },
      },
      config: { permission: 'ecosystem:write' },
    },
    async (request, reply) => reply.status(201).send(await ecosystem.createRegion(request.body)),
  );

  app.patch(
    '/api/admin/regions/:code',
    {
      schema: {
        tags,
        summary: 'Change a cloud region (its code stays)',
        params: RegionParams,
        body: CloudRegionPatch,
        response: { 200: CloudRegion, ...problems(400, 404) },
      },
      config: { permission: 'ecosystem:write' },
    },
    async (request) => ecosystem.updateRegion(request.params.code, request.body),
  );

  app.delete(
    '/api/admin/regions/:code',
    {
      schema: {
        tags,
        summary: 'Delete a cloud region that no deployment names',
        params: RegionParams,
        response: { 204: Type.Null(), ...problems(404, 409) },
      },
      config: { permission: 'ecosystem:write' },
    },
    async (request, reply) => {
      await ecosystem.deleteRegion(request.params.code);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/admin/deployments',
    {
      schema: {
        tags,
        summary: 'List deployments, each with its status now',
        querystring: DeploymentFilter,
        response: { 200: Type.Object({ deployments: Type.Array(DeploymentRecord) }), ...problems(400) },
      },
      config: { permission: 'readiness:read' },
    },
    async (request) => ({ deployments: await ecosystem.listDeployments(request.query) }),
  );

  app.post(
    '/api/admin/deployments',
    {
      schema: {
        tags,
        summary: 'Record a deployment of a service to a region',
        body: DeploymentInput,
        response: { 201: DeploymentRecord, ...problems(400) },
      },
      config: { permission: 'ecosystem:write' },
    },
    async (request, reply) => reply.status(201).send(await ecosystem.createDeployment(request.body)),
  );

  app.patch(
    '/api/admin/deployments/:id',
    {
      schema: {
        tags,
        summary: "Change a deployment's dates or notes",
        params: DeploymentParams,
        body: DeploymentPatch,
        response: { 200: DeploymentRecord, ...problems(400, 404) },
      },
      config: { permission: 'ecosystem:write' },
    },
    async (request) => ecosystem.updateDeployment(request.params.id, request.body),
  );

  app.delete(
    '/api/admin/deployments/:id',
    {
      schema: {
        tags,
        summary: 'Delete a deployment',
        params: DeploymentParams,
        response: { 204: Type.Null(), ...problems(404) },
      },
      config: { permission: 'ecosystem:write' },
    },
    async (request, reply) => {
      await ecosystem.deleteDeployment(request.params.id);
      return reply.status(204).send(null);
    },
  );
}
