import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DIR, loadDemo } from '../../src/demo/load.js';
import { startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ seed: false, listen: false });
});
afterAll(() => t.close());

function brokenDemo(edit: (products: Array<Record<string, unknown>>) => void): string {
  const dir = `${mkdtempSync(join(tmpdir(), 'marketgate-demo-'))}/`;
  cpSync(DEMO_DIR, dir, { recursive: true });
  const products = JSON.parse(readFileSync(`${dir}products.json`, 'utf8'));
  edit(products);
  writeFileSync(`${dir}products.json`, JSON.stringify(products));
  return dir;
}

describe('demo launch scenario loader', () => {
  it('refuses a broken data file, naming file and field, before storing anything', async () => {
    const dir = brokenDemo((products) => {
      (products[0]!.deviceProfile as Record<string, unknown>).radios = ['ham-radio'];
    });
    await expect(loadDemo(t.platform.services, dir)).rejects.toThrow(/products\.json: 0\.deviceProfile\.radios\.0/);
    expect(await t.platform.services.markets.list()).toEqual([]);
  });

  it('loads the scenario, and loading it again changes nothing', async () => {
    const first = await loadDemo(t.platform.services);
    expect(first.created).toMatchObject({ markets: 9, products: 11, locations: 3, stockLevels: 44 });
    const again = await loadDemo(t.platform.services);
    expect(again.created).toEqual({
      categories: 0,
      markets: 0,
      products: 0,
      listings: 0,
      certificates: 0,
      services: 0,
      regions: 0,
      deployments: 0,
      locations: 0,
      stockLevels: 0,
      prices: 0,
      shippingMethods: 0,
      flashSales: 0,
      comments: 0,
    });
    expect(first.created).toMatchObject({ prices: 121, shippingMethods: 18, flashSales: 1, comments: 8 });
    expect(again.kept).toMatchObject({
      markets: 9,
      products: 11,
      services: 7,
      regions: 13,
      deployments: 49,
      locations: 3,
      stockLevels: 44,
      prices: 121,
      shippingMethods: 18,
      flashSales: 1,
      comments: 8,
    });
  });

  it("does not make a local tester's first comment look like a flood", async () => {
    const [seeded] = await loadDemoComments();
    const visitor = { ipAddress: '127.0.0.1', userAgent: 'a browser', referrer: undefined };
    const posted = await t.platform.services.discussion.post(
      seeded!,
      {
        name: 'Local Tester',
        email: 'tester@example.com',
        content: 'The cable feels sturdy and the case closes well.',
      },
      visitor,
    );
    expect(posted.status).toBe('published');
  });
});

/** The products the demo's comments are on (the scenario is loaded by the test before). */
async function loadDemoComments(): Promise<string[]> {
  const comments = JSON.parse(readFileSync(`${DEMO_DIR}comments.json`, 'utf8')) as Array<{ product: string }>;
  return comments.map((c) => c.product);
}
