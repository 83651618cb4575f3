#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { createPlatform, createServices, databaseFromConfig, type Services, VERSION } from './app.js';
import { spamCommands } from './cli/spam.js';
import { addKeyCommands } from './cli/spam-keys.js';
import { type Config, ConfigError, loadConfig, VARIABLES } from './config.js';
import { loadDemo } from './demo/load.js';
import { isRole, ROLES, type Role } from './modules/accounts/index.js';
import { ComplianceService, loadRules, RULES_DIR, RuleFileError } from './modules/compliance/index.js';
import { matrixCsv, matrixTable } from './modules/readiness/index.js';
import { createChangeFeed } from './platform/changes.js';
import { systemClock } from './platform/clock.js';
import { DataDirInUseError } from './platform/database/lock.js';
import { AppError, ValidationError } from './platform/errors.js';
import { isDay, isInstant } from './platform/formats.js';

// The CLI: `marketgate serve | migrate | seed | requirements | readiness | users | tokens | spam`. Errors a user can fix print one clear line and
// exit non-zero; anything else prints its stack.

const EXIT_USAGE = 2;

// The machine refused what the settings or arguments asked for: a path, a port, an address. Its
// message names which; the hint says where that came from. Any other error prints its stack.
const SYSTEM_HINTS: Record<string, string> = {
  EADDRINUSE: 'Set PORT to a free port.',
  EADDRNOTAVAIL: 'Set HOST to an address of this machine (127.0.0.1, 0.0.0.0).',
  ENOTFOUND: 'Set HOST to a name this machine resolves, or to an IP address.',
  EACCES: 'Check the permissions of the path, or set PORT above 1023.',
  ENOENT: 'Check the path: DATA_DIR, RULES_DIR or the file given.',
  ENOTDIR: 'Check the path: DATA_DIR and RULES_DIR must be directories.',
  EEXIST: 'Check the path: DATA_DIR must be a directory.',
  EISDIR: 'Check the path: a file was expected, not a directory.',
};

const environmentHelp = `\nEnvironment:\n${VARIABLES.map((v) => `  ${v.name.padEnd(20)} ${v.description}${v.fallback ? ` (default: ${v.fallback})` : ''}`).join('\n')}\n`;

function config(): Config {
  return loadConfig(process.env);
}

async function serve(): Promise<void> {
  const cfg = config();
  const platform = await createPlatform(cfg, { command: 'marketgate serve' });
  const { http, database } = platform;
  if (platform.seeded) http.log.info('loaded the demo launch scenario into the empty database');
  const admin = platform.initialAdmin;

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

  let address: string;
  try {
    address = await http.listen({ port: cfg.port, host: cfg.host });
  } catch (error) {
    // The account exists now and is never created again: its one showing cannot wait for a port.
    if (admin) showInitialAdmin(admin);
    await platform.close();
    throw error;
  }
  http.log.info(`marketgate ${VERSION} on ${database.kind} (${database.location})`);
  const shown =
    cfg.host === 'localhost' || cfg.host === '0.0.0.0' || cfg.host === '::' ? `http://localhost:${cfg.port}` : address;
  process.stdout.write(
    `\n  marketgate is running: storefront ${shown}/  admin ${shown}/admin  API docs ${shown}/docs\n\n`,
  );
  if (admin) showInitialAdmin(admin);
}

