import Type from 'typebox';

// Schemas that many modules' routes share.

/**
 * A page cursor over a table's serial ids: the id to continue below. Bounded, so that a number
 * the database's bigint cannot hold is refused as the caller's mistake, not failed on in a query.
 */
export const IdCursor = (description?: string) =>
  Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, ...(description ? { description } : {}) });
