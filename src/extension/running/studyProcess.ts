/**
 * One study process started by the editor: `tuneboard run --json <config>`, a child of the extension
 * host. Its stdout is a stream of study events; its stderr goes to the log. The editor never trains
 * or samples itself (docs/design.md §1), so a hung trial cannot freeze it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { parseStudyEventLine, type StudyEvent } from '../../protocol/studyEvents';
import type { NodeRuntime } from './nodeRuntime';

export interface StudyProcessOptions {
  readonly runtime: NodeRuntime;
  /** dist/cli.js inside the extension. */
  readonly cliPath: string;
  readonly configPath: string;
  readonly mode: 'run' | 'resume';
  /** Extra CLI flags: --backend, --parallel, --storage. */
  readonly flags: readonly string[];
  readonly cwd: string;
  readonly onEvent: (event: StudyEvent) => void;
  /** Lines that are not events: stderr, and anything else the process printed. */
  readonly onOutput: (line: string) => void;
}

export interface StudyExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** The study-finished event, if the process got that far. */
  readonly finished: Extract<StudyEvent, { type: 'study-finished' }> | null;
  /** The CLI's last `tuneboard: …` error line, without the prefix: why it refused (a resume with no study, a bad flag). */
  readonly error: string | null;
}

/** How the CLI starts the error lines it prints on stderr (src/cli/main.ts). */
const CLI_ERROR_PREFIX = 'tuneboard: ';

/** After a stop request the CLI records running trials as interrupted; past this it is killed. */
const STOP_GRACE_MS = 8000;

export class StudyProcess {
  readonly exited: Promise<StudyExit>;
  private readonly child: ChildProcess;
  private finished: Extract<StudyEvent, { type: 'study-finished' }> | null = null;
  private stopping = false;
  private hasExited = false;
  private lastError: string | null = null;

  constructor(readonly options: StudyProcessOptions) {
    const args = [options.cliPath, options.mode, options.configPath, '--json', ...options.flags];
    this.child = spawn(options.runtime.command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.runtime.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so a last-resort kill reaches the workers it forked.
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      const event = parseStudyEventLine(line);
      if (!event) {
        if (line.trim()) options.onOutput(line);
        return;
      }
      if (event.type === 'study-finished') this.finished = event;
      options.onEvent(event);
    });
    createInterface({ input: this.child.stderr! }).on('line', (line) => {
      if (line.startsWith(CLI_ERROR_PREFIX)) this.lastError = line.slice(CLI_ERROR_PREFIX.length);
      options.onOutput(line);
    });
    this.exited = new Promise<StudyExit>((resolve) => {
      this.child.once('error', (error) => {
        options.onOutput(`could not start ${options.runtime.command}: ${error.message}`);
        this.hasExited = true;
        resolve({ code: null, signal: null, finished: null, error: `could not start ${options.runtime.command}: ${error.message}` });
      });
      this.child.once('close', (code, signal) => {
        this.hasExited = true;
        resolve({ code, signal, finished: this.finished, error: this.lastError });
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  /**
   * Asks the study to stop as Ctrl-C does: running trials are recorded as interrupted and the journal
   * stays consistent. Resolves when the process has exited (killed after a grace period).
   */
  async stop(graceMs = STOP_GRACE_MS): Promise<StudyExit> {
    if (!this.hasExited && !this.stopping) {
      this.stopping = true;
      this.signal('SIGTERM');
      const timer = setTimeout(() => this.signal('SIGKILL'), graceMs);
      void this.exited.finally(() => clearTimeout(timer));
    }
    return this.exited;
  }

  private signal(signal: NodeJS.Signals): void {
    if (this.hasExited || this.child.pid === undefined) return;
    try {
      // SIGTERM goes to the CLI alone (it stops its own trials); SIGKILL to the whole group.
      if (signal === 'SIGKILL' && process.platform !== 'win32') process.kill(-this.child.pid, signal);
      else this.child.kill(signal);
    } catch {
      // already gone
    }
  }
}
