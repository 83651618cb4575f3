import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('has defaults that run the embedded database on port 3000', () => {
    expect(loadConfig({})).toMatchObject({
      port: 3000,
      host: 'localhost',
      databaseUrl: undefined,
      dataDir: '.marketgate',
      logLevel: 'info',
      seedDemo: true,
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://app@db:5432/shop',
      DATA_DIR: '/var/lib/marketgate',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      DATABASE_POOL_SIZE: '25',
      TRUST_PROXY: 'yes',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: 'postgres://app@db:5432/shop',
      dataDir: '/var/lib/marketgate',
      logLevel: 'warn',
      seedDemo: false,
      databasePoolSize: 25,
      trustProxy: true,
    });
  });

  it.each([
    [{ PORT: 'abc' }, /PORT="abc".*integer from 0 to 65535/],
    [{ PORT: '70000' }, /PORT="70000"/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL="loud".*fatal, error, warn, info, debug, trace, silent/],
    [{ DATABASE_URL: 'mysql://x@y/z' }, /DATABASE_URL.*postgres:\/\//],
    [{ DATABASE_URL: 'not a url' }, /DATABASE_URL is not a URL/],
    [{ SEED_DEMO: 'maybe' }, /SEED_DEMO="maybe" is not a boolean/],
    [{ FLASH_SALE_ENGINE: 'memory' }, /FLASH_SALE_ENGINE="memory".*database or redis/],
    [{ FLASH_SALE_ENGINE: 'redis' }, /FLASH_SALE_ENGINE=redis needs REDIS_URL/],
  ])('refuses %o naming the variable and what it allows', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
