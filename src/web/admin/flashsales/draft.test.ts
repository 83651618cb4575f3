import { describe, expect, it } from 'vitest';
import { draftProblems, EMPTY_DRAFT, type SaleDraft } from './draft';

const FILLED: SaleDraft = {
  ...EMPTY_DRAFT,
  market: 'US',
  sku: 'MIPB10K-SLV',
  price: '19.50',
  quantity: '3',
  startsAt: '2026-11-24T14:00',
  endsAt: '2026-11-24T15:00',
};

describe('what the sale form can tell is missing before asking the server', () => {
  it('flags every blank field of an empty form at once, not the price alone', () => {
    expect(draftProblems(EMPTY_DRAFT, undefined)).toEqual({
      market: 'Choose a market.',
      sku: 'Choose a product variant.',
      price: 'Enter the sale price.',
      quantity: 'Enter how many units are for sale.',
      startsAt: 'Enter when the sale starts.',
      endsAt: 'Enter when the sale ends.',
    });
  });

  it('finds nothing to say of a filled form: the server judges the rest', () => {
    expect(draftProblems(FILLED, 'USD')).toEqual({});
    expect(draftProblems({ ...FILLED, endsAt: '2026-11-24T13:00' }, 'USD')).toEqual({});
  });

  it('asks for the market before a price it cannot read without its currency', () => {
    expect(draftProblems({ ...FILLED, market: '' }, undefined)).toEqual({
      market: 'Choose a market.',
      price: 'Choose the market first: the price is in its currency.',
    });
  });

  it('flags the defaults when they are cleared', () => {
    expect(draftProblems({ ...FILLED, perCustomerLimit: ' ', paymentWindowSeconds: '' }, 'USD')).toEqual({
      perCustomerLimit: 'Enter how many units one buyer may have.',
      paymentWindowSeconds: 'Enter how long a buyer has to pay.',
    });
  });

  it('says why a price is not one', () => {
    expect(Object.keys(draftProblems({ ...FILLED, price: 'abc' }, 'USD'))).toEqual(['price']);
  });
});
