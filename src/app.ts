import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';
import type { Config } from './config.js';
import { loadDemo } from './demo/load.js';
import { AccountsService, accountRoutes, registerAuth } from './modules/accounts/index.js';
import { AssortmentService, assortmentRoutes } from './modules/assortment/index.js';
import { AuditService, auditRoutes, registerAuditTrail } from './modules/audit/index.js';
import { CartsService } from './modules/carts/index.js';
import { CatalogService, catalogRoutes } from './modules/catalog/index.js';
import { CertificateService, certificateRoutes } from './modules/certificates/index.js';
import { CheckoutService, checkoutRoutes } from './modules/checkout/index.js';
import { ComplianceService, complianceRoutes, loadRules, RULES_DIR } from './modules/compliance/index.js';
import { AkismetClient, akismetRoutes, SpamKeys } from './modules/discussion/akismet/index.js';
import {
  akismetUpstream,
  CommentDataService,
  DiscussionService,
  discussionRoutes,
  ModerationService,
  SpamFilter,
  type Upstream,
} from './modules/discussion/index.js';
import { EcosystemService, ecosystemRoutes } from './modules/ecosystem/index.js';
import {
  type AdmissionEngine,
  DatabaseEngine,
  FlashSaleKeys,
  FlashSaleService,
  flashSaleRoutes,
  Handoff,
  RedisEngine,
} from './modules/flashsale/index.js';
import { InventoryService, inventoryRoutes } from './modules/inventory/index.js';
import { MarketService, marketRoutes } from './modules/markets/index.js';
import { NotifyService, notifyRoutes } from './modules/notify/index.js';
import { OrdersService, orderRoutes } from './modules/orders/index.js';
import { OutboxService, outboxRoutes } from './modules/outbox/index.js';
import { PaymentsService, testProvider } from './modules/payments/index.js';
import { PricingService, pricingRoutes } from './modules/pricing/index.js';
import { QuoteService, quoteRoutes } from './modules/quote/index.js';
import { ReadinessService, readinessRoutes } from './modules/readiness/index.js';
import { ShippingService, shippingRoutes } from './modules/shipping/index.js';
import { StorefrontService, storefrontRoutes } from './modules/storefront/index.js';
import { BuiltInTaxProvider, loadTaxRates, type TaxProvider } from './modules/tax/index.js';
import { type ChangeFeed, createChangeFeed, type Topic } from './platform/changes.js';
import { type Clock, systemClock } from './platform/clock.js';
import { type DatabaseHandle, openDatabase } from './platform/database/index.js';
import { type App, createHttpServer, type RouteInfo } from './platform/http/server.js';
import { forgetKeysBefore } from './platform/idempotency/index.js';
import { createJobs } from './platform/jobs.js';

// The composition root: the one place that knows every module and wires them together.

export const VERSION: string = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;

export interface Services {
  accounts: AccountsService;
  audit: AuditService;
  compliance: ComplianceService;
  ecosystem: EcosystemService;
  catalog: CatalogService;
  certificates: CertificateService;
  markets: MarketService;
  assortment: AssortmentService;
  readiness: ReadinessService;
  inventory: InventoryService;
  storefront: StorefrontService;
  pricing: PricingService;
  shipping: ShippingService;
  /** Where tax is computed: the built-in rate table, or a tax service implementing TaxProvider. */
  tax: TaxProvider;
  quotes: QuoteService;
  carts: CartsService;
  orders: OrdersService;
  payments: PaymentsService;
  outbox: OutboxService;
  checkout: CheckoutService;
  notify: NotifyService;
  flashSales: FlashSaleService;
  spamFilter: SpamFilter;
  discussion: DiscussionService;
  moderation: ModerationService;
  commentData: CommentDataService;
  spamKeys: SpamKeys;
}

export interface Platform {
  http: App;
  database: DatabaseHandle;
  services: Services;
  changes: ChangeFeed;
  /** Whether this start loaded the demo scenario into an empty database. */
  seeded: boolean;
  /** Every route the server answers, with the permission it requires. */
  routes: RouteInfo[];
  /** The admin account created on this start, when the database had no staff user; shown once. */
  initialAdmin: { email: string; password: string } | undefined;
  /** Resolves once every verdict change due to data changes heard so far is recorded. */
  verdictsRecorded(): Promise<void>;
  /**
   * Resolves once every flash-sale admission, payment and expiry made so far is in the database:
   * at once with the database engine; with the Redis engine, when the hand-off has applied them.
   */
  admissionsRecorded(): Promise<void>;
  close(): Promise<void>;
}

