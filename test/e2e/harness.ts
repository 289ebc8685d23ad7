/**
 * End-to-end harness: the packaged extension installed in a private code-server, a temp copy of a
 * workspace folder opened in it, and headless Debian Chromium driving the workbench via Playwright.
 *
 *   const vscode = await launchVsCode({ testName: 'smoke', workspaceSource: 'examples' });
 *   try { await vscode.revealInExplorer('iris/iris.tune.yaml'); ... } finally { await vscode.stop(); }
 *
 * Every helper waits on selectors (no fixed sleeps) and, when it fails, saves a screenshot named
 * after itself in test-results/e2e/<testName>/ before rethrowing.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import {
  assertCodeServerInstalled, codeServerBinary, CodeServerDirs, installExtension, listExtensions, startCodeServer, stopCodeServer,
  type RunningCodeServer,
} from './codeServer';
import { openStorage } from '../../src/core/storage';
import type { FrozenTrial } from '../../src/core/trial';
import { Workbench } from './workbench';

export const repoRoot = resolve(__dirname, '..', '..');
/** Where scripts/e2e/run.mjs (through package-vsix.mjs) leaves the packaged extension. */
export const defaultVsixPath = process.env.TUNEBOARD_E2E_VSIX ?? join(repoRoot, 'out', 'e2e', 'tuneboard.vsix');

/**
 * A test file's `skip`: run alone on a laptop without code-server, Chromium or the packaged extension
 * (or whatever else `also` says is missing) it skips with how to prepare; in CI it runs and fails.
 */
export function skipUnlessPrepared(also?: { readonly missing: boolean; readonly how: string }): string | false {
  const missing = [codeServerBinary, '/usr/bin/chromium', defaultVsixPath].some((path) => path !== undefined && !existsSync(path));
  if (process.env.CI || !(missing || also?.missing)) return false;
  return `not prepared: run npm run test:e2e${also ? ` (and ${also.how})` : ''}`;
}

/** The trials of the (only) study in a journal of the workspace. */
export async function journalTrials(journal: string): Promise<readonly FrozenTrial[]> {
  const storage = await openStorage(journal);
  try {
    const [study] = storage.getStudies();
    return study ? storage.getTrials(study.id) : [];
  } finally {
    await storage.close();
  }
}

/** Polls `probe` until it returns a value (not undefined); fails naming `what` after `timeoutMs`. */
export async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export interface LaunchOptions {
  /** Names the screenshot folder test-results/e2e/<testName>/ (emptied at launch: one per session). */
  testName: string;
  /** A folder (absolute or relative to the repo) copied to a temp workspace, so tests may change files. */
  workspaceSource: string;
  vsixPath?: string;
  /** Default true (--disable-workspace-trust). false: the workspace opens in Restricted Mode. */
  trustWorkspace?: boolean;
  /** Merged over the quiet user settings. */
  userSettings?: Record<string, unknown>;
}

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

export class VsCodeSession extends Workbench {
  private stopped = false;

  constructor(
    page: Page,
    screenshotDir: string,
    /** The temp copy of the workspace folder that is open in the editor. */
    readonly workspaceDir: string,
    private readonly dirs: CodeServerDirs,
    private readonly server: RunningCodeServer,
    private readonly browser: BrowserContext,
    private readonly keepTempDir: boolean,
  ) {
    super(page, screenshotDir);
  }

  get extensionsDir(): string {
    return this.dirs.extensionsDir;
  }

  /** `publisher.name@version` of the installed extensions (code-server --list-extensions). */
  installedExtensions(): Promise<string[]> {
    return listExtensions(this.dirs);
  }

  /** The extension host's log (activations and their errors), all sessions of this run joined. */
  extensionHostLog(): string {
    const logsDir = join(this.dirs.userDataDir, 'logs');
    if (!existsSync(logsDir)) return '';
    return readdirSync(logsDir, { recursive: true, encoding: 'utf8' })
      .filter((path) => basename(path) === 'remoteexthost.log')
      .map((path) => readFileSync(join(logsDir, path), 'utf8'))
      .join('\n');
  }

  /** Waits until the extension host has activated `extensionId`; throws with the log if it failed. */
  async waitForActivation(extensionId: string, timeoutMs = 30_000): Promise<void> {
    await this.step(`activation-${extensionId}`, async () => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const log = this.extensionHostLog();
        // Both wordings VS Code 1.100 logs: a throwing activate() and a module that fails to load.
        const failed = [`Activating extension '${extensionId}' failed`, `Activating extension ${extensionId} failed`];
        if (failed.some((wording) => log.includes(wording))) throw new Error(`${extensionId} failed to activate:\n${log}`);
        if (log.includes(`_doActivateExtension ${extensionId},`)) return;
        if (Date.now() > deadline) throw new Error(`${extensionId} did not activate within ${timeoutMs / 1000}s:\n${log}`);
        // The log is a file, not a selector: poll it.
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    });
  }

  readWorkspaceFile(relPath: string): string {
    return readFileSync(join(this.workspaceDir, relPath), 'utf8');
  }

  /** Closes the browser and kills code-server's process group (with the studies it started). */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.browser.close().catch(() => undefined);
    await stopCodeServer(this.server);
    if (this.keepTempDir) console.error(`e2e: kept ${this.dirs.rootDir}`);
    else rmSync(this.dirs.rootDir, { recursive: true, force: true });
  }
}

export async function launchVsCode(options: LaunchOptions): Promise<VsCodeSession> {
  assertCodeServerInstalled();
  const screenshotDir = join(repoRoot, 'test-results', 'e2e', options.testName);
  rmSync(screenshotDir, { recursive: true, force: true });
  mkdirSync(screenshotDir, { recursive: true });
  // TUNEBOARD_E2E_KEEP=1 leaves the temp folders (workspace, logs, user data) for a look afterwards.
  const keepTempDir = process.env.TUNEBOARD_E2E_KEEP === '1';
  const rootDir = mkdtempSync(join(tmpdir(), `tuneboard-e2e-${options.testName}-`));
  const dirs = new CodeServerDirs(rootDir);

  const source = resolve(repoRoot, options.workspaceSource);
  const workspaceDir = join(rootDir, 'workspace', basename(source));
  // Journals left by earlier manual runs would make the studies start half done.
  cpSync(source, workspaceDir, { recursive: true, filter: (path) => basename(path) !== '.tuneboard' });

  await installExtension(dirs, options.vsixPath ?? defaultVsixPath);
  const server = await startCodeServer(dirs, {
    rootDir,
    trustWorkspace: options.trustWorkspace ?? true,
    userSettings: options.userSettings ?? {},
    logFile: join(screenshotDir, 'code-server.log'),
  });

  let browser: BrowserContext | undefined;
  try {
    browser = await chromium.launchPersistentContext(join(rootDir, 'chromium-profile'), {
      executablePath: process.env.TUNEBOARD_E2E_CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1400, height: 900 },
    });
    const page = browser.pages()[0] ?? (await browser.newPage());
    page.setDefaultTimeout(20_000);
    const session = new VsCodeSession(page, screenshotDir, workspaceDir, dirs, server, browser, keepTempDir);
    await session.open(`${server.url}/?folder=${encodeURIComponent(workspaceDir)}`);
    return session;
  } catch (error) {
    await browser?.close().catch(() => undefined);
    await stopCodeServer(server);
    if (!keepTempDir) rmSync(rootDir, { recursive: true, force: true });
    throw error;
  }
}
