import type { Database } from './index.js';

// Statements on the hot path of a purchase, prepared once per database and reused: Drizzle builds
// their SQL once instead of on every call (building it was the largest single cost in the
// server's CPU profile, docs/BENCHMARKS.md), and PostgreSQL parses them once per connection.
// Only for statements run on the pool, outside a transaction: a prepared statement runs on
// whichever connection the pool hands it, never on a transaction's.

/** `build(db)` once per database: the statement for that database. */
export function preparedPerDatabase<T>(build: (db: Database) => T): (db: Database) => T {
  const statements = new WeakMap<Database, T>();
  return (db) => {
    let statement = statements.get(db);
    if (statement === undefined) {
      statement = build(db);
      statements.set(db, statement);
    }
    return statement;
  };
}
