// The ecosystem module's public surface: cloud services, regions and deployments, and the pure
// reading of where a service is live that the verdict's ecosystem gate uses.
export {
  type Deployment,
  type DeploymentStatus,
  deploymentStatus,
  type ServiceAvailability,
  serviceAvailability,
} from './deployment.js';
export { ecosystemRoutes } from './routes.js';
export {
  type CloudRegion,
  CloudRegionInput,
  type CloudService,
  CloudServiceInput,
  DeploymentInput,
  type DeploymentRecord,
} from './schemas.js';
export { EcosystemService } from './service.js';
