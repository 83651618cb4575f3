import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The server serves the built web app from dist/web; build it once per test run when any web
// source is newer than the last build, so browser tests never run against a stale bundle.

const repo = fileURLToPath(new URL('../../', import.meta.url));
const configFile = join(repo, 'vite.config.ts');
const builtIndex = join(repo, 'dist', 'web', 'index.html');

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // a deleted file only shows as its directory's change
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestChange(join(path, entry)));
  return newest;
}

function builtAt(): number {
  try {
    return statSync(builtIndex).mtimeMs;
  } catch {
    return -1;
  }
}

export async function setup(): Promise<void> {
  const sources = Math.max(newestChange(join(repo, 'src', 'web')), newestChange(configFile));
  if (builtAt() >= sources) return;
  const { build } = await import('vite');
  // Vitest sets NODE_ENV=test and Vite honours it, which would ship React's development build to
  // dist/web, the directory the server serves: build exactly what `npm run build:web` builds.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile, mode: 'production', logLevel: 'warn' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}
