// Debian's headless Chromium for the browser tests, started the same way by each of them: a
// throw-away profile, no network of its own, and every process it starts tracked by PID.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { cleanup, descendants, track, waitGone } from './processes.js';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/** A cold Chromium start on a busy 2-core machine can take tens of seconds: the hooks wait this long. */
export const BROWSER_HOOK_MS = 120_000;

/** A running browser, its temp folder, and the PIDs to check are gone after close. */
export interface TestBrowser {
  context: BrowserContext;
  dir: string;
  pids: number[];
}

/** Starts Chromium on a temp profile (playwright takes --user-data-dir as the first argument). */
export async function startBrowser(prefix: string): Promise<TestBrowser> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
  // Chromium and its helpers are this worker's only children: end them by PID if close() does not.
  const pids = descendants(process.pid);
  for (const pid of pids) track(pid);
  return { context, dir, pids };
}

/** Closes the browser, checks every process it started is gone, and removes its folder. */
export async function stopBrowser(browser: TestBrowser | undefined): Promise<string[]> {
  if (!browser) return [];
  await browser.context.close();
  const left = [...(await waitGone(browser.pids)), ...(await cleanup())].map(String);
  await rm(browser.dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  return left;
}

/** A page opened for a test, with what it logged as an error and what it asked of other origins. */
export interface WatchedPage {
  page: Page;
  problems: string[];
  elsewhere: string[];
}

/** Opens a 1400×900 page that records console errors, page errors and requests outside `own`. */
export async function openWatchedPage(
  context: BrowserContext,
  own: (url: string) => boolean,
): Promise<WatchedPage> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1400, height: 900 });
  const problems: string[] = [];
  const elsewhere: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
  page.on('request', (request) => {
    if (!own(request.url())) elsewhere.push(request.url());
  });
  return { page, problems, elsewhere };
}

/** Registers the suite's hooks: Chromium up before its tests, closed with nothing left after. */
export function useBrowser(prefix: string): { readonly context: BrowserContext; readonly dir: string } {
  let started: TestBrowser | undefined;
  beforeAll(async () => {
    started = await startBrowser(prefix);
  }, BROWSER_HOOK_MS);
  afterAll(async () => {
    expect(await stopBrowser(started)).toEqual([]);
  }, BROWSER_HOOK_MS);
  const running = (): TestBrowser => {
    if (!started) throw new Error('Chromium did not start');
    return started;
  };
  return {
    get context() {
      return running().context;
    },
    get dir() {
      return running().dir;
    },
  };
}
