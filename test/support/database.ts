import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../../src/platform/database/index.js';

// A fresh, empty database for one test file: PGlite in memory, or, when DATABASE_URL is set,
// a new database on that PostgreSQL server that is dropped again at close.

export type TestDatabase = DatabaseHandle & { /** PostgreSQL only: to open a second connection pool. */ url?: string };

export async function freshDatabase(): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL;
  if (!url) return openDatabase({ kind: 'pglite', dataDir: 'memory', command: 'test' });

  const name = `marketgate_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  const handle = await openDatabase({ kind: 'postgres', url: testUrl.toString(), poolSize: 5 });
  return {
    ...handle,
    url: testUrl.toString(),
    async close() {
      await handle.close();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      try {
        await dropper.query(`drop database if exists ${name} with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