function showInitialAdmin(admin: { email: string; password: string }): void {
  process.stdout.write(
    '  First start: created the admin account. The password is shown once; keep it safe.\n' +
      `    email:    ${admin.email}\n    password: ${admin.password}\n` +
      `  Lost it? marketgate users reset-password --email ${admin.email}\n\n`,
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

/** Runs a command against the services, on a migrated database, without the HTTP server. */
async function withServices<T>(command: string, work: (services: Services, where: string) => Promise<T>): Promise<T> {
  const cfg = config();
  const database = await databaseFromConfig(cfg, `marketgate ${command}`);
  const changes = await createChangeFeed(database.pool);
  try {
    if (database.kind === 'pglite' || cfg.migrateOnStart) await database.migrate();
    return await work(createServices(database, changes, systemClock, cfg), `${database.kind} (${database.location})`);
  } finally {
    await changes.close();
    await database.close();
  }
}

async function seed(): Promise<void> {
  await withServices('seed', async (services, where) => {
    const { created, kept } = await loadDemo(services);
    process.stdout.write(
      `Demo launch scenario loaded into ${where}: ` +
        `created ${created.categories} categories, ${created.markets} markets, ${created.products} products, ` +
        `${created.listings} listings, ${created.certificates} certificates, ${created.services} services, ` +
        `${created.deployments} deployments, ${created.prices} prices, ${created.shippingMethods} shipping methods; ` +
        `kept ${kept.markets} markets and ${kept.products} products that existed.\n`,
    );
  });
}

function role(value: string): Role {
  if (!isRole(value)) throw new InvalidArgumentError(`use one of ${ROLES.join(', ')}`);
  return value;
}

async function createUser(options: { email: string; name: string; role: Role }): Promise<void> {
  await withServices('users create', async ({ accounts }) => {
    const { user, password } = await accounts.createUser(options);
    process.stdout.write(`Created ${user.role} ${user.email}. Password (shown once): ${password}\n`);
  });
}

async function resetPassword(options: { email: string }): Promise<void> {
  await withServices('users reset-password', async ({ accounts }) => {
    const password = await accounts.resetPassword(options.email);
    process.stdout.write(`New password for ${options.email} (shown once; their sessions have ended): ${password}\n`);
  });
}

async function listUsers(): Promise<void> {
  await withServices('users list', async ({ accounts }) => {
    const users = await accounts.listUsers();
    for (const u of users) {
      const state = u.disabled ? 'disabled' : `last login ${u.lastLoginAt ?? 'never'}`;
      process.stdout.write(`${u.email.padEnd(36)} ${u.role.padEnd(13)} ${u.name} (${state})\n`);
    }
    if (users.length === 0)
      process.stdout.write('No staff users yet: the server creates the admin on its first start.\n');
  });
}

async function createToken(options: { role: Role; name: string }): Promise<void> {
  await withServices('tokens create', async ({ accounts }) => {
    const { secret } = await accounts.createToken(options, null);
    // Only the secret on stdout, so automation can capture it: TOKEN=$(marketgate tokens create ...)
    process.stdout.write(`${secret}\n`);
    process.stderr.write(`API token "${options.name}" for role ${options.role}; it is shown once.\n`);
  });
}

/** `marketgate requirements`: needs the rules only, or the database when given a market code. */
async function requirements(options: { market: string; profile: string; json?: boolean; at?: string }): Promise<void> {
  const cfg = config();
  let profile: unknown;
  try {
    profile = JSON.parse(readFileSync(options.profile, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read the profile ${options.profile}: ${(error as Error).message}`);
  }
  const at = atOption(options.at, true);
  const compliance = new ComplianceService(loadRules(cfg.rulesDir ? resolve(cfg.rulesDir) : RULES_DIR));
  const code = options.market.toUpperCase();
  const jurisdiction = compliance.jurisdictions().includes(code)
    ? code
    : await withServices('requirements', async ({ markets }) => (await markets.get(code)).jurisdiction);
  let answer: ReturnType<ComplianceService['requirements']>;
  try {
    answer = compliance.requirements(jurisdiction, profile, at);
  } catch (error) {
    if (error instanceof ValidationError) {
      throw new UsageError(
        `the profile is not valid: ${error.errors!.map((e) => `${e.field.replace(/^profile\.?/, '') || '(profile)'}: ${e.message}`).join('; ')}`,
      );
    }
    throw error;
  }
  if (options.json) {
    const requirements = answer.requirements.map((r) => ({ code: r.code, citation: r.citation, because: r.because }));
    process.stdout.write(`${JSON.stringify({ jurisdiction: answer.jurisdiction, requirements })}\n`);
    return;
  }
  process.stdout.write(
    `${answer.requirements.length} requirements in ${answer.jurisdiction}${at ? ` on ${options.at}` : ''}:\n`,
  );
  for (const r of answer.requirements) {
    process.stdout.write(`\n${r.code}  ${r.title} [${r.kind}, confidence ${r.confidence}]\n  ${r.citation}\n`);
    process.stdout.write(`  because: ${r.because.join('; ')}\n  evidence: ${r.evidence.description}\n`);
  }
}

/**
 * An --at option: a day of the calendar (2027-03-01, from midnight UTC), or with `instants` an RFC
 * 3339 instant too. Anything else is a usage error: `new Date` would take "1" as 2001 and
 * 2027-02-30 as March 2nd.
 */
function atOption(value: string | undefined, instants: boolean): Date | undefined {
  if (value === undefined) return undefined;
  if (isDay(value)) return new Date(`${value}T00:00:00.000Z`);
  if (instants && isInstant(value)) return new Date(value);
  throw new UsageError(`--at "${value}" is not a day${instants ? ' or an instant' : ''} (use 2027-03-01)`);
}

/** `marketgate readiness`: the product x market matrix from the database, as of now or a given day. */
async function readiness(options: {
  market?: string[];
  product?: string[];
  at?: string;
  format: string;
}): Promise<void> {
  const at = atOption(options.at, false);
  await withServices('readiness', async ({ markets, catalog, readiness }) => {
    // What is named must exist: an unknown code is a mistake, not an empty answer.
    for (const code of options.market ?? []) await markets.get(code);
    for (const product of options.product ?? []) await catalog.getProduct(product);
    const matrix = await readiness.matrix({ markets: options.market, products: options.product, at });
    if (options.format === 'json') process.stdout.write(`${JSON.stringify(matrix, null, 2)}\n`);
    else if (options.format === 'csv') process.stdout.write(matrixCsv(matrix));
    else process.stdout.write(matrixTable(matrix));
  });
}

/** A mistake in how the command was called: one line, exit 2. */
class UsageError extends Error {}

function fail(error: unknown): never {
  if (
    error instanceof ConfigError ||
    error instanceof DataDirInUseError ||
    error instanceof UsageError ||
    error instanceof RuleFileError
  ) {
    process.stderr.write(`marketgate: ${error.message}\n`);
    process.exit(EXIT_USAGE);
  }
  if (error instanceof AppError) {
    process.stderr.write(`marketgate: ${error.message}\n`);
    process.exit(1);
  }
  const hint = error instanceof Error ? SYSTEM_HINTS[(error as NodeJS.ErrnoException).code ?? ''] : undefined;
  if (hint) {
    process.stderr.write(`marketgate: ${error instanceof Error ? error.message : ''}. ${hint}\n`);
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

program
  .command('requirements')
  .description('print the requirements a device profile must meet in a market or jurisdiction, and why')
  .requiredOption('--market <code>', 'a market code (US, EU, ...) or a jurisdiction code')
  .requiredOption('--profile <file.json>', 'the device profile (DESIGN.md, compliance vocabulary)')
  .option('--at <date>', 'rules in force on this date (default: every rule, whatever its dates)')
  .option('--json', 'print {"jurisdiction", "requirements": [{"code", "citation", "because"}]}')
  .addHelpText('after', environmentHelp)
  .action(requirements);

program
  .command('readiness')
  .description('print whether each product may be sold in each market, and what blocks it')
  .option('--market <code...>', 'only these markets (default: every market)')
  .option('--product <slug...>', 'only these products, by slug or id (default: every product)')
  .option('--at <day>', 'as of this day, e.g. 2027-03-01 (default: now)')
  .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'))
  .addHelpText('after', environmentHelp)
  .action(readiness);

const users = program.command('users').description('manage staff users').addHelpText('after', environmentHelp);
users
  .command('create')
  .description('create a staff user with a generated password, printed once')
  .requiredOption('--email <email>', 'login email')
  .requiredOption('--name <name>', 'display name')
  .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`, role)
  .action(createUser);
users
  .command('reset-password')
  .description("replace a user's password with a generated one, printed once; ends their sessions")
  .requiredOption('--email <email>', 'login email')
  .action(resetPassword);
users.command('list').description('list staff users').action(listUsers);

const tokens = program.command('tokens').description('manage API tokens').addHelpText('after', environmentHelp);
tokens
  .command('create')
  .description('issue an API token for a role and print it (once) on stdout')
  .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`, role)
  .requiredOption('--name <name>', 'what the token is for, e.g. "erp-sync"')
  .action(createToken);

addKeyCommands(spamCommands(program), withServices);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Commander has printed its message (or the help) already.
    process.exit(error.exitCode === 0 ? 0 : EXIT_USAGE);
  }
  fail(error);
}
