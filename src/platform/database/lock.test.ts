import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirInUseError, lockDataDir } from './lock.js';

const dir = () => mkdtempSync(join(tmpdir(), 'marketgate-lock-'));

describe('data directory lock', () => {
  it('records the owner and removes the lock on release', () => {
    const d = dir();
    const release = lockDataDir(d, 'marketgate serve');
    const owner = JSON.parse(readFileSync(join(d, 'marketgate.lock'), 'utf8'));
    expect(owner).toMatchObject({ pid: process.pid, command: 'marketgate serve' });
    release();
    expect(existsSync(join(d, 'marketgate.lock'))).toBe(false);
  });

  it('keeps a second opener out and names the process that holds it', () => {
    const d = dir();
    const release = lockDataDir(d, 'marketgate serve');
    try {
      expect(() => lockDataDir(d, 'marketgate seed')).toThrow(DataDirInUseError);
      expect(() => lockDataDir(d, 'marketgate seed')).toThrow(`in use by process ${process.pid} (marketgate serve`);
    } finally {
      release();
    }
  });

  it('takes over a lock whose process has exited', () => {
    const d = dir();
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(join(d, 'marketgate.lock'), JSON.stringify({ pid: Number(gone), command: 'crashed', since: 'then' }));
    const release = lockDataDir(d, 'marketgate serve');
    expect(JSON.parse(readFileSync(join(d, 'marketgate.lock'), 'utf8')).pid).toBe(process.pid);
    release();
  });
});
