// What a benchmark starts, and undoing it: every process, database and temp directory is
// registered here when it is made, so that cleanup() stops and removes all of them, also on
// failure or Ctrl-C. Plus the small probes used while starting things (free port, HTTP GET).

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, openSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { ROOT } from './paths.mjs';
import { dropDatabase } from './postgres.mjs';

export const HOST = '127.0.0.1';

const children = new Set(); // { name, child }
const databases = new Map(); // name -> admin URL it was created with
const tempDirs = new Set();
const undoers = []; // { name, undo }: anything else a run made (Redis keys, say)

export const log = (message) => process.stderr.write(`[bench] ${message}\n`);
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export const trackDatabase = (name, adminUrl) => databases.set(name, adminUrl);
export const trackTempDir = (dir) => tempDirs.add(dir);
/** Something else to undo at cleanup (after the processes stop, before the databases drop); returns a forget(). */
export function trackUndo(name, undo) {
  const entry = { name, undo };
  undoers.push(entry);
  return () => {
    const i = undoers.indexOf(entry);
    if (i >= 0) undoers.splice(i, 1);
  };
}

/** Drops a database this run created, and forgets it. */
export async function dropTrackedDatabase(name) {
  await dropDatabase(databases.get(name), name);
  databases.delete(name);
}

/** The processes still running whose name starts with the prefix (e.g. "server"). */
export const running = (prefix) => [...children].filter((entry) => entry.name.startsWith(prefix));

export async function stopChild(entry) {
  const { child, name } = entry;
  const started = performance.now();
  let killed = false;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const timeout = sleep(5000).then(() => 'timeout');
    if ((await Promise.race([exited, timeout])) === 'timeout') {
      log(`${name} (pid ${child.pid}) did not stop within 5 s of SIGTERM: SIGKILL`);
      killed = true;
      child.kill('SIGKILL');
      await Promise.race([exited, sleep(5000)]);
    }
  }
  children.delete(entry);
  return { ms: Math.round(performance.now() - started), code: child.exitCode, signal: child.signalCode, killed };
}

let cleaning;
export function cleanup() {
  cleaning ??= (async () => {
    await Promise.all([...children].map((entry) => stopChild(entry).catch(() => {})));
    for (const { name, undo } of undoers.splice(0)) {
      try {
        await undo();
      } catch (error) {
        log(`could not undo ${name}: ${error.message}`);
      }
    }
    for (const name of [...databases.keys()]) {
      try {
        await dropTrackedDatabase(name);
        log(`dropped database ${name}`);
      } catch (error) {
        log(`could not drop database ${name}: ${error.message} (drop it by hand)`);
      }
    }
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
    tempDirs.clear();
  })();
  return cleaning;
}

/** On Ctrl-C or SIGTERM: clean up, then exit 130. */
export function cleanupOnSignals() {
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      log(`${signal}: stopping what the benchmark started`);
      cleanup().finally(() => process.exit(130));
    });
  }
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export function get(port, path, timeoutMs = 2000) {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: HOST, port, path, agent: false, timeout: timeoutMs }, (response) => {
      const chunks = [];
      response.on('data', (c) => chunks.push(c));
      response.on('end', () =>
        resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks).toString() }),
      );
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', reject);
  });
}

/**
 * Spawns `node <args>` directly (not through npm, so child.pid is the server's) with output to a
 * log file, and waits for the first 200 from readyPath. Returns the ms from spawn to that 200.
 */
export async function start(name, args, env, port, readyPath, logFile, timeoutSeconds) {
  const fd = openSync(logFile, 'a');
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const entry = { name, child };
  children.add(entry);
  let exitNote;
  child.on('exit', (code, signal) => {
    exitNote = `exited with ${signal ?? `code ${code}`}`;
  });
  const deadline = spawnedAt + timeoutSeconds * 1000;
  for (;;) {
    if (exitNote) throw new Error(`${name} ${exitNote} before it was ready. Its log:\n${tail(logFile)}`);
    if (performance.now() > deadline) {
      throw new Error(`${name} not ready within ${timeoutSeconds} s. Its log:\n${tail(logFile)}`);
    }
    try {
      const response = await get(port, readyPath, 1000);
      if (response.status === 200) return { entry, pid: child.pid, readyMs: Math.round(performance.now() - spawnedAt) };
    } catch {
      // not listening yet
    }
    await sleep(20);
  }
}

export function tail(file, lines = 30) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
