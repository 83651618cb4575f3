import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Deployment, serviceAvailability } from '../../src/modules/ecosystem/index.js';
import { manualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';

// The ecosystem admin API on the demo launch scenario, at a fixed instant: 24 November 2026.

const clock = manualClock('2026-11-24T12:00:00Z');
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ listen: false, clock });
});
afterAll(() => t.close());

function inject(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) {
  return t.inject({ method, url, ...(payload ? { payload } : {}) });
}

interface DeploymentBody {
  id: string;
  service: string;
  region: string;
  liveFrom: string | null;
  retiredOn: string | null;
  status: string;
}

async function deployments(query: string): Promise<DeploymentBody[]> {
  const res = await inject('GET', `/api/admin/deployments?${query}`);
  expect(res.statusCode).toBe(200);
  return res.json().deployments;
}

const US = ['us-east', 'us-west'];
const BAND_SERVICES = ['account', 'sync', 'companion-app', 'firmware-updates'];

describe('ecosystem demo data', () => {
  it('records every cloud region a market allows, each in an ISO country', async () => {
    const markets: Array<{ allowedRegions: string[] }> = (await inject('GET', '/api/admin/markets')).json().markets;
    const regions: Array<{ code: string; country: string }> = (await inject('GET', '/api/admin/regions')).json()
      .regions;
    const allowed = new Set(markets.flatMap((m) => m.allowedRegions));
    expect(regions.map((r) => r.code).sort()).toEqual([...allowed].sort());
    expect(regions.find((r) => r.code === 'uk-south')?.country).toBe('GB');
  });

  it('records the services the products need', async () => {
    const services = (await inject('GET', '/api/admin/services')).json().services;
    expect(services.map((s: { code: string }) => s.code).sort()).toEqual([
      'account',
      'app-store',
      'companion-app',
      'firmware-updates',
      'push-notifications',
      'sync',
      'video-cloud',
    ]);
  });

  it("runs the band's services in a US region", async () => {
    for (const service of BAND_SERVICES) {
      const live = (await deployments(`service=${service}`)).filter((d) => d.status === 'live');
      expect(
        live.some((d) => US.includes(d.region)),
        service,
      ).toBe(true);
    }
  });

  it('runs the app store and push notifications outside the US only, with one US plan dated 2027-03-01', async () => {
    for (const service of ['app-store', 'push-notifications']) {
      const all = await deployments(`service=${service}`);
      expect(
        all.filter((d) => d.status === 'live' && US.includes(d.region)),
        service,
      ).toEqual([]);
      expect(
        all.some((d) => d.status === 'live' && d.region === 'cn-north'),
        service,
      ).toBe(true);
    }
    const usPlans = [...(await deployments('region=us-east')), ...(await deployments('region=us-west'))].filter(
      (d) => d.status === 'planned',
    );
    expect(usPlans).toEqual([
      expect.objectContaining({ service: 'push-notifications', region: 'us-east', liveFrom: '2027-03-01' }),
    ]);
  });

  it('shows a retired deployment: camera video moved from Singapore to Sydney', async () => {
    const video = await deployments('service=video-cloud');
    expect(video.find((d) => d.region === 'sg')).toMatchObject({ status: 'retired', retiredOn: '2025-10-01' });
    expect(video.find((d) => d.region === 'ap-southeast-au')).toMatchObject({ status: 'live' });
  });

  it('runs every service of every listed product in a region its market allows', async () => {
    const { ecosystem, markets, assortment, catalog } = t.platform.services;
    const all: Deployment[] = await ecosystem.deploymentsOf((await ecosystem.listServices()).map((s) => s.code));
    const missing: string[] = [];
    for (const market of await markets.list()) {
      for (const { slug } of (await assortment.listedProducts(market.code)).listings) {
        for (const service of (await catalog.getProduct(slug)).requiredServices) {
          if (!serviceAvailability(service, all, market.allowedRegions, clock.now()).live) {
            missing.push(`${market.code} ${slug} ${service}`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('leaves the phone without its app store and push notifications in the US', async () => {
    const all = await t.platform.services.ecosystem.deploymentsOf(['app-store', 'push-notifications', 'account']);
    expect(new Set(all.map((d) => d.serviceCode))).toEqual(new Set(['app-store', 'push-notifications', 'account']));
    expect(serviceAvailability('app-store', all, US, clock.now())).toMatchObject({ live: false, earliest: null });
    expect(serviceAvailability('push-notifications', all, US, clock.now())).toMatchObject({
      live: false,
      liveElsewhere: expect.arrayContaining(['cn-north', 'ap-south', 'eu-central']),
      plannedAllowed: [{ region: 'us-east', liveFrom: '2027-03-01' }],
      earliest: '2027-03-01',
    });
    expect(await t.platform.services.ecosystem.deploymentsOf([])).toEqual([]);
  });
});

describe('cloud services admin API', () => {
  it('records a service, and answers 409 for its code again', async () => {
    const res = await inject('POST', '/api/admin/services', { code: 'voice-assistant', name: 'Voice assistant' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ code: 'voice-assistant', name: 'Voice assistant', description: '' });

    const again = await inject('POST', '/api/admin/services', { code: 'voice-assistant', name: 'Again' });
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(again.json().errors).toEqual([{ field: 'code', message: expect.stringContaining('voice-assistant') }]);
  });

  it('refuses a code that is not kebab-case and a missing name, naming both fields', async () => {
    const res = await inject('POST', '/api/admin/services', { code: 'Voice_Assistant' });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['code', 'name']);
  });

  it('changes a service and keeps its code', async () => {
    const res = await inject('PATCH', '/api/admin/services/voice-assistant', { description: 'Wake word and intents' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ code: 'voice-assistant', description: 'Wake word and intents' });
    expect((await inject('PATCH', '/api/admin/services/voice-assistant', { code: 'x' })).statusCode).toBe(400);
    expect((await inject('PATCH', '/api/admin/services/nothing-here', { name: 'x' })).statusCode).toBe(404);
  });

  it('deletes a service with its deployments', async () => {
    const created = await inject('POST', '/api/admin/deployments', {
      service: 'voice-assistant',
      region: 'cn-north',
      liveFrom: '2026-01-01',
    });
    expect(created.statusCode).toBe(201);
    expect((await inject('DELETE', '/api/admin/services/voice-assistant')).statusCode).toBe(204);
    expect(await deployments('region=cn-north')).not.toContainEqual(
      expect.objectContaining({ service: 'voice-assistant' }),
    );
    expect((await inject('DELETE', '/api/admin/services/voice-assistant')).statusCode).toBe(404);
  });
});

describe('cloud regions admin API', () => {
  it('records a region in an ISO country, and answers 409 for its code again', async () => {
    const region = { code: 'eu-north', name: 'EU North (Stockholm)', country: 'SE' };
    const res = await inject('POST', '/api/admin/regions', region);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual(region);
    const again = await inject('POST', '/api/admin/regions', region);
    expect(again.statusCode).toBe(409);
    expect(again.json().errors).toEqual([{ field: 'code', message: expect.any(String) }]);
  });

  it('refuses "UK" as a country, pointing to "GB"', async () => {
    const res = await inject('POST', '/api/admin/regions', { code: 'uk-west', name: 'UK West', country: 'UK' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'country', message: expect.stringContaining('"GB"') }]);
    const lower = await inject('PATCH', '/api/admin/regions/eu-north', { country: 'se' });
    expect(lower.statusCode).toBe(400);
    expect(lower.json().errors).toEqual([{ field: 'country', message: expect.any(String) }]);
  });

  it('changes a region', async () => {
    const res = await inject('PATCH', '/api/admin/regions/eu-north', { name: 'EU North' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ code: 'eu-north', name: 'EU North', country: 'SE' });
    expect((await inject('PATCH', '/api/admin/regions/nowhere', { name: 'x' })).statusCode).toBe(404);
  });

  it('refuses to delete a region a deployment still names, and deletes an unused one', async () => {
    const used = await inject('DELETE', '/api/admin/regions/us-east');
    expect(used.statusCode).toBe(409);
    expect(used.json().detail).toMatch(/us-east.*account/);
    expect((await inject('DELETE', '/api/admin/regions/eu-north')).statusCode).toBe(204);
    expect((await inject('DELETE', '/api/admin/regions/eu-north')).statusCode).toBe(404);
  });
});

describe('deployments admin API', () => {
  it('names the unknown service and region', async () => {
    const res = await inject('POST', '/api/admin/deployments', { service: 'teleport', region: 'moon-base' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { field: 'service', message: expect.stringContaining('"teleport"') },
      { field: 'region', message: expect.stringContaining('"moon-base"') },
    ]);
    const filter = await inject('GET', '/api/admin/deployments?service=teleport');
    expect(filter.statusCode).toBe(400);
    expect(filter.json().errors).toEqual([{ field: 'service', message: expect.any(String) }]);
  });

  it('refuses dates that are not ISO days, and a retirement without or before going live', async () => {
    const badDay = await inject('POST', '/api/admin/deployments', {
      service: 'video-cloud',
      region: 'us-west',
      liveFrom: '2026-02-30',
    });
    expect(badDay.statusCode).toBe(400);
    expect(badDay.json().errors.map((e: { field: string }) => e.field)).toContain('liveFrom');

    const noLive = await inject('POST', '/api/admin/deployments', {
      service: 'video-cloud',
      region: 'us-west',
      retiredOn: '2027-01-01',
    });
    expect(noLive.statusCode).toBe(400);
    expect(noLive.json().errors).toEqual([{ field: 'retiredOn', message: expect.stringContaining('liveFrom') }]);

    const backwards = await inject('POST', '/api/admin/deployments', {
      service: 'video-cloud',
      region: 'us-west',
      liveFrom: '2027-01-01',
      retiredOn: '2026-12-31',
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors).toEqual([{ field: 'retiredOn', message: 'must be after liveFrom (2027-01-01)' }]);
  });

  it("computes each deployment's status from its dates at the clock's instant", async () => {
    const create = async (body: object) => {
      const res = await inject('POST', '/api/admin/deployments', {
        service: 'video-cloud',
        region: 'us-west',
        ...body,
      });
      expect(res.statusCode).toBe(201);
      return res.json() as DeploymentBody;
    };
    const undated = await create({ notes: 'when the camera comes to the US' });
    const dated = await create({ liveFrom: '2026-12-01' });
    const live = await create({ liveFrom: '2026-11-24' });
    const retired = await create({ liveFrom: '2025-01-01', retiredOn: '2026-11-24' });
    expect([undated, dated, live, retired].map((d) => d.status)).toEqual(['planned', 'planned', 'live', 'retired']);
    expect(undated).toMatchObject({ liveFrom: null, retiredOn: null, notes: 'when the camera comes to the US' });

    clock.set('2026-12-01T00:00:00Z');
    try {
      const byId = new Map((await deployments('service=video-cloud&region=us-west')).map((d) => [d.id, d.status]));
      expect([undated, dated, live, retired].map((d) => byId.get(d.id))).toEqual([
        'planned',
        'live',
        'live',
        'retired',
      ]);
    } finally {
      clock.set('2026-11-24T12:00:00Z');
    }
  });

  it('changes the dates of a deployment, checking them together with the stored ones', async () => {
    const [planned] = (await deployments('service=video-cloud&region=us-west')).filter((d) => d.liveFrom === null);
    const bad = await inject('PATCH', `/api/admin/deployments/${planned!.id}`, { retiredOn: '2027-01-01' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ field: 'retiredOn', message: expect.any(String) }]);

    const live = await inject('PATCH', `/api/admin/deployments/${planned!.id}`, { liveFrom: '2026-06-01' });
    expect(live.json()).toMatchObject({ liveFrom: '2026-06-01', status: 'live' });
    const retired = await inject('PATCH', `/api/admin/deployments/${planned!.id}`, { retiredOn: '2026-11-01' });
    expect(retired.json()).toMatchObject({ retiredOn: '2026-11-01', status: 'retired' });
    const earlier = await inject('PATCH', `/api/admin/deployments/${planned!.id}`, { liveFrom: '2026-11-02' });
    expect(earlier.statusCode).toBe(400);
    expect(earlier.json().errors).toEqual([{ field: 'retiredOn', message: 'must be after liveFrom (2026-11-02)' }]);
    const cleared = await inject('PATCH', `/api/admin/deployments/${planned!.id}`, {
      liveFrom: null,
      retiredOn: null,
    });
    expect(cleared.json()).toMatchObject({ liveFrom: null, retiredOn: null, status: 'planned' });
  });

  it('deletes a deployment, and answers 404 for one that does not exist', async () => {
    const [first] = await deployments('service=video-cloud&region=us-west');
    expect((await inject('DELETE', `/api/admin/deployments/${first!.id}`)).statusCode).toBe(204);
    expect((await inject('DELETE', `/api/admin/deployments/${first!.id}`)).statusCode).toBe(404);
    expect((await inject('PATCH', `/api/admin/deployments/${first!.id}`, { notes: 'x' })).statusCode).toBe(404);
    expect((await inject('DELETE', '/api/admin/deployments/not-a-uuid')).statusCode).toBe(400);
  });

  it("announces every write on the change feed as 'ecosystem'", async () => {
    const topics: string[] = [];
    const unsubscribe = t.platform.changes.subscribe((topic) => topics.push(topic));
    try {
      const res = await inject('POST', '/api/admin/deployments', { service: 'sync', region: 'uk-south' });
      await inject('DELETE', `/api/admin/deployments/${res.json().id}`);
      await inject('PATCH', '/api/admin/services/sync', { name: 'Cloud sync' });
      await inject('PATCH', '/api/admin/regions/sg', { name: 'Singapore' });
    } finally {
      unsubscribe();
    }
    expect(topics).toEqual(['ecosystem', 'ecosystem', 'ecosystem', 'ecosystem']);
  });
});

describe('who may use the ecosystem API', () => {
  it('lets compliance record a deployment and merchandisers read, but not write', async () => {
    const compliance = await t.tokenFor('compliance');
    const merchandiser = await t.tokenFor('merchandiser');
    const body = { service: 'sync', region: 'uk-south' };
    const created = await t.inject({
      method: 'POST',
      url: '/api/admin/deployments',
      payload: body,
      headers: compliance,
    });
    expect(created.statusCode).toBe(201);
    await inject('DELETE', `/api/admin/deployments/${created.json().id}`);
    expect((await t.inject({ method: 'GET', url: '/api/admin/services', headers: merchandiser })).statusCode).toBe(200);
    const write = await t.inject({
      method: 'POST',
      url: '/api/admin/deployments',
      payload: body,
      headers: merchandiser,
    });
    expect(write.statusCode).toBe(403);
  });

  it('refuses a moderator every write, and reads too', async () => {
    const headers = await t.tokenFor('moderator');
    const attempts = [
      { method: 'POST' as const, url: '/api/admin/services', payload: { code: 'x', name: 'X' } },
      { method: 'PATCH' as const, url: '/api/admin/regions/sg', payload: { name: 'X' } },
      { method: 'DELETE' as const, url: '/api/admin/services/account' },
      { method: 'POST' as const, url: '/api/admin/deployments', payload: { service: 'sync', region: 'sg' } },
      { method: 'GET' as const, url: '/api/admin/deployments' },
    ];
    for (const attempt of attempts) {
      const res = await t.inject({ ...attempt, headers });
      expect(res.statusCode, `${attempt.method} ${attempt.url}`).toBe(403);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect((await inject('GET', '/api/admin/services')).json().services).toContainEqual(
      expect.objectContaining({ code: 'account' }),
    );
  });

  it('answers 401 without credentials', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/admin/regions', headers: {} });
    expect(res.statusCode).toBe(401);
  });
});
