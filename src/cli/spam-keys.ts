import type { Command } from 'commander';
import type { SpamKey, SpamKeys } from '../modules/discussion/akismet/index.js';

// `marketgate spam keys create | list | revoke`: the keys other sites use for the
// Akismet-compatible API, from the command line. These open the database.

/** main.ts's withServices: runs the work on a migrated database, without the HTTP server. */
export type WithServices = <T>(
  command: string,
  work: (services: { spamKeys: SpamKeys }, where: string) => Promise<T>,
) => Promise<T>;

const print = (line: string) => process.stdout.write(`${line}\n`);

function describeKey(k: SpamKey): string {
  const { month: m, total } = k;
  const state = k.revokedAt ? `revoked ${k.revokedAt}` : `created ${k.createdAt}`;
  return (
    `${k.key}  ${k.site}  (${state})\n` +
    `  ${m.month}: ${m.calls} checks (${m.spam} spam, ${m.ham} ham), ${m.missedSpam} missed spam, ` +
    `${m.falsePositives} false positives; all months: ${total.calls} checks`
  );
}

/** Adds `keys` and its subcommands to the `spam` command. */
export function addKeyCommands(spam: Command, withServices: WithServices): Command {
  const keys = spam
    .command('keys')
    .description("API keys for other sites' spam checks through the Akismet-compatible API (uses the database)");
  keys
    .command('create')
    .description('issue a key for a site and print it alone on stdout: KEY=$(marketgate spam keys create --site ...)')
    .requiredOption('--site <url>', "the site's address, e.g. https://blog.example.com")
    .action((options: { site: string }) =>
      withServices('spam keys create', async ({ spamKeys }) => {
        const key = await spamKeys.create(options.site, null);
        print(key.key);
        process.stderr.write(`Key for ${key.site}: point its Akismet client at this server (docs/AKISMET.md).\n`);
      }),
    );
  keys
    .command('list')
    .description("every key, newest first, with this month's usage and the totals")
    .option('--json', 'print the keys as one JSON array')
    .action((options: { json?: boolean }) =>
      withServices('spam keys list', async ({ spamKeys }) => {
        const all = await spamKeys.list();
        if (options.json) print(JSON.stringify(all));
        else if (all.length === 0) print('No keys yet: marketgate spam keys create --site <url>');
        else for (const key of all) print(describeKey(key));
      }),
    );
  keys
    .command('revoke')
    .description('revoke a key: the API answers `invalid` to it from then on')
    .argument('<key>', 'the key, or its id')
    .action((key: string) =>
      withServices('spam keys revoke', async ({ spamKeys }) => {
        const revoked = await spamKeys.revoke(key);
        print(`Revoked ${revoked.key} (${revoked.site}).`);
      }),
    );
  return keys;
}
