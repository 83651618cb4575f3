import { mkdir } from 'node:fs/promises';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Clock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from './app.js';

// Browser tests drive Debian's Chromium (apt-get install chromium); CHROMIUM_PATH points elsewhere.
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Screenshots for a human to look at; not committed. */
export const SHOTS = '/tmp/shots';

export interface BrowserHarness {
  app: TestApp;
  browser: Browser;
  context: BrowserContext;
  page: Page;
}

/**
 * The one way a browser test file starts: the real app on a fresh database with the demo, one
 * Chromium, and a fresh context (no cookies, no remembered market) for every test.
 * Call inside a describe; read the harness's fields inside tests. A test that moves the app's time
 * passes its own clock (the app's is otherwise pinned at DEMO_DAY); `env` sets configuration (COMMENT_RATE_LIMIT, ...).
 */
export function useBrowserApp(options: { clock?: Clock; env?: Record<string, string> } = {}): BrowserHarness {
  const harness = {} as BrowserHarness;
  beforeAll(async () => {
    [harness.app, harness.browser] = await Promise.all([
      startTestApp({ seed: true, clock: options.clock, env: options.env }),
      launchBrowser(),
    ]);
    await mkdir(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await harness.browser?.close();
    await harness.app?.close();
  });
  beforeEach(async () => {
    await harness.context?.close();
    harness.context = await harness.browser.newContext({ viewport: { width: 1280, height: 860 } });
    harness.page = await harness.context.newPage();
    harness.page.setDefaultTimeout(10_000);
  });
  return harness;
}