export interface PlatformOptions {
  clock?: Clock;
  /** Names the process in the embedded data directory's lock ("marketgate serve"). */
  command?: string;
  /** An already open database (tests); otherwise one is opened from the config. */
  database?: DatabaseHandle;
}

export function databaseFromConfig(config: Config, command: string): Promise<DatabaseHandle> {
  return openDatabase(
    config.databaseUrl
      ? { kind: 'postgres', url: config.databaseUrl, poolSize: config.databasePoolSize }
      : { kind: 'pglite', dataDir: config.dataDir, command },
  );
}

/** Where flash-sale admission runs: Redis when it is configured, unless told otherwise. */
export function flashSaleEngineName(config: Config): 'database' | 'redis' {
  return config.flashSaleEngine ?? (config.redisUrl ? 'redis' : 'database');
}

/**
 * The services, wired. Without a Redis client (the CLI's commands, which never admit anyone)
 * flash sales use the database engine whatever the config says.
 */
export function createServices(
  database: DatabaseHandle,
  changes: ChangeFeed,
  clock: Clock,
  config: Config,
  redis?: Redis,
  log?: FastifyBaseLogger,
): Services {
  const { db } = database;
  const accounts = new AccountsService(db, clock, {
    idleMs: config.sessionIdleMinutes * 60_000,
    maxMs: config.sessionMaxHours * 3_600_000,
  });
  const audit = new AuditService(db);
  // A bad rule file stops the start here, naming file, rule and field.
  const compliance = new ComplianceService(loadRules(config.rulesDir ? resolve(config.rulesDir) : RULES_DIR));
  const catalog = new CatalogService(db, changes);
  const certificates = new CertificateService(db, changes, clock, compliance, catalog);
  const markets = new MarketService(db, changes);
  const ecosystem = new EcosystemService(db, changes, clock);
  const assortment = new AssortmentService(db, clock, changes, markets, catalog);
  const readiness = new ReadinessService(
    db,
    clock,
    changes,
    markets,
    assortment,
    catalog,
    compliance,
    certificates,
    ecosystem,
  );
  const inventory = new InventoryService(db, clock, markets, {
    reservationTtlMs: config.reservationTtlMinutes * 60_000,
  });
  const pricing = new PricingService(db, changes, clock, markets);
  const shipping = new ShippingService(db, changes, markets);
  // A bad rate file stops the start here, naming the field. A tax service plugs in here instead.
  const tax = new BuiltInTaxProvider(loadTaxRates());
  const quotes = new QuoteService(clock, markets, pricing, shipping, tax);
  const storefront = new StorefrontService(changes, clock, markets, catalog, readiness, inventory, pricing);
  const carts = new CartsService(db, clock, changes, markets, catalog, readiness, pricing, tax, inventory);
  const orders = new OrdersService(db);
  // A payment provider plugs in here beside the built-in test one.
  const payments = new PaymentsService(db, [testProvider(clock, config.paymentWebhookSecret)]);
  const outbox = new OutboxService(db);
  const notify = new NotifyService(db, clock, markets, catalog, readiness, outbox, config.publicUrl);
  const admission: AdmissionEngine =
    redis && flashSaleEngineName(config) === 'redis'
      ? new RedisEngine(redis, db, config.redisKeyPrefix)
      : new DatabaseEngine(db);
  const flashSales = new FlashSaleService(
    db,
    clock,
    changes,
    admission,
    markets,
    catalog,
    readiness,
    inventory,
    outbox,
    config.publicUrl,
  );
  const spamFilter = new SpamFilter(db, clock, changes);
  const upstream: Upstream | undefined = config.akismetApiKey
    ? akismetUpstream(
        new AkismetClient({
          key: config.akismetApiKey,
          blog: config.publicUrl,
          baseUrl: config.akismetUrl,
          version: VERSION,
        }),
        (error, what) => log?.warn({ err: error }, what),
      )
    : undefined;
  const checkout = new CheckoutService(
    db,
    clock,
    config.reservationTtlMinutes * 60_000,
    markets,
    carts,
    orders,
    payments,
    outbox,
    quotes,
    inventory,
    flashSales,
  );
  return {
    accounts,
    audit,
    compliance,
    catalog,
    certificates,
    markets,
    ecosystem,
    assortment,
    readiness,
    inventory,
    storefront,
    pricing,
    shipping,
    tax,
    quotes,
    carts,
    orders,
    payments,
    outbox,
    checkout,
    notify,
    flashSales,
    spamFilter,
    discussion: new DiscussionService(db, clock, catalog, spamFilter, upstream, config.publicUrl),
    moderation: new ModerationService(db, clock, catalog, spamFilter, upstream),
    commentData: new CommentDataService(
      db,
      clock,
      catalog,
      outbox,
      spamFilter,
      config.publicUrl,
      config.spamRetentionDays,
    ),
    spamKeys: new SpamKeys(db, clock, changes),
  };
}

