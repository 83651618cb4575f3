import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockDataDir } from '../../src/platform/database/lock.js';

// The CLI as a user runs it, in a child process.

function marketgate(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('marketgate CLI', () => {
  it.each(['serve', 'migrate', 'seed'])('explains %s with --help', (command) => {
    const { code, stdout } = marketgate([command, '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain(`Usage: marketgate ${command}`);
    expect(stdout).toContain('DATABASE_URL');
  });

  it('stops with a message naming a bad variable, exit 2', () => {
    const { code, stderr } = marketgate(['serve'], { PORT: 'eighty' });
    expect(code).toBe(2);
    expect(stderr).toContain('PORT="eighty"');
  });

  it('migrates and seeds an embedded data directory', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'marketgate-cli-'));
    expect(marketgate(['migrate'], { DATA_DIR: dataDir }).code).toBe(0);
    const seeded = marketgate(['seed'], { DATA_DIR: dataDir });
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toMatch(/created \d+ categories, 9 markets, \d+ products/);
    const again = marketgate(['seed'], { DATA_DIR: dataDir });
    expect(again.stdout).toContain('created 0 categories, 0 markets, 0 products, 0 listings');
  });

  it('refuses a data directory another process holds, and names that process', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'marketgate-cli-'));
    const release = lockDataDir(dataDir, 'marketgate serve');
    try {
      const { code, stderr } = marketgate(['migrate'], { DATA_DIR: dataDir });
      expect(code).toBe(2);
      expect(stderr).toContain(`in use by process ${process.pid} (marketgate serve`);
    } finally {
      release();
    }
  });

  it('answers an unknown command with usage help, exit 2', () => {
    const { code, stderr } = marketgate(['launch-rockets']);
    expect(code).toBe(2);
    expect(stderr).toContain("unknown command 'launch-rockets'");
  });
});
