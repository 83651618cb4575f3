import { ConflictError } from '../../platform/errors.js';

// The refusals a buyer meets that are about the sale, not the request; each has its own problem type.

export class SoldOutError extends ConflictError {
  override readonly code = 'sold-out';
  override readonly title = 'Sold out';

  constructor() {
    super('Every unit is sold or held. A held unit that is not paid in time comes back to the sale.');
  }
}

/**
 * The one sold-out refusal, made once: a rush answers tens of thousands of these a second, and
 * each new error would capture a stack.
 */
export const SOLD_OUT = new SoldOutError();

export class SaleEndedError extends ConflictError {
  override readonly code = 'sale-ended';
  override readonly title = 'The sale has ended';
}

export class NotSellableError extends ConflictError {
  override readonly code = 'not-sellable';
  override readonly title = 'Not sellable in this market';
}