export async function createPlatform(config: Config, options: PlatformOptions = {}): Promise<Platform> {
  const database = options.database ?? (await databaseFromConfig(config, options.command ?? 'marketgate'));
  const clock = options.clock ?? systemClock;
  let redis: Redis | undefined;
  let changes: ChangeFeed | undefined;
  try {
    if (database.kind === 'pglite' || config.migrateOnStart) await database.migrate();
    const feed = await createChangeFeed(database.pool);
    changes = feed;
    // Auto-pipelining sends the commands of one tick in one write: in a flash sale's rush, hundreds
    // of admission scripts and rate-limit counts share a socket write instead of one each.
    redis = config.redisUrl
      ? new Redis(config.redisUrl, { connectTimeout: 1000, maxRetriesPerRequest: 1, enableAutoPipelining: true })
      : undefined;
    const {
      app: http,
      routes,
      refuseEarly,
    } = await createHttpServer({
      logLevel: config.logLevel,
      trustProxy: config.trustProxy,
      version: VERSION,
      ready: () => database.ping(),
      bodyLimit: config.bodyLimit,
      redis,
      redisKeyPrefix: config.redisKeyPrefix,
    });
    const services = createServices(database, feed, clock, config, redis, http.log);
    await services.spamFilter.ready();
    const initialAdmin = await services.accounts.ensureInitialAdmin(config.adminEmail);

    let seeded = false;
    if (config.seedDemo && (await isEmpty(services))) {
      await loadDemo(services, undefined, clock.now());
      seeded = true;
    }

    // The guards go first: they check every route registered after them.
    registerAuth(http, services.accounts);
    registerAuditTrail(http, services.audit);
    accountRoutes(http, services.accounts, {
      sessionMaxMs: config.sessionMaxHours * 3_600_000,
      loginRateLimit: config.loginRateLimit,
    });
    auditRoutes(http, services.audit);
    complianceRoutes(http, services.compliance, services.markets);
    catalogRoutes(http, services.catalog);
    certificateRoutes(http, services.certificates);
    marketRoutes(http, services.markets);
    ecosystemRoutes(http, services.ecosystem);
    assortmentRoutes(http, services.assortment);
    storefrontRoutes(http, services.storefront);
    readinessRoutes(http, services.readiness);
    inventoryRoutes(http, services.inventory);
    pricingRoutes(http, services.pricing);
    shippingRoutes(http, services.shipping);
    quoteRoutes(http, services.quotes);
    checkoutRoutes(http, services);
    orderRoutes(http, { ...services, db: database.db });
    outboxRoutes(http, services.outbox);
    notifyRoutes(http, services.notify);
    flashSaleRoutes(http, services.flashSales, services.markets, refuseEarly);
    discussionRoutes(http, services, { postsPerMinute: config.commentRateLimit });
    akismetRoutes(http, {
      keys: services.spamKeys,
      filter: services.spamFilter,
      rateLimit: config.spamApiRateLimit,
      usageLimit: config.spamApiUsageLimit,
    });
    await http.ready();

    const jobs = createJobs(http.log);
    jobs.every('forget expired sessions and old login failures', 10 * 60_000, () => services.accounts.prune());
    // Verdicts change when their data changes (recorded at once) and when time passes a
    // certificate's expiry or a deployment's date (recorded by the scheduled re-evaluation).
    await services.readiness.recordChanges(seeded ? 'demo scenario loaded' : 'server start');
    jobs.every('record verdict changes due to time', 60_000, async () => {
      await services.readiness.recordChanges('time: a certificate, deployment or rule date passed');
    });
    const recorder = recordOnChange(feed, services.readiness, http.log);
    // Orders not paid within their hold are cancelled and their stock goes back on sale; then
    // any other reservation past its TTL is released. Every instance runs this; the row locks
    // (orders) and a database lock (reservations) let each piece of work happen once.
    jobs.every('cancel unpaid orders and release expired reservations', 30_000, async () => {
      await services.checkout.expireOverdue();
      await services.inventory.releaseExpired(clock.now());
    });
    jobs.every('return unpaid flash-sale holds to their sale', 5_000, async () => {
      await services.flashSales.expireHolds();
    });
    jobs.every('give the unsold units of ended flash sales back to stock', 60_000, async () => {
      await services.flashSales.closeEnded();
    });
    jobs.every('email notify-me requests whose product became sellable', 60_000, async () => {
      await services.notify.sendDue();
    });
    jobs.every("remove commenters' addresses after 30 days and purge old spam", 60 * 60_000, async () => {
      await services.commentData.applyRetention();
    });
    jobs.every('forget idempotency keys older than a day', 60 * 60_000, () =>
      forgetKeysBefore(database.db, new Date(clock.now().getTime() - 24 * 3_600_000)),
    );
    // The Redis engine's admissions reach the database through this instance's hand-off consumer
    // (and every other instance's): see modules/flashsale/handoff.ts.
    const handoff =
      redis && flashSaleEngineName(config) === 'redis'
        ? new Handoff(redis, database.db, new FlashSaleKeys(config.redisKeyPrefix), http.log)
        : undefined;
    handoff?.start();

    return {
      http,
      database,
      services,
      changes: feed,
      seeded,
      initialAdmin,
      routes,
      verdictsRecorded: () => recorder.settled(),
      admissionsRecorded: async () => {
        await handoff?.drained();
      },
      async close() {
        await recorder.stop();
        await jobs.stop();
        await http.close();
        if (handoff) {
          // What this instance admitted goes to the database before it leaves, if Redis allows;
          // whatever is left the other instances (or the next start) hand off.
          const drained = await handoff.drained(5_000).catch(() => false);
          if (!drained) http.log.warn('flash-sale hand-off not drained at shutdown: left for other instances');
          await handoff.stop();
        }
        redis?.disconnect();
        services.storefront.close();
        services.flashSales.close();
        await feed.close();
        if (!options.database) await database.close();
      },
    };
  } catch (error) {
    redis?.disconnect();
    // The feed holds a pooled connection for LISTEN: without this, closing the pool would wait forever.
    await changes?.close().catch(() => {});
    if (!options.database) await database.close().catch(() => {});
    throw error;
  }
}

