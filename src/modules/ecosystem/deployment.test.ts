import { describe, expect, it } from 'vitest';
import { type Deployment, deploymentIssues, deploymentStatus, serviceAvailability } from './deployment.js';

const at = (iso: string) => new Date(iso);

function deployment(regionCode: string, liveFrom: string | null, retiredOn: string | null = null): Deployment {
  return { serviceCode: 'account', regionCode, liveFrom, retiredOn };
}

describe('deploymentStatus', () => {
  const d = { liveFrom: '2026-09-01', retiredOn: '2027-01-01' };

  it('is planned until the last millisecond before liveFrom (UTC)', () => {
    expect(deploymentStatus(d, at('2026-08-31T23:59:59.999Z'))).toBe('planned');
  });

  it('is live from the first instant of liveFrom, whatever the local time zone says', () => {
    expect(deploymentStatus(d, at('2026-09-01T00:00:00.000Z'))).toBe('live');
    // 23:00 on 31 August in New York is already 1 September in UTC.
    expect(deploymentStatus(d, at('2026-08-31T23:00:00-04:00'))).toBe('live');
  });

  it('is live until the last millisecond before retiredOn, and retired from its first instant', () => {
    expect(deploymentStatus(d, at('2026-12-31T23:59:59.999Z'))).toBe('live');
    expect(deploymentStatus(d, at('2027-01-01T00:00:00.000Z'))).toBe('retired');
    expect(deploymentStatus(d, at('2030-01-01T00:00:00.000Z'))).toBe('retired');
  });

  it('is planned forever when no liveFrom is set', () => {
    expect(deploymentStatus({ liveFrom: null, retiredOn: null }, at('2100-01-01T00:00:00Z'))).toBe('planned');
  });

  it('stays live with no retiredOn', () => {
    expect(deploymentStatus({ liveFrom: '2020-01-01', retiredOn: null }, at('2100-01-01T00:00:00Z'))).toBe('live');
  });
});

describe('serviceAvailability', () => {
  const now = at('2026-11-24T12:00:00Z');
  const us = ['us-east', 'us-west'];

  it('is live in the allowed regions where a deployment is live, in the policy order', () => {
    const deployments = [deployment('us-west', '2026-01-01'), deployment('us-east', '2025-01-01')];
    expect(serviceAvailability('account', deployments, us, now)).toEqual({
      live: true,
      liveIn: ['us-east', 'us-west'],
      liveElsewhere: [],
      plannedAllowed: [],
      earliest: null,
    });
  });

  it('is not live when it runs only where the market does not allow, and says where it runs', () => {
    const deployments = [deployment('sg', '2024-01-01'), deployment('cn-north', '2020-01-01')];
    expect(serviceAvailability('account', deployments, us, now)).toEqual({
      live: false,
      liveIn: [],
      liveElsewhere: ['cn-north', 'sg'],
      plannedAllowed: [],
      earliest: null,
    });
  });

  it('names the earliest dated plan in an allowed region, ignoring plans elsewhere', () => {
    const deployments = [
      deployment('us-west', null),
      deployment('us-west', '2027-06-01'),
      deployment('us-east', '2027-03-01'),
      deployment('sg', '2026-12-01'),
    ];
    expect(serviceAvailability('account', deployments, us, now)).toEqual({
      live: false,
      liveIn: [],
      liveElsewhere: [],
      plannedAllowed: [
        { region: 'us-east', liveFrom: '2027-03-01' },
        { region: 'us-west', liveFrom: '2027-06-01' },
        { region: 'us-west', liveFrom: null },
      ],
      earliest: '2027-03-01',
    });
  });

  it('has no earliest date when every plan in an allowed region is undated', () => {
    const result = serviceAvailability('account', [deployment('us-east', null)], us, now);
    expect(result).toMatchObject({ live: false, plannedAllowed: [{ region: 'us-east', liveFrom: null }] });
    expect(result.earliest).toBeNull();
  });

  it('counts a retired deployment as neither live nor planned', () => {
    const result = serviceAvailability('account', [deployment('us-east', '2024-01-01', '2026-11-24')], us, now);
    expect(result).toEqual({ live: false, liveIn: [], liveElsewhere: [], plannedAllowed: [], earliest: null });
  });

  it('becomes live at the exact instant a planned deployment goes live', () => {
    const deployments = [deployment('us-east', '2027-03-01')];
    expect(serviceAvailability('account', deployments, us, at('2027-02-28T23:59:59.999Z')).live).toBe(false);
    expect(serviceAvailability('account', deployments, us, at('2027-03-01T00:00:00Z'))).toMatchObject({
      live: true,
      liveIn: ['us-east'],
      plannedAllowed: [],
    });
  });

  it('reads only the deployments of the service asked about', () => {
    const other = { ...deployment('us-east', '2020-01-01'), serviceCode: 'sync' };
    expect(serviceAvailability('account', [other], us, now).live).toBe(false);
    expect(serviceAvailability('sync', [other], us, now).live).toBe(true);
  });

  it('is never live in a market that allows no region', () => {
    const deployments = [deployment('us-east', '2020-01-01'), deployment('us-west', null)];
    expect(serviceAvailability('account', deployments, [], now)).toEqual({
      live: false,
      liveIn: [],
      liveElsewhere: ['us-east'],
      plannedAllowed: [],
      earliest: null,
    });
  });

  it('is not live for a service with no deployment at all', () => {
    expect(serviceAvailability('video-cloud', [], us, now)).toEqual({
      live: false,
      liveIn: [],
      liveElsewhere: [],
      plannedAllowed: [],
      earliest: null,
    });
  });
});

describe('deploymentIssues', () => {
  it('accepts a plan, a live deployment and one retired after it went live', () => {
    expect(deploymentIssues({ liveFrom: null, retiredOn: null })).toEqual([]);
    expect(deploymentIssues({ liveFrom: '2026-01-01', retiredOn: null })).toEqual([]);
    expect(deploymentIssues({ liveFrom: '2026-01-01', retiredOn: '2026-01-02' })).toEqual([]);
  });

  it('refuses a retirement without a liveFrom, or on or before it', () => {
    expect(deploymentIssues({ liveFrom: null, retiredOn: '2026-01-01' })).toEqual([
      { field: 'retiredOn', message: expect.stringContaining('liveFrom') },
    ]);
    expect(deploymentIssues({ liveFrom: '2026-01-01', retiredOn: '2026-01-01' })).toEqual([
      { field: 'retiredOn', message: 'must be after liveFrom (2026-01-01)' },
    ]);
  });
});
