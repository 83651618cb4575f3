import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { VARIABLES } from '../src/config.js';
import { PERMISSIONS, type Permission, ROLE_PERMISSIONS, ROLES } from '../src/modules/accounts/permissions.js';
import { describeCondition, loadRules } from '../src/modules/compliance/index.js';

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

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();

/** docs/COMPLIANCE-RULES.md: a table per jurisdiction, from rules/*.yaml. */
export function complianceRules(): string {
  const parts = [
    '# Compliance rules',
    '',
    'Generated from `rules/*.yaml` by `npm run docs`; do not edit by hand (a test fails when this file is stale).',
    'Research, not legal advice: each rule cites its legal basis and says how sure we are (H: the law text or',
    "the regulator's page was read; M: one reputable source or an inference; L: check before relying on it).",
  ];
  for (const file of loadRules().values()) {
    parts.push(
      '',
      `## ${file.name} (${file.jurisdiction})`,
      '',
      `Reviewed ${file.reviewed}. ${file.rules.length} rules.`,
      '',
    );
    parts.push('| code | requirement | applies when | evidence | citation | confidence |', '|---|---|---|---|---|:-:|');
    for (const r of file.rules) {
      const dates = [r.effectiveFrom && `from ${r.effectiveFrom}`, r.effectiveUntil && `until ${r.effectiveUntil}`]
        .filter(Boolean)
        .join(', ');
      const evidence = `${r.evidence.type}${r.evidence.identifier ? ` (${r.evidence.identifier})` : ''}${r.evidence.expires ? ', expires' : ''}`;
      parts.push(
        `| \`${r.code}\` | ${cell(r.title)}${dates ? ` (${dates})` : ''} | ${cell(describeCondition(r.appliesWhen))} | ${evidence} | [${cell(r.citation)}](${r.source}) | ${r.confidence} |`,
      );
    }
    const notes = file.rules.filter((r) => r.notes);
    if (notes.length > 0) {
      parts.push('', 'Notes:', '');
      for (const r of notes) parts.push(`- \`${r.code}\`: ${cell(r.notes!)}`);
    }
  }
  return `${parts.join('\n')}\n`;
}

export const GENERATED: Record<string, { file: string; render: () => string; whole?: boolean }> = {
  config: { file: 'README.md', render: configTable },
  permissions: { file: 'docs/SECURITY.md', render: permissionTable },
  'compliance-rules': { file: 'docs/COMPLIANCE-RULES.md', render: complianceRules, whole: true },
};

/** The file as it should be: the whole generated file, or its text with the region regenerated. */
export function regenerated(name: string, text: string): string {
  const entry = GENERATED[name]!;
  return entry.whole ? entry.render() : withRegion(text, name, entry.render());
}

/** The file's text with the named region replaced by freshly rendered content. */
export function withRegion(text: string, name: string, content: string): string {
  const pattern = new RegExp(`(<!-- generated:${name} -->\\n)[\\s\\S]*?(\\n<!-- /generated:${name} -->)`);
  if (!pattern.test(text)) throw new Error(`no <!-- generated:${name} --> region`);
  return text.replace(pattern, `$1${content}$2`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [name, { file }] of Object.entries(GENERATED)) {
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    const next = regenerated(name, text);
    if (next !== text) {
      writeFileSync(file, next);
      process.stdout.write(`updated ${file} (${name})\n`);
    }
  }
}