async function isEmpty(services: Services): Promise<boolean> {
  const [markets, products] = await Promise.all([services.markets.list(), services.catalog.productCount()]);
  return markets.length === 0 && products === 0;
}

/** The changes a verdict depends on; a price change, say, re-evaluates nothing. */
const CAUSES: Partial<Record<Topic, string>> = {
  catalog: 'catalog changed',
  markets: 'market changed',
  assortment: 'assortment changed',
  certificates: 'certificate added or changed',
  ecosystem: 'deployment changed',
};

/** Records verdict changes after data changes, a burst of changes at a time. */
function recordOnChange(feed: ChangeFeed, readiness: ReadinessService, log: App['log']) {
  const causes = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const flush = () => {
    timer = undefined;
    const cause = [...causes].join(', ');
    causes.clear();
    running = running
      .then(() => readiness.recordChanges(cause))
      .then(
        () => undefined,
        (error: unknown) => log.error({ err: error }, 'could not record verdict changes'),
      );
  };
  const unsubscribe = feed.subscribe((topic) => {
    const cause = CAUSES[topic];
    if (!cause) return;
    causes.add(cause);
    timer ??= setTimeout(flush, 50);
  });
  // A burst still waiting for its timer is recorded now rather than later.
  const settled = async () => {
    if (timer) {
      clearTimeout(timer);
      flush();
    }
    await running;
  };
  return {
    settled,
    async stop() {
      unsubscribe();
      await settled();
    },
  };
}
