import type { AddressInfo } from 'node:net';
import { createPlatform, type Platform } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Clock } from '../../src/platform/clock.js';
import { freshDatabase } from './database.js';

// The one way tests start marketgate: the real app on a fresh database (PGlite in memory, or
// PostgreSQL when DATABASE_URL is set), with the demo scenario unless told otherwise.

export interface TestApp {
  platform: Platform;
  /** Base URL when listening ("http://127.0.0.1:PORT"); inject() works without it. */
  url: string;
  close(): Promise<void>;
}

export async function startTestApp(
  options: { seed?: boolean; listen?: boolean; clock?: Clock } = {},
): Promise<TestApp> {
  const database = await freshDatabase();
  const config = loadConfig({ LOG_LEVEL: 'silent', SEED_DEMO: String(options.seed ?? true), PORT: '0' });
  const platform = await createPlatform(config, {
    database,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  let url = '';
  if (options.listen ?? true) {
    await platform.http.listen({ port: 0, host: '127.0.0.1' });
    const { port } = platform.http.server.address() as AddressInfo;
    url = `http://127.0.0.1:${port}`;
  }
  return {
    platform,
    url,
    async close() {
      await platform.close();
      await database.close();
    },
  };
}
