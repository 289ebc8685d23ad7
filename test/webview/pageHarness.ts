/**
 * The leaderboard page in headless Chromium, as the panel serves it: the same HTML and CSP
 * (leaderboardHtml), the built bundle from dist/webview (run `npm run build` first), and a stand-in
 * for VS Code's webview host (acquireVsCodeApi, theme variables, postMessage).
 *
 *   const lb = await openLeaderboardPage({ theme: 'dark' });
 *   try {
 *     await lb.send(snapshotMessage);            // resolves once handled and painted
 *     assert.deepEqual(await lb.posted(), [{ type: 'ready' }]);
 *     assert.deepEqual(lb.consoleErrors, []);    // console errors, page errors, CSP violations
 *   } finally { await lb.close(); }
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { leaderboardHtml, makeNonce } from '../../src/extension/leaderboard/leaderboardHtml';
import type { HostMessage, ThemeKind, WebviewMessage } from '../../src/protocol/leaderboard';
import { THEMES } from './vscodeThemes';

export const repoRoot = resolve(__dirname, '..', '..');
const WEBVIEW_DIST = join(repoRoot, 'dist', 'webview');

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
};

export interface LeaderboardPageOptions {
  readonly theme?: ThemeKind;
  readonly viewport?: { readonly width: number; readonly height: number };
  /** What the page's getState() returns at first (as if VS Code restored a saved webview). */
  readonly state?: unknown;
}

export interface LeaderboardPage {
  readonly page: Page;
  /** Every console error, uncaught page error and CSP violation so far. */
  readonly consoleErrors: readonly string[];
  /** Posts host messages to the page; resolves once the page handled them and painted a frame. */
  send(messages: HostMessage | readonly HostMessage[]): Promise<void>;
  /** Everything the page posted to the host, oldest first (`ready` included). */
  posted(): Promise<WebviewMessage[]>;
  /** What the page last stored with setState (or the seeded state). */
  savedState(): Promise<unknown>;
  setTheme(theme: ThemeKind): Promise<void>;
  /** Resolves after the next painted frame. */
  settle(): Promise<void>;
  /** Reloads the page (the saved state survives, as in VS Code) and waits for its `ready`. */
  reload(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The stub's page-side API (vscodeWebviewStub.js). Callbacks run in the page, so they reach it through
 * `globalThis` themselves: a helper function from this module would not exist there.
 */
interface HarnessGlobals {
  readonly __posted: WebviewMessage[];
  readonly __harness: {
    deliver(messages: readonly HostMessage[]): Promise<void>;
    setTheme(theme: (typeof THEMES)[ThemeKind]): Promise<void>;
    afterPaint(): Promise<void>;
    state(): unknown;
  };
}

/**
 * One Chromium (with its own temp profile) per test process, shared by the pages open at a time; each
 * page gets a fresh browser context (no storage, cache or state from another). The browser closes
 * shortly after the last page, so a test file's process can exit.
 */
let shared: { browser: Promise<Browser>; pages: number; closeTimer: NodeJS.Timeout | null } | null = null;

async function acquireBrowser(): Promise<Browser> {
  if (!shared) {
    const launching = chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
    // A failed launch is not kept: the next page tries again.
    launching.catch(() => {
      if (shared?.browser === launching) shared = null;
    });
    shared = { browser: launching, pages: 0, closeTimer: null };
  }
  if (shared.closeTimer) clearTimeout(shared.closeTimer);
  shared.closeTimer = null;
  shared.pages += 1;
  return shared.browser;
}

function releaseBrowser(): void {
  const current = shared;
  if (!current) return;
  current.pages -= 1;
  if (current.pages > 0) return;
  current.closeTimer = setTimeout(() => {
    if (shared === current) shared = null;
    void current.browser.then((browser) => browser.close());
  }, 300);
}

export async function openLeaderboardPage(options: LeaderboardPageOptions = {}): Promise<LeaderboardPage> {
  if (!existsSync(join(WEBVIEW_DIST, 'leaderboard.js'))) throw new Error('dist/webview/leaderboard.js is missing: run `npm run build` first');
  const server = await serveWebview();
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let context: BrowserContext | null = null;
  try {
    const browser = await acquireBrowser();
    context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 } });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`${message.text()} (${message.location().url}:${message.location().lineNumber})`);
    });
    page.on('pageerror', (error) => consoleErrors.push(`page error: ${error.stack ?? error.message}`));
    const config = { theme: THEMES[options.theme ?? 'dark'], state: options.state };
    const stub = readFileSync(join(__dirname, 'vscodeWebviewStub.js'), 'utf8').replace('= __HARNESS_CONFIG__;', () => `= ${JSON.stringify(config)};`);
    await page.addInitScript({ content: stub });

    const waitForReady = (): Promise<unknown> => page.waitForFunction(() => (globalThis as unknown as HarnessGlobals).__posted.some((message) => message.type === 'ready'));
    await page.goto(`${origin}/`);
    await waitForReady();
    const openContext = context;
    let closed = false;
    return {
      page,
      consoleErrors,
      async send(messages) {
        const list = Array.isArray(messages) ? messages : [messages as HostMessage];
        await page.evaluate((batch) => (globalThis as unknown as HarnessGlobals).__harness.deliver(batch), list);
      },
      posted: () => page.evaluate(() => (globalThis as unknown as HarnessGlobals).__posted),
      savedState: () => page.evaluate(() => (globalThis as unknown as HarnessGlobals).__harness.state()),
      setTheme: (theme) => page.evaluate((next) => (globalThis as unknown as HarnessGlobals).__harness.setTheme(next), THEMES[theme]),
      settle: () => page.evaluate(() => (globalThis as unknown as HarnessGlobals).__harness.afterPaint()),
      async reload() {
        await page.reload();
        await waitForReady();
      },
      async close() {
        if (closed) return;
        closed = true;
        await openContext.close();
        releaseBrowser();
        await new Promise<void>((done) => server.close(() => done()));
      },
    };
  } catch (error) {
    await context?.close();
    releaseBrowser();
    server.close();
    throw error;
  }
}

/** `/` is the page; `/webview/<file>` are the files of dist/webview; nothing else is served. */
async function serveWebview(): Promise<Server> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // A browser tab asks for one; a webview (an iframe) does not. Answered empty so it logs no 404.
    if (url.pathname === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    if (url.pathname === '/') {
      const html = leaderboardHtml({
        cspSource: origin,
        nonce: makeNonce((size) => randomBytes(size)),
        scriptUri: `${origin}/webview/leaderboard.js`,
        styleUri: `${origin}/webview/leaderboard.css`,
        codiconUri: `${origin}/webview/codicon.css`,
        title: 'Leaderboard',
      });
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(html);
      return;
    }
    const match = /^\/webview\/([\w.-]+)$/.exec(url.pathname);
    const file = match?.[1] && !match[1].startsWith('.') ? join(WEBVIEW_DIST, match[1]) : null;
    const type = file ? CONTENT_TYPES[extname(file)] : undefined;
    if (!file || !type || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
    response.end(readFileSync(file));
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return server;
}

/** Polls `read` every 50 ms until `check` passes (pages redraw a few times a second); fails naming `what` and the last value. */
export async function pollUntil<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string, timeoutMs = 4000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!check(value)) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}; last: ${JSON.stringify(value)?.slice(0, 600)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}
