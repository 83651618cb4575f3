import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/database/index.js';
import type { Deployment } from './deployment.js';
import type {
  CloudRegion,
  CloudRegionInput,
  CloudRegionPatch,
  CloudService,
  CloudServiceInput,
  CloudServicePatch,
  DeploymentPatch,
} from './schemas.js';
import { cloudRegions, cloudServices, deployments } from './tables.js';

// SQL for the ecosystem's tables, nothing else.

type DeploymentRow = typeof deployments.$inferSelect;

/** A deployment as stored; its status is not stored, it is read off the dates when asked. */
export interface StoredDeployment extends Deployment {
  id: string;
  notes: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface DeploymentValues {
  serviceCode: string;
  regionCode: string;
  liveFrom: string | null;
  retiredOn: string | null;
  notes: string;
}

function toDeployment(row: DeploymentRow): StoredDeployment {
  return {
    id: row.id,
    serviceCode: row.serviceCode,
    regionCode: row.regionCode,
    liveFrom: row.liveFrom,
    retiredOn: row.retiredOn,
    notes: row.notes,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const ecosystemStore = {
  listServices(db: Executor): Promise<CloudService[]> {
    return db.select().from(cloudServices).orderBy(asc(cloudServices.code));
  },

  async serviceExists(db: Executor, code: string): Promise<boolean> {
    const rows = await db.select({ code: cloudServices.code }).from(cloudServices).where(eq(cloudServices.code, code));
    return rows.length > 0;
  },

  async insertService(db: Executor, input: CloudServiceInput): Promise<CloudService> {
    const [row] = await db.insert(cloudServices).values(input).returning();
    return row!;
  },

  async updateService(db: Executor, code: string, patch: CloudServicePatch): Promise<CloudService | undefined> {
    const [row] = await db.update(cloudServices).set(patch).where(eq(cloudServices.code, code)).returning();
    return row;
  },

  /** Deletes the service and, by the foreign key's cascade, its deployments. */
  async deleteService(db: Executor, code: string): Promise<boolean> {
    const rows = await db
      .delete(cloudServices)
      .where(eq(cloudServices.code, code))
      .returning({ code: cloudServices.code });
    return rows.length > 0;
  },

  listRegions(db: Executor): Promise<CloudRegion[]> {
    return db.select().from(cloudRegions).orderBy(asc(cloudRegions.code));
  },

  async regionExists(db: Executor, code: string): Promise<boolean> {
    const rows = await db.select({ code: cloudRegions.code }).from(cloudRegions).where(eq(cloudRegions.code, code));
    return rows.length > 0;
  },

  async insertRegion(db: Executor, input: CloudRegionInput): Promise<CloudRegion> {
    const [row] = await db.insert(cloudRegions).values(input).returning();
    return row!;
  },

  async updateRegion(db: Executor, code: string, patch: CloudRegionPatch): Promise<CloudRegion | undefined> {
    const [row] = await db.update(cloudRegions).set(patch).where(eq(cloudRegions.code, code)).returning();
    return row;
  },

  /** Refused by the foreign key (restrict) while a deployment names the region. */
  async deleteRegion(db: Executor, code: string): Promise<boolean> {
    const rows = await db
      .delete(cloudRegions)
      .where(eq(cloudRegions.code, code))
      .returning({ code: cloudRegions.code });
    return rows.length > 0;
  },

  async listDeployments(
    db: Executor,
    filter: { serviceCode?: string | undefined; regionCode?: string | undefined; serviceCodes?: string[] } = {},
  ): Promise<StoredDeployment[]> {
    const rows = await db
      .select()
      .from(deployments)
      .where(
        and(
          filter.serviceCode === undefined ? undefined : eq(deployments.serviceCode, filter.serviceCode),
          filter.regionCode === undefined ? undefined : eq(deployments.regionCode, filter.regionCode),
          filter.serviceCodes === undefined ? undefined : inArray(deployments.serviceCode, filter.serviceCodes),
        ),
      )
      .orderBy(
        asc(deployments.serviceCode),
        asc(deployments.regionCode),
        sql`${deployments.liveFrom} asc nulls last`,
        asc(deployments.createdAt),
      );
    return rows.map(toDeployment);
  },

  /** The deployment with this id, locked for update when run inside a transaction. */
  async findDeployment(
    db: Executor,
    id: string,
    options: { forUpdate?: boolean } = {},
  ): Promise<StoredDeployment | undefined> {
    if (!UUID.test(id)) return undefined;
    const query = db.select().from(deployments).where(eq(deployments.id, id));
    const [row] = options.forUpdate ? await query.for('update') : await query;
    return row ? toDeployment(row) : undefined;
  },

  async insertDeployment(db: Executor, values: DeploymentValues): Promise<StoredDeployment> {
    const [row] = await db.insert(deployments).values(values).returning();
    return toDeployment(row!);
  },

  async updateDeployment(db: Executor, id: string, patch: DeploymentPatch): Promise<StoredDeployment> {
    const [row] = await db
      .update(deployments)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(eq(deployments.id, id))
      .returning();
    return toDeployment(row!);
  },

  async deleteDeployment(db: Executor, id: string): Promise<boolean> {
    if (!UUID.test(id)) return false;
    const rows = await db.delete(deployments).where(eq(deployments.id, id)).returning({ id: deployments.id });
    return rows.length > 0;
  },
};
