import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VARIABLES } from '../../src/config.js';

// The README's configuration table must say what src/config.ts does.

describe('README', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

  it.each(VARIABLES.map((v) => [v.name, v]))('documents %s with its default and meaning', (_name, v) => {
    const fallback = v.fallback === undefined ? '(unset)' : `\`${v.fallback}\``;
    expect(readme).toContain(`| \`${v.name}\` | ${fallback} | ${v.description} |`);
  });

  it('shows the two commands that set everything up', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
  });
});
