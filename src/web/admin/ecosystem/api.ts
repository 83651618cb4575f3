import { queryOptions } from '@tanstack/react-query';
import { request, seg } from '../../api';

// The ecosystem API as the console uses it (src/modules/ecosystem/schemas.ts is the source): the cloud
// services products depend on, the regions they run in, and when each runs where.

export interface CloudService {
  /** kebab-case, e.g. "companion-app"; products name these in requiredServices. */
  code: string;
  name: string;
  description: string;
}

export interface CloudRegion {
  /** kebab-case, e.g. "us-east"; markets name these in allowedRegions. */
  code: string;
  name: string;
  /** ISO 3166-1 alpha-2 country of its data centres. */
  country: string;
}

/** Read off the dates by the server at the moment of the request: planned before liveFrom, retired from retiredOn. */
export type DeploymentStatus = 'planned' | 'live' | 'retired';

export interface Deployment {
  id: string;
  service: string;
  region: string;
  /** First day it serves customers (ISO day, UTC); null: planned without a date. */
  liveFrom: string | null;
  /** First day it no longer serves. */
  retiredOn: string | null;
  notes: string;
  status: DeploymentStatus;
  createdAt: string;
  updatedAt: string;
}

export interface DeploymentInput {
  service: string;
  region: string;
  liveFrom?: string | null;
  retiredOn?: string | null;
  notes?: string;
}

/** Service and region stay; null clears a date. */
export type DeploymentPatch = Partial<Pick<Deployment, 'liveFrom' | 'retiredOn' | 'notes'>>;

export const ecosystemQueries = {
  services: () =>
    queryOptions({
      queryKey: ['admin', 'ecosystem', 'services'],
      queryFn: () => request<{ services: CloudService[] }>('/api/admin/services'),
    }),
  regions: () =>
    queryOptions({
      queryKey: ['admin', 'ecosystem', 'regions'],
      queryFn: () => request<{ regions: CloudRegion[] }>('/api/admin/regions'),
    }),
  deployments: () =>
    queryOptions({
      queryKey: ['admin', 'ecosystem', 'deployments'],
      queryFn: () => request<{ deployments: Deployment[] }>('/api/admin/deployments'),
    }),
};

/** Everything on the page: deleting a service deletes its deployments, so one write can change every list. */
export const ecosystemKey = ['admin', 'ecosystem'] as const;

export const ecosystemCommands = {
  createService: (input: CloudService) => request<CloudService>('/api/admin/services', { method: 'POST', json: input }),
  updateService: (code: string, patch: Partial<Omit<CloudService, 'code'>>) =>
    request<CloudService>(`/api/admin/services/${seg(code)}`, { method: 'PATCH', json: patch }),
  deleteService: (code: string) => request<void>(`/api/admin/services/${seg(code)}`, { method: 'DELETE' }),
  createRegion: (input: CloudRegion) => request<CloudRegion>('/api/admin/regions', { method: 'POST', json: input }),
  updateRegion: (code: string, patch: Partial<Omit<CloudRegion, 'code'>>) =>
    request<CloudRegion>(`/api/admin/regions/${seg(code)}`, { method: 'PATCH', json: patch }),
  /** Refused (409) while a deployment names the region. */
  deleteRegion: (code: string) => request<void>(`/api/admin/regions/${seg(code)}`, { method: 'DELETE' }),
  createDeployment: (input: DeploymentInput) =>
    request<Deployment>('/api/admin/deployments', { method: 'POST', json: input }),
  updateDeployment: (id: string, patch: DeploymentPatch) =>
    request<Deployment>(`/api/admin/deployments/${seg(id)}`, { method: 'PATCH', json: patch }),
  deleteDeployment: (id: string) => request<void>(`/api/admin/deployments/${seg(id)}`, { method: 'DELETE' }),
};
