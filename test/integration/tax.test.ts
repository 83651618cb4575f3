import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';

// What a basket costs delivered to an address: prices, shipping and tax, through the store's quote.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ listen: false });
});
afterAll(() => t.close());

const address = (over: object) => ({ name: 'Ada Lovelace', line1: '1 Main Street', city: 'Springfield', ...over });
const quote = (market: string, body: object) =>
  t.inject({ method: 'POST', url: `/api/store/markets/${market}/quote`, payload: body });

describe('an inclusive market: EU prices include VAT', () => {
  it('takes German VAT out of the price: the total is the shelf price plus shipping', async () => {
    const res = await quote('eu', {
      lines: [{ sku: 'MIPB10K-SLV', quantity: 1 }],
      shippingAddress: address({ country: 'DE', postalCode: '10115', city: 'Berlin' }),
      shippingMethod: 'standard',
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      market: 'EU',
      currency: 'EUR',
      pricesIncludeTax: true,
      lines: [
        {
          sku: 'MIPB10K-SLV',
          quantity: 1,
          unitPrice: { amount: 2999, formatted: '€29.99' },
          total: { amount: 2999 },
          tax: { amount: 479, formatted: '€4.79' },
        },
      ],
      subtotal: { amount: 2999 },
      shipping: { method: 'standard', amount: { amount: 499, formatted: '€4.99' }, tax: { amount: 80 } },
      tax: {
        included: true,
        amount: { amount: 559, formatted: '€5.59' },
        rates: [{ jurisdiction: 'DE', label: 'VAT 19% (included)', rate: '19', amount: { amount: 559 } }],
      },
      total: { amount: 3498, formatted: '€34.98' },
    });
  });

  it('keeps the same shelf price for a French address, with the French VAT inside', async () => {
    const body = (
      await quote('EU', {
        lines: [{ sku: 'MIPB10K-SLV', quantity: 2 }],
        shippingAddress: address({ country: 'FR', postalCode: '75001', city: 'Paris' }),
        shippingMethod: 'standard',
      })
    ).json();
    // 2 x 29.99 = 59.98 reaches the 39.00 threshold: free shipping.
    expect(body.shipping.amount.amount).toBe(0);
    expect(body.tax.rates[0].label).toBe('VAT 20% (included)');
    expect(body.tax.amount.amount).toBe(1000); // 59.98 / 1.2 x 0.2 = 9.9967
    expect(body.total.formatted).toBe('€59.98');
  });
});

describe('an exclusive market: US prices add state tax', () => {
  it('adds California sales tax to the goods, not to the separately stated shipping', async () => {
    const res = await quote('us', {
      lines: [{ sku: 'MIPB10K-SLV', quantity: 1 }],
      shippingAddress: address({ country: 'US', region: 'CA', postalCode: '94103', city: 'San Francisco' }),
      shippingMethod: 'standard',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      currency: 'USD',
      pricesIncludeTax: false,
      subtotal: { amount: 2999, formatted: '$29.99' },
      shipping: { amount: { amount: 599 }, tax: { amount: 0 } },
      tax: {
        included: false,
        amount: { amount: 217, formatted: '$2.17' },
        rates: [{ jurisdiction: 'US-CA', label: 'CA sales tax 7.25%', rate: '7.25' }],
      },
      total: { amount: 2999 + 599 + 217, formatted: '$38.15' },
    });
  });

  it('taxes shipping in a state that taxes delivery charges, and ships free from $35', async () => {
    const ny = (
      await quote('US', {
        lines: [{ sku: 'MIBAND-BLK', quantity: 1 }],
        shippingAddress: address({ country: 'US', region: 'NY', postalCode: '10001' }),
        shippingMethod: 'express',
      })
    ).json();
    expect(ny.tax.rates[0].label).toBe('NY sales tax 4%');
    expect(ny.shipping.tax.amount).toBe(60); // 14.99 x 4% = 0.5996
    expect(ny.tax.amount.amount).toBe(140 + 60); // 34.99 x 4% = 1.3996
    const free = (
      await quote('US', {
        lines: [{ sku: 'MIPB20K-WHT', quantity: 1 }],
        shippingAddress: address({ country: 'US', region: 'OR', postalCode: '97201' }),
        shippingMethod: 'standard',
      })
    ).json();
    expect(free).toMatchObject({ shipping: { amount: { amount: 0 } }, tax: { amount: { amount: 0 }, rates: [] } });
  });

  it('adds GST and QST for a Quebec address in Canada', async () => {
    const body = (
      await quote('CA', {
        lines: [{ sku: 'MIIEH-SLV', quantity: 1 }],
        shippingAddress: address({ country: 'CA', region: 'QC', postalCode: 'H2X 1Y4', city: 'Montréal' }),
      })
    ).json();
    expect(body.shipping).toBeNull();
    expect(
      body.tax.rates.map((r: { label: string; amount: { amount: number } }) => [r.label, r.amount.amount]),
    ).toEqual([
      ['GST 5%', 100],
      ['QST 9.975%', 199],
    ]);
    expect(body.total.formatted).toBe('$22.98');
  });
});

