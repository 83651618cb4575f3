import { describe, expect, it } from 'vitest';
import { addressIssues, normalizeAddress, type ShippingAddress } from './address.js';
import { isPostalCode, normalizePostalCode } from './postal.js';

const us = { name: 'United States', countries: ['US'] };
const ca = { name: 'Canada', countries: ['CA'] };
const uk = { name: 'United Kingdom', countries: ['GB'] };
const india = { name: 'India', countries: ['IN'] };
const eu = { name: 'European Union (euro area)', countries: ['AT', 'DE', 'FR', 'IE', 'NL', 'PT', 'LU'] };
const world = { name: 'World', countries: ['US', 'CA', 'GB', 'IN', 'DE', 'JP', 'AU', 'BR'] };

const address = (over: Partial<ShippingAddress>): ShippingAddress => ({
  name: 'Ada Lovelace',
  line1: '1 Main Street',
  city: 'Springfield',
  country: 'US',
  region: 'CA',
  postalCode: '94103',
  ...over,
});

const fields = (issues: Array<{ field: string }>) => issues.map((i) => i.field);

describe('a deliverable address', () => {
  it('passes for each market with its own format', () => {
    expect(addressIssues(address({}), us)).toEqual([]);
    expect(addressIssues(address({ country: 'CA', region: 'ON', postalCode: 'K1A 0B1' }), ca)).toEqual([]);
    expect(addressIssues(address({ country: 'GB', region: undefined, postalCode: 'SW1A 1AA' }), uk)).toEqual([]);
    expect(addressIssues(address({ country: 'IN', region: 'Delhi', postalCode: '110001' }), india)).toEqual([]);
    expect(addressIssues(address({ country: 'DE', region: undefined, postalCode: '10115' }), eu)).toEqual([]);
  });

  it('is normalised: trimmed, codes upper-cased, postcodes spaced the national way', () => {
    expect(
      normalizeAddress(address({ name: ' Ada ', country: 'ca', region: 'on', postalCode: ' k1a0b1 ', line2: '  ' })),
    ).toEqual({
      name: 'Ada',
      line1: '1 Main Street',
      line2: undefined,
      city: 'Springfield',
      country: 'CA',
      region: 'ON',
      postalCode: 'K1A 0B1',
    });
    expect(normalizeAddress(address({ region: 'US-ny' })).region).toBe('NY');
  });
});

describe('the country', () => {
  it('must be one of the market’s, and the message says where the store delivers', () => {
    const issues = addressIssues(address({ country: 'CA', region: 'ON', postalCode: 'K1A 0B1' }), us);
    expect(issues).toEqual([
      {
        field: 'shippingAddress.country',
        message: "We can't deliver to Canada from our United States store. It delivers to the United States.",
      },
    ]);
  });

  it('asks for a country when the code is not one', () => {
    expect(addressIssues(address({ country: 'XX' }), us)[0]).toMatchObject({
      field: 'shippingAddress.country',
      message: expect.stringContaining('Choose the country'),
    });
  });

  it('uses the prefix it is given', () => {
    expect(fields(addressIssues(address({ country: 'FR' }), us, 'billingAddress'))).toEqual(['billingAddress.country']);
  });
});

describe('the region', () => {
  it('is required for a US address, where the state decides the sales tax', () => {
    expect(addressIssues(address({ region: undefined }), us)).toEqual([
      { field: 'shippingAddress.region', message: 'Choose the state.' },
    ]);
  });

  it('must be a US state or DC, by its two-letter code', () => {
    expect(addressIssues(address({ region: 'DC', postalCode: '20500' }), us)).toEqual([]);
    expect(addressIssues(address({ region: 'California' }), us)).toEqual([
      {
        field: 'shippingAddress.region',
        message:
          '"California" is not a state of the United States. Use its two-letter code, for example CA for California.',
      },
    ]);
    expect(fields(addressIssues(address({ region: 'PR', postalCode: '00901' }), us))).toEqual([
      'shippingAddress.region',
    ]);
  });

  it('is required for a Canadian address and must be a province or territory', () => {
    expect(fields(addressIssues(address({ country: 'CA', region: '', postalCode: 'K1A 0B1' }), ca))).toEqual([
      'shippingAddress.region',
    ]);
    expect(addressIssues(address({ country: 'CA', region: 'QB', postalCode: 'H2X 1Y4' }), ca)[0]?.message).toContain(
      'ON for Ontario',
    );
  });

  it('is free text, and optional, elsewhere', () => {
    expect(addressIssues(address({ country: 'GB', region: 'Greater London', postalCode: 'EC1A 1BB' }), uk)).toEqual([]);
    expect(
      fields(addressIssues(address({ country: 'GB', region: 'x'.repeat(101), postalCode: 'EC1A 1BB' }), uk)),
    ).toEqual(['shippingAddress.region']);
  });
});

