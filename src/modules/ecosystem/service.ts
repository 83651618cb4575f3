import type { ChangeFeed } from '../../platform/changes.js';
import type { Clock } from '../../platform/clock.js';
import { foreignKeyViolation, uniqueViolation } from '../../platform/database/errors.js';
import type { Database } from '../../platform/database/index.js';
import { ConflictError, type FieldIssue, NotFoundError, ValidationError } from '../../platform/errors.js';
import { type Deployment, deploymentIssues, deploymentStatus } from './deployment.js';
import { regionIssues } from './region.js';
import type {
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
} from './schemas.js';
import { type StoredDeployment, ecosystemStore as store } from './store.js';

// Orchestrates the ecosystem's records: cloud services, the regions they may run in, and their
// deployments over time. Statuses are computed at the clock's instant, never stored; an
// 'ecosystem' change follows every write so verdict caches drop.

export class EcosystemService {
  constructor(
    private readonly db: Database,
    private readonly changes: ChangeFeed,
    private readonly clock: Clock,
  ) {}

  /**
   * Every deployment (planned, live or retired) of these services, in one query: the facts the
   * verdict's ecosystem gate reads with serviceAvailability().
   */
  async deploymentsOf(serviceCodes: string[]): Promise<Deployment[]> {
    if (serviceCodes.length === 0) return [];
    const rows = await store.listDeployments(this.db, { serviceCodes: [...new Set(serviceCodes)] });
    return rows.map(({ serviceCode, regionCode, liveFrom, retiredOn }) => ({
      serviceCode,
      regionCode,
      liveFrom,
      retiredOn,
    }));
  }

  // Cloud services

  listServices(): Promise<CloudService[]> {
    return store.listServices(this.db);
  }

  async createService(input: CloudServiceInput): Promise<CloudService> {
    let service: CloudService;
    try {
      service = await store.insertService(this.db, input);
    } catch (error) {
      if (uniqueViolation(error)) throw new ConflictError(`A service with code "${input.code}" exists`, 'code');
      throw error;
    }
    await this.changes.publish('ecosystem');
    return service;
  }

  async updateService(code: string, patch: CloudServicePatch): Promise<CloudService> {
    const service = await store.updateService(this.db, code, patch);
    if (!service) throw new NotFoundError(`No service "${code}"`);
    await this.changes.publish('ecosystem');
    return service;
  }

  /** Deletes the service with its deployments. */
  async deleteService(code: string): Promise<void> {
    if (!(await store.deleteService(this.db, code))) throw new NotFoundError(`No service "${code}"`);
    await this.changes.publish('ecosystem');
  }

  // Cloud regions

  listRegions(): Promise<CloudRegion[]> {
    return store.listRegions(this.db);
  }

  async createRegion(input: CloudRegionInput): Promise<CloudRegion> {
    const issues = regionIssues(input);
    if (issues.length > 0) throw new ValidationError(issues);
    let region: CloudRegion;
    try {
      region = await store.insertRegion(this.db, input);
    } catch (error) {
      if (uniqueViolation(error)) throw new ConflictError(`A region with code "${input.code}" exists`, 'code');
      throw error;
    }
    await this.changes.publish('ecosystem');
    return region;
  }

  async updateRegion(code: string, patch: CloudRegionPatch): Promise<CloudRegion> {
    const issues = regionIssues(patch);
    if (issues.length > 0) throw new ValidationError(issues);
    const region = await store.updateRegion(this.db, code, patch);
    if (!region) throw new NotFoundError(`No region "${code}"`);
    await this.changes.publish('ecosystem');
    return region;
  }

  /** Deletes a region no deployment names; the foreign key refuses otherwise, race-free. */
  async deleteRegion(code: string): Promise<void> {
    let deleted: boolean;
    try {
      deleted = await store.deleteRegion(this.db, code);
    } catch (error) {
      if (!foreignKeyViolation(error)) throw error;
      const services = [
        ...new Set((await store.listDeployments(this.db, { regionCode: code })).map((d) => d.serviceCode)),
      ];
      throw new ConflictError(
        `Region "${code}" still has deployments (${services.join(', ')}); delete them before the region`,
      );
    }
    if (!deleted) throw new NotFoundError(`No region "${code}"`);
    await this.changes.publish('ecosystem');
  }

  // Deployments

  async listDeployments(filter: DeploymentFilter = {}): Promise<DeploymentRecord[]> {
    const issues = await this.unknownCodes(filter);
    if (issues.length > 0) throw new ValidationError(issues);
    const rows = await store.listDeployments(this.db, { serviceCode: filter.service, regionCode: filter.region });
    const now = this.clock.now();
    return rows.map((d) => record(d, now));
  }

  async createDeployment(input: DeploymentInput): Promise<DeploymentRecord> {
    const values = {
      serviceCode: input.service,
      regionCode: input.region,
      liveFrom: input.liveFrom ?? null,
      retiredOn: input.retiredOn ?? null,
      notes: input.notes ?? '',
    };
    const issues = [...(await this.unknownCodes(input)), ...deploymentIssues(values)];
    if (issues.length > 0) throw new ValidationError(issues);
    let deployment: StoredDeployment;
    try {
      deployment = await store.insertDeployment(this.db, values);
    } catch (error) {
      // The service or region was deleted since the check above.
      const key = foreignKeyViolation(error);
      if (key) throw ValidationError.field(key.includes('region') ? 'region' : 'service', 'no longer exists');
      throw error;
    }
    await this.changes.publish('ecosystem');
    return record(deployment, this.clock.now());
  }

  async updateDeployment(id: string, patch: DeploymentPatch): Promise<DeploymentRecord> {
    // Locked while the merged dates are checked, so two patches cannot each pass alone and
    // together break the table's date check.
    const deployment = await this.db.transaction(async (tx) => {
      const current = await store.findDeployment(tx, id, { forUpdate: true });
      if (!current) throw new NotFoundError(`No deployment "${id}"`);
      const issues = deploymentIssues({ ...current, ...patch });
      if (issues.length > 0) throw new ValidationError(issues);
      return store.updateDeployment(tx, id, patch);
    });
    await this.changes.publish('ecosystem');
    return record(deployment, this.clock.now());
  }

  async deleteDeployment(id: string): Promise<void> {
    if (!(await store.deleteDeployment(this.db, id))) throw new NotFoundError(`No deployment "${id}"`);
    await this.changes.publish('ecosystem');
  }

  private async unknownCodes(codes: {
    service?: string | undefined;
    region?: string | undefined;
  }): Promise<FieldIssue[]> {
    const issues: FieldIssue[] = [];
    if (codes.service !== undefined && !(await store.serviceExists(this.db, codes.service))) {
      issues.push({
        field: 'service',
        message: `unknown service "${codes.service}"; GET /api/admin/services lists them`,
      });
    }
    if (codes.region !== undefined && !(await store.regionExists(this.db, codes.region))) {
      issues.push({ field: 'region', message: `unknown region "${codes.region}"; GET /api/admin/regions lists them` });
    }
    return issues;
  }
}

function record(d: StoredDeployment, instant: Date): DeploymentRecord {
  return {
    id: d.id,
    service: d.serviceCode,
    region: d.regionCode,
    liveFrom: d.liveFrom,
    retiredOn: d.retiredOn,
    notes: d.notes,
    status: deploymentStatus(d, instant),
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}