describe('JPY', () => {
  it('quotes yen with no decimals anywhere', async () => {
    const body = (
      await quote('JP', {
        lines: [{ sku: 'MIPB10K-SLV', quantity: 1 }],
        shippingAddress: address({ country: 'JP', postalCode: '1000001', city: 'Tokyo' }),
        shippingMethod: 'standard',
      })
    ).json();
    expect(body.lines[0].unitPrice).toEqual({ amount: 4480, currency: 'JPY', formatted: '￥4,480' });
    expect(body.total.formatted).toBe('￥4,480'); // free from ￥3,980
    expect(body.tax).toMatchObject({
      amount: { amount: 407, formatted: '￥407' },
      rates: [{ label: 'consumption tax 10% (included)' }],
    });
  });
});

describe('what a quote refuses, naming the field', () => {
  const fields = (res: { json(): { errors: Array<{ field: string }> } }) => res.json().errors.map((e) => e.field);

  it('a bad postal code', async () => {
    const res = await quote('US', {
      lines: [{ sku: 'MIPB10K-SLV', quantity: 1 }],
      shippingAddress: address({ country: 'US', region: 'CA', postalCode: '9410' }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors).toEqual([
      {
        field: 'shippingAddress.postalCode',
        message: '"9410" is not a ZIP code of the United States. Enter it like 94103 or 94103-1234.',
      },
    ]);
  });

  it('a US address without its state, and a country the market does not deliver to', async () => {
    const noState = await quote('US', {
      lines: [{ sku: 'MIPB10K-SLV', quantity: 1 }],
      shippingAddress: address({ country: 'US', postalCode: '94103' }),
    });
    expect(fields(noState)).toEqual(['shippingAddress.region']);
    const abroad = await quote('US', {
      lines: [{ sku: 'MIPB10K-SLV', quantity: 1 }],
      shippingAddress: address({ country: 'MX', postalCode: '06600' }),
    });
    expect(fields(abroad)).toEqual(['shippingAddress.country']);
  });

  it('a SKU not for sale in the market, a repeated SKU, and an unknown shipping method, all at once', async () => {
    const res = await quote('US', {
      lines: [
        { sku: 'MI4-16GB-BLK', quantity: 1 },
        { sku: 'MIPB10K-SLV', quantity: 1 },
        { sku: 'MIPB10K-SLV', quantity: 2 },
      ],
      shippingAddress: address({ country: 'US', region: 'CA', postalCode: '94103' }),
      shippingMethod: 'teleport',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { field: 'lines.0.sku', message: 'MI4-16GB-BLK is not for sale in United States' },
      { field: 'lines.2.sku', message: 'MIPB10K-SLV is already line 1' },
      {
        field: 'shippingMethod',
        message: 'United States has no shipping method "teleport" (it has: standard, express)',
      },
    ]);
  });

  it('a quantity that is not a positive whole number', async () => {
    const res = await quote('US', {
      lines: [{ sku: 'MIPB10K-SLV', quantity: 0 }],
      shippingAddress: address({ country: 'US', region: 'CA', postalCode: '94103' }),
    });
    expect(fields(res)).toEqual(['lines.0.quantity']);
  });
});

describe('the tax provider seam', () => {
  it('is the built-in provider, reachable by checkout through the services', async () => {
    const { tax } = t.platform.services;
    expect(tax.name).toBe('built-in');
    const quoted = await tax.quote({
      market: { code: 'US', currency: 'USD', taxMode: 'exclusive', countries: ['US'] },
      address: { country: 'US', region: 'TX', postalCode: '73301' },
      lines: [{ id: 'line-1', amount: 10_000, quantity: 2 }],
      shipping: 0,
    });
    expect(quoted).toMatchObject({ totalTax: 625, lines: [{ id: 'line-1', tax: 625 }] });
  });
});
