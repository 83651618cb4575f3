import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { lockDataDir } from './lock.js';

// The one database abstraction: Drizzle over PGlite (embedded) or node-postgres (PostgreSQL).
// Both run the same SQL and the same migrations; modules only ever see `Database`.

export type Database = PgDatabase<PgQueryResultHKT>;
// biome-ignore lint/suspicious/noExplicitAny: the transaction's schema types are not used
export type Transaction = PgTransaction<PgQueryResultHKT, any, any>;
/** Anything a store can run a query on: the database or an open transaction. */
export type Executor = Database | Transaction;

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Database;
  kind: DatabaseKind;
  /** Where it lives, for logs: a data directory, "memory", or the URL without its password. */
  location: string;
  /** PostgreSQL pool, for LISTEN/NOTIFY; undefined in embedded mode. */
  pool: pg.Pool | undefined;
  migrate(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type DatabaseOptions =
  | { kind: 'pglite'; dataDir: string | 'memory'; command: string }
  | { kind: 'postgres'; url: string; poolSize: number };

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../../migrations', import.meta.url));

// Two instances starting at once must not both apply a migration; any fixed 64-bit key will do.
const MIGRATION_LOCK_KEY = 7_352_114_990_001;

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.kind === 'postgres') return openPostgres(options.url, options.poolSize);
  return openPglite(options.dataDir, options.command);
}

async function openPglite(dataDir: string | 'memory', command: string): Promise<DatabaseHandle> {
  const release = dataDir === 'memory' ? () => {} : lockDataDir(dataDir, command);
  let client: PGlite;
  try {
    client = dataDir === 'memory' ? await PGlite.create() : await PGlite.create({ dataDir });
  } catch (error) {
    release();
    throw error;
  }
  const db = drizzlePglite({ client }) as unknown as Database;
  return {
    db,
    kind: 'pglite',
    location: dataDir,
    pool: undefined,
    migrate: () => migratePglite(drizzlePglite({ client }), { migrationsFolder: MIGRATIONS_FOLDER }),
    ping: async () => {
      await client.query('select 1');
    },
    close: async () => {
      try {
        await client.close();
      } finally {
        release();
      }
    },
  };
}

async function openPostgres(url: string, poolSize: number): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client that loses its connection emits 'error'; without a listener that kills the process.
  pool.on('error', () => {});
  const db = drizzlePostgres({ client: pool }) as unknown as Database;
  const location = redactUrl(url);
  return {
    db,
    kind: 'postgres',
    location,
    pool,
    migrate: async () => {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        try {
          await migratePostgres(drizzlePostgres({ client }), { migrationsFolder: MIGRATIONS_FOLDER });
        } finally {
          await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
        }
      } finally {
        client.release();
      }
    },
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => pool.end(),
  };
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres';
  }
}
