import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// `marketgate serve` as a process: embedded data directory, one process at a time, SIGTERM.

const dataDir = mkdtempSync(join(tmpdir(), 'marketgate-serve-'));
const env = { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, LOG_LEVEL: 'warn', HOST: '127.0.0.1' };
let server: ChildProcess | undefined;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

// A hang guard, not a performance check: a first start migrates and seeds, slowly on a busy machine.
async function waitForReady(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 900; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not become ready in 90 s');
}

afterAll(() => {
  if (server?.exitCode === null) server.kill('SIGKILL');
});

describe('marketgate serve', () => {
  it('serves the demo on an embedded data directory, keeps a second server out, and stops on SIGTERM', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
      env: { ...env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    server.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    server.stdout?.on('data', (chunk) => {
      stdout += chunk;
    });
    await waitForReady(url, server);

    // The first start creates the admin and shows its generated password once; it logs in.
    const password = /password: (\S+)/.exec(stdout)?.[1];
    expect(stdout).toContain('email:    admin@marketgate.local');
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@marketgate.local', password }),
    });
    expect(login.status).toBe(200);

    const listing = (await (await fetch(`${url}/api/store/markets/US/products`)).json()) as {
      products: Array<{ slug: string }>;
    };
    expect(listing.products.map((p: { slug: string }) => p.slug)).toContain('mi-power-bank-10000');

    const second = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
      env: { ...env, PORT: String(await freePort()) },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(second.status).toBe(2);
    expect(second.stderr).toContain(`in use by process ${server.pid} (marketgate serve`);

    const exited = new Promise<number | null>((resolve) => server!.once('exit', (code) => resolve(code)));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
    expect(existsSync(join(dataDir, 'marketgate.lock'))).toBe(false);

    // The data outlived the process: seeding again finds every record in place.
    const again = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', 'seed'], { env, encoding: 'utf8' });
    expect(again.stdout).toContain('created 0 categories, 0 markets, 0 products, 0 listings');
  }, 180_000);
});