describe('the postal code', () => {
  const bad = (over: Partial<ShippingAddress>, market = world) =>
    addressIssues(address(over), market).filter((i) => i.field === 'shippingAddress.postalCode');

  it('US: a ZIP code or ZIP+4', () => {
    for (const zip of ['94103', '94103-1234', '00501']) expect(bad({ postalCode: zip }), zip).toEqual([]);
    for (const zip of ['9410', '941031', '94103-123', 'ABCDE', '94103 1234']) {
      expect(bad({ postalCode: zip }), zip).toEqual([
        {
          field: 'shippingAddress.postalCode',
          message: `"${zip}" is not a ZIP code of the United States. Enter it like 94103 or 94103-1234.`,
        },
      ]);
    }
  });

  it('CA: A1A 1A1, with or without the space, in any case, and never with D F I O Q U', () => {
    const canada = { country: 'CA', region: 'ON' };
    for (const code of ['K1A 0B1', 'k1a0b1', 'M5V 3L9', 'L4C 2B7'])
      expect(bad({ ...canada, postalCode: code }), code).toEqual([]);
    for (const code of ['K1A 0B', 'K1A-0B1X', 'D1A 0B1', 'K1O 0B1', 'W1A 0B1', '12345', 'KKA 0B1']) {
      expect(fields(bad({ ...canada, postalCode: code })), code).toEqual(['shippingAddress.postalCode']);
    }
  });

  it('CA: must lie in the province the address names (the letter is the province)', () => {
    expect(bad({ country: 'CA', region: 'QC', postalCode: 'H2X 1Y4' })).toEqual([]);
    expect(bad({ country: 'CA', region: 'NU', postalCode: 'X0A 0H0' })).toEqual([]);
    expect(bad({ country: 'CA', region: 'ON', postalCode: 'H2X 1Y4' })).toEqual([
      {
        field: 'shippingAddress.postalCode',
        message: 'H2X 1Y4 is a postal code in Quebec, not Ontario. Check the postal code and the province.',
      },
    ]);
  });

  it('GB: every shape of a full UK postcode', () => {
    for (const code of [
      'SW1A 1AA',
      'sw1a1aa',
      'EC1A 1BB',
      'W1A 0AX',
      'M1 1AE',
      'B33 8TH',
      'CR2 6XH',
      'DN55 1PT',
      'GIR 0AA',
    ]) {
      expect(bad({ country: 'GB', region: undefined, postalCode: code }), code).toEqual([]);
    }
    // An outward code alone, a Q first, a C in the inward code, an American ZIP.
    for (const code of ['SW1A', 'QA1 1AA', 'SW1A 1CA', '94103', 'SW1A 1AAA']) {
      expect(bad({ country: 'GB', region: undefined, postalCode: code }), code).toEqual([
        {
          field: 'shippingAddress.postalCode',
          message: `"${code}" is not a postcode of the United Kingdom. Enter it like SW1A 1AA.`,
        },
      ]);
    }
  });

  it('IN: six digits, not starting with 0', () => {
    for (const code of ['110001', '560 001', '400001'])
      expect(bad({ country: 'IN', region: undefined, postalCode: code }), code).toEqual([]);
    for (const code of ['011001', '11001', '1100011', 'ABCDEF']) {
      expect(bad({ country: 'IN', region: undefined, postalCode: code })[0]?.message, code).toBe(
        `"${code}" is not a PIN code of India. Enter it like 110001.`,
      );
    }
  });

  it('DE: five digits, not starting with 00', () => {
    for (const code of ['10115', '01067', '80331'])
      expect(bad({ country: 'DE', region: undefined, postalCode: code }), code).toEqual([]);
    for (const code of ['1011', '101155', '00123', 'D-10115x']) {
      expect(fields(bad({ country: 'DE', region: undefined, postalCode: code })), code).toEqual([
        'shippingAddress.postalCode',
      ]);
    }
  });

  it('knows the euro-area formats the EU market delivers to', () => {
    const ok: Array<[string, string]> = [
      ['NL', '1012ab'],
      ['PT', '1100-148'],
      ['LU', '1009'],
      ['LU', 'L-1009'],
      ['AT', '1010'],
      ['FR', '75001'],
    ];
    for (const [country, code] of ok)
      expect(bad({ country, region: undefined, postalCode: code }, eu), `${country} ${code}`).toEqual([]);
    expect(fields(bad({ country: 'NL', region: undefined, postalCode: '1012 SS' }, eu))).toEqual([
      'shippingAddress.postalCode',
    ]);
    expect(fields(bad({ country: 'FR', region: undefined, postalCode: '7500' }, eu))).toEqual([
      'shippingAddress.postalCode',
    ]);
  });

  it('is optional in Ireland, where many addresses have no Eircode in use, but checked when given', () => {
    expect(bad({ country: 'IE', region: undefined, postalCode: undefined }, eu)).toEqual([]);
    expect(bad({ country: 'IE', region: undefined, postalCode: 'd02x285' }, eu)).toEqual([]);
    expect(fields(bad({ country: 'IE', region: undefined, postalCode: 'D02' }, eu))).toEqual([
      'shippingAddress.postalCode',
    ]);
  });

  it('is required everywhere else, and checked loosely where we know no format', () => {
    expect(bad({ postalCode: '' })).toEqual([{ field: 'shippingAddress.postalCode', message: 'Enter the ZIP code.' }]);
    expect(bad({ country: 'BR', region: undefined, postalCode: '01310-100' })).toEqual([]);
    expect(bad({ country: 'BR', region: undefined, postalCode: '#1' })).toEqual([
      { field: 'shippingAddress.postalCode', message: '"#1" does not look like a postal code.' },
    ]);
  });

  it('JP and AU: 123-4567 and four digits', () => {
    expect(normalizePostalCode('1000001', 'JP')).toBe('100-0001');
    expect(isPostalCode('100-0001', 'JP')).toBe(true);
    expect(isPostalCode('2000', 'AU')).toBe(true);
    expect(isPostalCode('200', 'AU')).toBe(false);
  });
});

describe('the other fields', () => {
  it('names every missing one at once', () => {
    expect(
      fields(addressIssues(address({ name: ' ', line1: '', city: '', region: undefined, postalCode: '' }), us)),
    ).toEqual([
      'shippingAddress.name',
      'shippingAddress.line1',
      'shippingAddress.city',
      'shippingAddress.region',
      'shippingAddress.postalCode',
    ]);
  });
});
