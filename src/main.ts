#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { createPlatform, createServices, databaseFromConfig, VERSION } from './app.js';
import { type Config, ConfigError, loadConfig, VARIABLES } from './config.js';
import { loadDemo } from './demo/load.js';
import { createChangeFeed } from './platform/changes.js';
import { systemClock } from './platform/clock.js';
import { DataDirInUseError } from './platform/database/lock.js';
import { AppError } from './platform/errors.js';

// The CLI: `marketgate serve | migrate | seed`. Errors a user can fix print one clear line and
// exit non-zero; anything else prints its stack.

const EXIT_USAGE = 2;

const environmentHelp = `\nEnvironment:\n${VARIABLES.map((v) => `  ${v.name.padEnd(20)} ${v.description}${v.fallback ? ` (default: ${v.fallback})` : ''}`).join('\n')}\n`;

function config(): Config {
  return loadConfig(process.env);
}

async function serve(): Promise<void> {
  const cfg = config();
  const platform = await createPlatform(cfg, { command: 'marketgate serve' });
  const { http, database } = platform;
  if (platform.seeded) http.log.info('loaded the demo launch scenario into the empty database');

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) {
      http.log.warn(`${signal} again: exiting now`);
      process.exit(1);
    }
    closing = true;
    http.log.info(`${signal}: finishing requests in flight, then stopping`);
    const timer = setTimeout(() => {
      http.log.error('shutdown took over 10 s: exiting');
      process.exit(1);
    }, 10_000);
    timer.unref();
    await platform.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  const address = await http.listen({ port: cfg.port, host: cfg.host });
  http.log.info(`marketgate ${VERSION} on ${database.kind} (${database.location})`);
  const shown =
    cfg.host === 'localhost' || cfg.host === '0.0.0.0' || cfg.host === '::' ? `http://localhost:${cfg.port}` : address;
  process.stdout.write(
    `\n  marketgate is running: storefront ${shown}/  admin ${shown}/admin  API docs ${shown}/docs\n\n`,
  );
}

async function migrate(): Promise<void> {
  const database = await databaseFromConfig(config(), 'marketgate migrate');
  try {
    await database.migrate();
    process.stdout.write(`Migrations applied to ${database.kind} (${database.location}).\n`);
  } finally {
    await database.close();
  }
}

async function seed(): Promise<void> {
  const database = await databaseFromConfig(config(), 'marketgate seed');
  const changes = await createChangeFeed(database.pool);
  try {
    await database.migrate();
    const report = await loadDemo(createServices(database, changes, systemClock));
    const { created, kept } = report;
    process.stdout.write(
      `Demo launch scenario loaded into ${database.kind} (${database.location}): ` +
        `created ${created.categories} categories, ${created.markets} markets, ${created.products} products, ` +
        `${created.listings} listings; kept ${kept.markets} markets and ${kept.products} products that existed.\n`,
    );
  } finally {
    await changes.close();
    await database.close();
  }
}

function fail(error: unknown): never {
  if (error instanceof ConfigError || error instanceof DataDirInUseError) {
    process.stderr.write(`marketgate: ${error.message}\n`);
    process.exit(EXIT_USAGE);
  }
  if (error instanceof AppError) {
    process.stderr.write(`marketgate: ${error.message}\n`);
    process.exit(1);
  }
  if (error instanceof Error && (error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    process.stderr.write(`marketgate: ${error.message}. Set PORT to a free port.\n`);
    process.exit(1);
  }
  process.stderr.write(`marketgate: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
}

const program = new Command()
  .name('marketgate')
  .description('Commerce for brands that launch products country by country.')
  .version(VERSION)
  .addHelpText('after', environmentHelp)
  .exitOverride();

program
  .command('serve')
  .description('run the HTTP server: storefront, admin console and API (applies migrations; seeds an empty database)')
  .addHelpText('after', environmentHelp)
  .action(serve);

program
  .command('migrate')
  .description('apply pending database migrations and exit')
  .addHelpText('after', environmentHelp)
  .action(migrate);

program
  .command('seed')
  .description('load the demo launch scenario (data/demo/); existing records are kept as they are')
  .addHelpText('after', environmentHelp)
  .action(seed);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Commander has printed its message (or the help) already.
    process.exit(error.exitCode === 0 ? 0 : EXIT_USAGE);
  }
  fail(error);
}
