/**
 * A private code-server (VS Code 1.100 served to a browser) for one test: its own user data,
 * extensions, HOME and XDG folders under a temp root, on a free loopback port. Installed by
 * scripts/e2e/install-code-server.sh; docs/recipes.md says why it is code-server.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export const codeServerBinary =
  process.env.TUNEBOARD_E2E_CODE_SERVER ??
  join(process.env.TUNEBOARD_E2E_CACHE ?? join(homedir(), '.cache', 'tuneboard-e2e'), 'code-server', 'node_modules', '.bin', 'code-server');

/** Settings that keep the workbench from opening tabs, checking for updates or recommending things. */
const QUIET_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'update.mode': 'none',
  // Restricted Mode without the modal asking about it: what a test of an untrusted workspace needs.
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
};

export interface CodeServerOptions {
  /** Temp root that holds every folder code-server writes to. */
  rootDir: string;
  /** false: workspace trust stays on, so the workspace opens in Restricted Mode. */
  trustWorkspace: boolean;
  userSettings: Record<string, unknown>;
  /** code-server's stdout and stderr go here, for reading after a failure. */
  logFile: string;
}

export interface RunningCodeServer {
  readonly url: string;
  readonly process: ChildProcess;
}

export class CodeServerDirs {
  readonly home: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;

  constructor(readonly rootDir: string) {
    this.home = join(rootDir, 'home');
    this.userDataDir = join(rootDir, 'user-data');
    this.extensionsDir = join(rootDir, 'extensions');
    for (const dir of [this.home, join(this.userDataDir, 'User'), this.extensionsDir]) mkdirSync(dir, { recursive: true });
  }

  /** HOME and XDG_* inside the temp root: code-server otherwise writes into the real home. */
  env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      HOME: this.home,
      XDG_CONFIG_HOME: join(this.home, '.config'),
      XDG_DATA_HOME: join(this.home, '.local', 'share'),
      XDG_CACHE_HOME: join(this.home, '.cache'),
      XDG_STATE_HOME: join(this.home, '.local', 'state'),
    };
  }

  dirArgs(): string[] {
    return ['--user-data-dir', this.userDataDir, '--extensions-dir', this.extensionsDir];
  }
}

export function assertCodeServerInstalled(): void {
  if (!existsSync(codeServerBinary)) {
    throw new Error(`code-server is not installed at ${codeServerBinary}: run scripts/e2e/install-code-server.sh`);
  }
}

export async function installExtension(dirs: CodeServerDirs, vsixPath: string): Promise<void> {
  await execFileAsync(codeServerBinary, [...dirs.dirArgs(), '--install-extension', vsixPath], { env: dirs.env() });
}

/** `publisher.name@version` of every installed extension, as code-server lists them. */
export async function listExtensions(dirs: CodeServerDirs): Promise<string[]> {
  const { stdout } = await execFileAsync(codeServerBinary, [...dirs.dirArgs(), '--list-extensions', '--show-versions'], {
    env: dirs.env(),
  });
  return stdout.split('\n').map((line) => line.trim()).filter((line) => line.length > 0);
}

async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startCodeServer(dirs: CodeServerDirs, options: CodeServerOptions): Promise<RunningCodeServer> {
  writeFileSync(join(dirs.userDataDir, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...options.userSettings }, null, 2));
  const configFile = join(options.rootDir, 'code-server.yaml');
  // An own config file: without one code-server creates ~/.config/code-server/config.yaml with a password.
  writeFileSync(configFile, 'auth: none\ncert: false\n');
  const port = await freeLoopbackPort();
  const args = [
    '--config', configFile,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    ...(options.trustWorkspace ? ['--disable-workspace-trust'] : []),
    ...dirs.dirArgs(),
  ];
  const log = createWriteStream(options.logFile);
  // detached: code-server is a process group (server, extension host, file watcher, the studies the
  // extension starts); stopCodeServer kills the whole group.
  const child = spawn(codeServerBinary, args, { env: dirs.env(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid !== undefined) killOnExit(child.pid);
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const server = { url: `http://127.0.0.1:${port}`, process: child };
  try {
    await waitForHealthz(server.url, child, 30_000);
  } catch (error) {
    await stopCodeServer(server);
    throw new Error(`${error instanceof Error ? error.message : String(error)} (its output: ${options.logFile})`);
  }
  return server;
}

async function waitForHealthz(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with code ${child.exitCode} before it answered /healthz`);
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs / 1000}s`);
}

/** SIGTERM to the whole process group, SIGKILL if it is still there after a few seconds. */
export async function stopCodeServer(server: RunningCodeServer): Promise<void> {
  const { pid } = server.process;
  if (pid === undefined || server.process.exitCode !== null || server.process.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => server.process.once('exit', () => resolve()));
  killGroup(pid, 'SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([
    exited.then(() => false),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), 5_000))),
  ]);
  clearTimeout(timer);
  // Also when code-server itself went quietly: children it left behind are still in the group.
  killGroup(pid, 'SIGKILL');
  if (timedOut) await exited;
}

const runningGroups = new Set<number>();
let exitHandlersInstalled = false;

/**
 * A detached group outlives the test process: kill it when the process exits, is interrupted or
 * terminated (a test that never reached stop(), Ctrl-C, the runner's timeout).
 */
function killOnExit(pid: number): void {
  if (!exitHandlersInstalled) {
    exitHandlersInstalled = true;
    process.once('exit', () => runningGroups.forEach((group) => killGroup(group, 'SIGKILL')));
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => process.exit(signal === 'SIGINT' ? 130 : 143));
    }
  }
  runningGroups.add(pid);
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  if (signal === 'SIGKILL') runningGroups.delete(pid);
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}
