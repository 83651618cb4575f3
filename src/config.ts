// The process environment, read and validated in one place. Everything else receives a Config.

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  host: string;
  port: number;
  /** PostgreSQL connection string; when absent the embedded PGlite database is used. */
  databaseUrl: string | undefined;
  /** Directory of the embedded database (ignored with databaseUrl). */
  dataDir: string;
  logLevel: LogLevel;
  /** Load the demo launch scenario into an empty database on start. */
  seedDemo: boolean;
  /** Apply pending migrations on start (embedded mode always does). */
  migrateOnStart: boolean;
  databasePoolSize: number;
  trustProxy: boolean;
  /** Redis for rate limits and flash-sale admission shared by many instances; in-process when absent. */
  redisUrl: string | undefined;
  /** Prefix of every Redis key, so environments can share one Redis. */
  redisKeyPrefix: string;
  /** Where flash-sale admission runs; unset: Redis when redisUrl is set, else the database. */
  flashSaleEngine: 'database' | 'redis' | undefined;
  bodyLimit: number;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  loginRateLimit: number;
  /** How long checkout holds stock for an unpaid order, in minutes. */
  reservationTtlMinutes: number;
  /** Comments one client address may post per minute. */
  commentRateLimit: number;
  /** Days a comment taken as spam is kept for review before it is purged. */
  spamRetentionDays: number;
  /** Where shoppers reach the storefront, for links in emails. */
  publicUrl: string;
  /** The secret payment webhooks are signed with; webhooks are refused without it. */
  paymentWebhookSecret: string | undefined;
  /** Directory of the jurisdiction rule files. */
  rulesDir: string | undefined;
  /** Email of the admin account created on the first start of an empty database. */
  adminEmail: string;
  /** Real Akismet's API key: comments are checked there too; unset: the built-in filter alone. */
  akismetApiKey: string | undefined;
  /** Where that Akismet is (its REST base URL). */
  akismetUrl: string;
  /** Requests per minute per client address on the Akismet-compatible API. */
  spamApiRateLimit: number;
  /** comment-check calls per key and month reported as the limit by usage-limit; unset: none. */
  spamApiUsageLimit: number | undefined;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

interface Variable<K extends keyof Config> {
  key: K;
  name: string;
  description: string;
  fallback: string | undefined;
  parse(raw: string): Config[K];
}

const booleans: Record<string, boolean> = {
  true: true,
  '1': true,
  yes: true,
  on: true,
  false: false,
  '0': false,
  no: false,
  off: false,
};

function boolean(name: string) {
  return (raw: string): boolean => {
    const value = booleans[raw.toLowerCase()];
    if (value === undefined) throw new ConfigError(`${name}="${raw}" is not a boolean: use true or false.`);
    return value;
  };
}

function integer(name: string, min: number, max: number) {
  return (raw: string): number => {
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      throw new ConfigError(`${name}="${raw}" is not allowed: use an integer from ${min} to ${max}.`);
    }
    return value;
  };
}

function variable<K extends keyof Config>(v: Variable<K>): Variable<K> {
  return v;
}

