import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
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

// Each command is a process that opens (and migrates) an embedded database: seconds each on a busy machine.
describe('marketgate CLI', { timeout: 120_000 }, () => {
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

  // One embedded data directory, migrated and seeded by the first test and read by the next: each
  // test spawns a few processes, so each keeps well inside its timeout on a busy machine.
  const seededDir = mkdtempSync(join(tmpdir(), 'marketgate-cli-'));

  it('migrates and seeds an embedded data directory; seeding again keeps what exists', () => {
    const dataDir = seededDir;
    expect(marketgate(['migrate'], { DATA_DIR: dataDir }).code).toBe(0);
    const seeded = marketgate(['seed'], { DATA_DIR: dataDir });
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toMatch(/created \d+ categories, 9 markets, \d+ products/);
    const again = marketgate(['seed'], { DATA_DIR: dataDir });
    expect(again.stdout).toContain('created 0 categories, 0 markets, 0 products, 0 listings');
  });

  it('answers readiness from the seeded data, as a table, CSV and JSON', () => {
    const dataDir = seededDir;

    // The seeded data answers `marketgate readiness`, in each format; the day after seeding, when the demo is listed.
    const at = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const table = marketgate(['readiness', '--market', 'us', '--at', at], { DATA_DIR: dataDir });
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(`US — United States on ${at}:`);
    expect(table.stdout).toMatch(/^mi-4 +no +CLOSED +CLOSED +CLOSED .*Missing evidence for US\.FCC\.CERTIFICATION/m);
    const csv = marketgate(['readiness', '--market', 'US', '--product', 'mi-band', '--at', at, '--format', 'csv'], {
      DATA_DIR: dataDir,
    });
    expect(csv.stdout.split('\n')[1]).toBe(`mi-band,US,true,true,true,true,${at},`);
    const json = JSON.parse(
      marketgate(['readiness', '--product', 'mi-4', '--at', at, '--format', 'json'], { DATA_DIR: dataDir }).stdout,
    );
    expect(json.markets).toHaveLength(9);
    expect(json.cells.find((c: { market: string }) => c.market === 'CN').sellable).toBe(true);
  });

  it('says what is wrong with a readiness question: an unknown market, a bad date', () => {
    const dataDir = seededDir;
    const unknown = marketgate(['readiness', '--market', 'XX'], { DATA_DIR: dataDir });
    expect([unknown.code, unknown.stderr]).toEqual([1, 'marketgate: No market "XX"\n']);
    expect(marketgate(['readiness', '--at', 'soon'], { DATA_DIR: dataDir }).code).toBe(2);
    // A day that is not on the calendar is no day, not the next valid one.
    const impossible = marketgate(['readiness', '--at', '2027-02-30'], { DATA_DIR: dataDir });
    expect([impossible.code, impossible.stderr]).toEqual([
      2,
      'marketgate: --at "2027-02-30" is not a day (use 2027-03-01)\n',
    ]);
  });

  it("shows the first admin's password even when the server cannot start, and says why in one line", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const port = String((taken.address() as AddressInfo).port);
      const dataDir = mkdtempSync(join(tmpdir(), 'marketgate-cli-'));
      const { code, stdout, stderr } = marketgate(['serve'], { DATA_DIR: dataDir, PORT: port, HOST: '127.0.0.1' });
      expect(code).toBe(1);
      expect(stdout).toMatch(/password: \S{12,}/);
      expect(stderr).toMatch(/^marketgate: .*EADDRINUSE.*Set PORT to a free port\.\n$/);
    } finally {
      taken.close();
    }
  });

  it('says in one line that DATA_DIR is a file, not a directory', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'marketgate-cli-')), 'file');
    writeFileSync(file, '');
    const { code, stderr } = marketgate(['migrate'], { DATA_DIR: file });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('DATA_DIR must be a directory');
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

  it('manages staff users and API tokens', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'marketgate-cli-'));
    const env = { DATA_DIR: dataDir };
    const created = marketgate(
      ['users', 'create', '--email', 'Ana@Example.com', '--name', 'Ana', '--role', 'merchandiser'],
      env,
    );
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/Created merchandiser ana@example\.com\. Password \(shown once\): \S{20}/);

    const listed = marketgate(['users', 'list'], env);
    expect(listed.stdout).toContain('ana@example.com');

    const reset = marketgate(['users', 'reset-password', '--email', 'ana@example.com'], env);
    expect(reset.stdout).toMatch(/New password for ana@example\.com/);

    const token = marketgate(['tokens', 'create', '--role', 'support', '--name', 'erp-sync'], env);
    expect(token.code).toBe(0);
    expect(token.stdout.trim()).toMatch(/^mg_[\w-]{43}$/);
  });

  it('refuses an unknown role, and a user that exists, with a clear message', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'marketgate-cli-'));
    const badRole = marketgate(['tokens', 'create', '--role', 'root', '--name', 'x'], { DATA_DIR: dataDir });
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('use one of admin, compliance, merchandiser, moderator, support');

    const args = ['users', 'create', '--email', 'bo@example.com', '--name', 'Bo', '--role', 'support'];
    expect(marketgate(args, { DATA_DIR: dataDir }).code).toBe(0);
    const twice = marketgate(args, { DATA_DIR: dataDir });
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('A staff user with email "bo@example.com" exists');
    // The API's rules, not looser ones: the same service checks both.
    const notEmail = marketgate(['users', 'create', '--email', 'notanemail', '--name', 'X', '--role', 'support'], {
      DATA_DIR: dataDir,
    });
    expect([notEmail.code, notEmail.stderr]).toEqual([1, 'marketgate: email: must match format "email"\n']);
  });

  it('prints the requirements of a profile as JSON, and names a malformed field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'marketgate-cli-'));
    const plush = JSON.parse(readFileSync('data/demo/products.json', 'utf8')).find(
      (p: { slug: string }) => p.slug === 'mi-bunny-plush',
    ).deviceProfile;
    writeFileSync(join(dir, 'plush.json'), JSON.stringify(plush));
    const ok = marketgate(['requirements', '--market', 'US', '--profile', join(dir, 'plush.json'), '--json']);
    expect(ok.code).toBe(0);
    const answer = JSON.parse(ok.stdout);
    expect(answer.jurisdiction).toBe('US');
    const cpc = answer.requirements.find((r: { code: string }) => r.code === 'US.CPSIA.CPC');
    expect(Object.keys(cpc)).toEqual(['code', 'citation', 'because']);
    expect(cpc.because.length).toBeGreaterThan(0);

    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...plush, battery: { chemistry: 'li-ion', wattHours: -1 } }));
    const bad = marketgate(['requirements', '--market', 'US', '--profile', join(dir, 'bad.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('battery.wattHours');
    for (const at of ['1', 'March 2027', '2027-02-30']) {
      const when = marketgate(['requirements', '--market', 'US', '--profile', join(dir, 'plush.json'), '--at', at]);
      expect(when.code, at).toBe(2);
    }
    expect(
      marketgate(['requirements', '--market', 'US', '--profile', join(dir, 'plush.json'), '--at', '2027-03-01']).code,
    ).toBe(0);
  });

  it('answers an unknown command with usage help, exit 2', () => {
    const { code, stderr } = marketgate(['launch-rockets']);
    expect(code).toBe(2);
    expect(stderr).toContain("unknown command 'launch-rockets'");
  });
});
