import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createPlatform, type Platform } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Role } from '../../src/modules/accounts/index.js';
import { type Clock, manualClock } from '../../src/platform/clock.js';
import { freshDatabase } from './database.js';

// The one way tests start marketgate: the real app on a fresh database (PGlite in memory, or
// PostgreSQL when DATABASE_URL is set), with the demo scenario unless told otherwise.

/**
 * The demo scenario's dates (a certificate expiring on 2026-12-15, a deployment planned for
 * 2027-03-01) are told from this day; tests run on it, whatever the calendar says.
 */
export const DEMO_DAY = '2026-11-24T12:00:00Z';

export interface TestApp {
  platform: Platform;
  /** Base URL when listening ("http://127.0.0.1:PORT"); inject() works without it. */
  url: string;
  /** The admin account created on the first start, as the console printed it. */
  initialAdmin: { email: string; password: string };
  /** An Authorization header for a new API token of this role. */
  tokenFor(role: Role): Promise<{ authorization: string }>;
  /** Injects a request as an admin (API token) unless the options carry their own headers. */
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function startTestApp(
  options: { seed?: boolean; listen?: boolean; clock?: Clock; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const database = await freshDatabase();
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    SEED_DEMO: String(options.seed ?? true),
    PORT: '0',
    // With REDIS_URL set (CI) the shared stores run on Redis, each app under its own key prefix.
    REDIS_URL: process.env.REDIS_URL ?? '',
    REDIS_KEY_PREFIX: `marketgate-test:${randomUUID()}:`,
    ...options.env,
  });
  let platform: Platform;
  try {
    platform = await createPlatform(config, { database, clock: options.clock ?? manualClock(DEMO_DAY) });
  } catch (error) {
    await database.close();
    throw error;
  }
  let url = '';
  if (options.listen ?? true) {
    await platform.http.listen({ port: 0, host: '127.0.0.1' });
    const { port } = platform.http.server.address() as AddressInfo;
    url = `http://127.0.0.1:${port}`;
  }
  const tokenFor = async (role: Role) => {
    const { secret } = await platform.services.accounts.createToken({ name: `test ${role}`, role }, null);
    return { authorization: `Bearer ${secret}` };
  };
  const admin = await tokenFor('admin');
  return {
    platform,
    url,
    initialAdmin: platform.initialAdmin!,
    tokenFor,
    inject: (request) => platform.http.inject({ ...request, headers: request.headers ?? admin }),
    async close() {
      await platform.close();
      await database.close();
    },
  };
}