/** The variables, in the order the README's configuration table lists them. */
export const VARIABLES = [
  variable({
    key: 'port',
    name: 'PORT',
    description: 'HTTP port',
    fallback: '3000',
    parse: integer('PORT', 0, 65535),
  }),
  variable({
    key: 'host',
    name: 'HOST',
    description: 'interface to listen on (`0.0.0.0` in a container)',
    fallback: 'localhost',
    parse: (raw) => {
      if (raw.trim() === '') throw new ConfigError('HOST is empty: use a host name or an IP address.');
      return raw;
    },
  }),
  variable({
    key: 'databaseUrl',
    name: 'DATABASE_URL',
    description: 'PostgreSQL connection string; unset: the embedded PGlite database',
    fallback: undefined,
    parse: (raw) => {
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        throw new ConfigError('DATABASE_URL is not a URL: use postgres://user:password@host:5432/database.');
      }
      if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
        throw new ConfigError(`DATABASE_URL has protocol "${url.protocol}": use postgres:// or postgresql://.`);
      }
      return raw;
    },
  }),
  variable({
    key: 'dataDir',
    name: 'DATA_DIR',
    description: 'directory of the embedded database',
    fallback: '.marketgate',
    parse: (raw) => {
      if (raw.trim() === '') throw new ConfigError('DATA_DIR is empty: use a directory path.');
      return raw;
    },
  }),
  variable({
    key: 'logLevel',
    name: 'LOG_LEVEL',
    description: `log level: ${LOG_LEVELS.join(', ')}`,
    fallback: 'info',
    parse: (raw) => {
      if (!(LOG_LEVELS as readonly string[]).includes(raw)) {
        throw new ConfigError(`LOG_LEVEL="${raw}" is not allowed: use one of ${LOG_LEVELS.join(', ')}.`);
      }
      return raw as LogLevel;
    },
  }),
  variable({
    key: 'seedDemo',
    name: 'SEED_DEMO',
    description: 'load the demo launch scenario into an empty database on start',
    fallback: 'true',
    parse: boolean('SEED_DEMO'),
  }),
  variable({
    key: 'migrateOnStart',
    name: 'MIGRATE_ON_START',
    description: 'apply pending migrations on start (PostgreSQL; the embedded database always does)',
    fallback: 'true',
    parse: boolean('MIGRATE_ON_START'),
  }),
  variable({
    key: 'databasePoolSize',
    name: 'DATABASE_POOL_SIZE',
    description: 'PostgreSQL connections per process',
    fallback: '10',
    parse: integer('DATABASE_POOL_SIZE', 1, 1000),
  }),
  variable({
    key: 'trustProxy',
    name: 'TRUST_PROXY',
    description: 'trust X-Forwarded-* headers (behind a load balancer)',
    fallback: 'false',
    parse: boolean('TRUST_PROXY'),
  }),
  variable({
    key: 'redisUrl',
    name: 'REDIS_URL',
    description:
      'Redis connection string: rate limits and flash-sale admission shared by every instance; unset: rate limits in-process, admission in the database',
    fallback: undefined,
    parse: (raw) => {
      if (!/^rediss?:\/\/./.test(raw)) throw new ConfigError('REDIS_URL must start with redis:// or rediss://.');
      return raw;
    },
  }),
  variable({
    key: 'redisKeyPrefix',
    name: 'REDIS_KEY_PREFIX',
    description: 'prefix of every Redis key, so several environments can share one Redis',
    fallback: 'marketgate:',
    parse: (raw) => raw,
  }),
  variable({
    key: 'flashSaleEngine',
    name: 'FLASH_SALE_ENGINE',
    description:
      'flash-sale admission: `redis` (atomic scripts, handed off to the database within milliseconds) or `database`; unset: `redis` when `REDIS_URL` is set',
    fallback: undefined,
    parse: (raw) => {
      if (raw !== 'database' && raw !== 'redis') {
        throw new ConfigError(`FLASH_SALE_ENGINE="${raw}" is not allowed: use database or redis.`);
      }
      return raw;
    },
  }),
  variable({
    key: 'bodyLimit',
    name: 'BODY_LIMIT',
    description: 'largest request body accepted, in bytes',
    fallback: '1048576',
    parse: integer('BODY_LIMIT', 1024, 100 * 1024 * 1024),
  }),
  variable({
    key: 'sessionIdleMinutes',
    name: 'SESSION_IDLE_MINUTES',
    description: 'a staff session ends after this long without a request',
    fallback: '120',
    parse: integer('SESSION_IDLE_MINUTES', 1, 7 * 24 * 60),
  }),
  variable({
    key: 'sessionMaxHours',
    name: 'SESSION_MAX_HOURS',
    description: 'a staff session ends this long after login, however active',
    fallback: '12',
    parse: integer('SESSION_MAX_HOURS', 1, 24 * 30),
  }),
  variable({
    key: 'loginRateLimit',
    name: 'LOGIN_RATE_LIMIT',
    description: 'login attempts per minute per client address, on top of the failed-login throttle',
    fallback: '30',
    parse: integer('LOGIN_RATE_LIMIT', 1, 100_000),
  }),
  variable({
    key: 'reservationTtlMinutes',
    name: 'RESERVATION_TTL_MINUTES',
    description: 'how long checkout holds stock for an unpaid order; then the stock is released',
    fallback: '15',
    parse: integer('RESERVATION_TTL_MINUTES', 1, 7 * 24 * 60),
  }),
  variable({
    key: 'commentRateLimit',
    name: 'COMMENT_RATE_LIMIT',
    description: 'comments one client address may post per minute; more are refused with 429 and Retry-After',
    fallback: '5',
    parse: integer('COMMENT_RATE_LIMIT', 1, 100_000),
  }),
  variable({
    key: 'spamRetentionDays',
    name: 'SPAM_RETENTION_DAYS',
    description: 'days a comment taken as spam is kept for review before it is purged',
    fallback: '30',
    parse: integer('SPAM_RETENTION_DAYS', 1, 3650),
  }),
  variable({
    key: 'publicUrl',
    name: 'PUBLIC_URL',
    description: 'where shoppers reach the storefront, for the links in emails',
    fallback: 'http://localhost:3000',
    parse: (raw) => {
      if (!/^https?:\/\/[^\s/]+/.test(raw)) throw new ConfigError(`PUBLIC_URL="${raw}" is not an http(s) URL.`);
      return raw.replace(/\/+$/, '');
    },
  }),
  variable({
    key: 'paymentWebhookSecret',
    name: 'PAYMENT_WEBHOOK_SECRET',
    description: 'secret that payment webhooks are signed with (HMAC-SHA256); unset: webhooks are refused',
    fallback: undefined,
    parse: (raw) => {
      if (raw.length < 16) throw new ConfigError('PAYMENT_WEBHOOK_SECRET must be at least 16 characters.');
      return raw;
    },
  }),
  variable({
    key: 'rulesDir',
    name: 'RULES_DIR',
    description: 'directory of the jurisdiction rule files (`<JURISDICTION>.yaml`); unset: the shipped `rules/`',
    fallback: undefined,
    parse: (raw) => raw,
  }),
  variable({
    key: 'adminEmail',
    name: 'ADMIN_EMAIL',
    description: 'email of the admin account created on the first start of an empty database',
    fallback: 'admin@marketgate.local',
    parse: (raw) => {
      if (!/^[^\s@]+@[^\s@]+$/.test(raw)) throw new ConfigError(`ADMIN_EMAIL="${raw}" is not an email address.`);
      return raw.toLowerCase();
    },
  }),
  variable({
    key: 'akismetApiKey',
    name: 'AKISMET_API_KEY',
    description:
      'an Akismet API key: new comments are also checked by Akismet (`AKISMET_URL`), with `PUBLIC_URL` as the blog; unset, or when Akismet fails: the built-in filter alone',
    fallback: undefined,
    parse: (raw) => {
      if (/\s/.test(raw.trim()) || raw.trim() === '') throw new ConfigError('AKISMET_API_KEY must be one word.');
      return raw.trim();
    },
  }),
  variable({
    key: 'akismetUrl',
    name: 'AKISMET_URL',
    description: "Akismet's REST base URL (another marketgate's works too)",
    fallback: 'https://rest.akismet.com',
    parse: (raw) => {
      if (!/^https?:\/\/[^\s/]+/.test(raw)) throw new ConfigError(`AKISMET_URL="${raw}" is not an http(s) URL.`);
      return raw.replace(/\/+$/, '');
    },
  }),
  variable({
    key: 'spamApiRateLimit',
    name: 'SPAM_API_RATE_LIMIT',
    description: 'requests per minute per client address on the Akismet-compatible API (`/1.1/*`, `/1.2/*`)',
    fallback: '600',
    parse: integer('SPAM_API_RATE_LIMIT', 1, 100_000_000),
  }),
  variable({
    key: 'spamApiUsageLimit',
    name: 'SPAM_API_USAGE_LIMIT',
    description:
      'comment-checks per key and month that `/1.2/usage-limit` reports as the limit (calls over it are still answered); unset: `none`',
    fallback: undefined,
    parse: integer('SPAM_API_USAGE_LIMIT', 1, 1_000_000_000),
  }),
];

/** Reads the configuration; throws a ConfigError naming the variable and what it allows. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const config: Record<string, unknown> = {};
  for (const v of VARIABLES) {
    const raw = env[v.name];
    const value = raw === undefined || raw === '' ? v.fallback : raw;
    config[v.key] = value === undefined ? undefined : v.parse(value);
  }
  if (config.flashSaleEngine === 'redis' && !config.redisUrl) {
    throw new ConfigError('FLASH_SALE_ENGINE=redis needs REDIS_URL: set it, or use FLASH_SALE_ENGINE=database.');
  }
  return config as unknown as Config;
}
