import { readFileSync, writeFileSync } from 'node:fs';
import { VARIABLES } from '../src/config.js';
import { PERMISSIONS, type Permission, ROLE_PERMISSIONS, ROLES } from '../src/modules/accounts/permissions.js';

// Tables in the docs that are generated from the code, between <!-- generated:NAME --> markers.
// `npm run docs` rewrites them; test/integration/docs.test.ts fails when they are stale.

export function configTable(): string {
  const rows = VARIABLES.map(
    (v) => `| \`${v.name}\` | ${v.fallback === undefined ? '(unset)' : `\`${v.fallback}\``} | ${v.description} |`,
  );
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}

export function permissionTable(): string {
  const header = `| permission | what it allows | ${ROLES.join(' | ')} |`;
  const rule = `|---|---|${ROLES.map(() => ':-:').join('|')}|`;
  const rows = (Object.keys(PERMISSIONS) as Permission[]).map(
    (p) =>
      `| \`${p}\` | ${PERMISSIONS[p]} | ${ROLES.map((r) => (ROLE_PERMISSIONS[r].includes(p) ? 'yes' : '')).join(' | ')} |`,
  );
  return [header, rule, ...rows].join('\n');
}

export const GENERATED: Record<string, { file: string; render: () => string }> = {
  config: { file: 'README.md', render: configTable },
  permissions: { file: 'docs/SECURITY.md', render: permissionTable },
};

/** The file's text with the named region replaced by freshly rendered content. */
export function withRegion(text: string, name: string, content: string): string {
  const pattern = new RegExp(`(<!-- generated:${name} -->\\n)[\\s\\S]*?(\\n<!-- /generated:${name} -->)`);
  if (!pattern.test(text)) throw new Error(`no <!-- generated:${name} --> region`);
  return text.replace(pattern, `$1${content}$2`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [name, { file, render }] of Object.entries(GENERATED)) {
    const text = readFileSync(file, 'utf8');
    const next = withRegion(text, name, render());
    if (next !== text) {
      writeFileSync(file, next);
      process.stdout.write(`updated ${file} (${name})\n`);
    }
  }
}
