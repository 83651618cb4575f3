import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERATED, regenerated } from '../../scripts/docs.js';

// The tables generated from the code (configuration, permissions) must be up to date: run `npm run docs`.

const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');

describe('generated documentation', () => {
  it.each(Object.entries(GENERATED))('%s in %s is up to date', (name, { file }) => {
    const text = read(file);
    expect(regenerated(name, text), `run npm run docs to update ${file}`).toBe(text);
  });

  it('README shows the two commands that set everything up', () => {
    const readme = read('README.md');
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
  });
});
