/**
 * `tuneboard run <config>` and `tuneboard resume <config>`: the study process. It reads the config,
 * runs trials until the budget, the timeout, grid exhaustion or Ctrl-C, and shows progress live on
 * a terminal, as plain lines elsewhere, or as JSON events (`--json`, for the VS Code extension).
 */
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { type Backend, formatProblem, LockWaitAbortedError, parseConfig, parseGpuList, parseDuration, problemAt, type StudyConfig } from '../core';
import type { StudyEvent } from '../protocol/studyEvents';
import { createExecutor } from '../runner/createExecutor';
import { WorkerSetupError } from '../runner/pool/workerProcess';
import { runStudy } from '../runner/studyRunner';
import { RedisUnreachableError } from '../redis/redisJournalBackend';
import { CliError, reportCliError } from './cliError';
import { thisProcessLockOwner } from './storageHooks';
import { addStorageOption, resolveStorage } from './studyLocation';
import { resumeRefusal } from './resumeRefusal';
import { EXIT } from './validateCommand';
import { createSink } from './views';

/** Exit codes of run/resume beyond validate's. */
export const RUN_EXIT = { failed: 3, interrupted: 130 } as const;

interface RunFlags {
  readonly json?: boolean;
  readonly parallel?: number;
  readonly trials?: number;
  readonly timeout?: number;
  readonly backend?: Backend;
  readonly storage?: string;
  readonly gpus?: readonly string[];
  readonly plain?: boolean;
  readonly verbose?: boolean;
}

const BACKENDS: readonly Backend[] = ['auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

export function registerRunCommands(program: Command, exitCodesHelp: string): void {
  for (const name of ['run', 'resume'] as const) {
    const command = program
      .command(name)
      .description(
        name === 'run'
          ? 'run the study of a *.tune.yaml config (resuming its journal if it has one) until its budget is spent'
          : 'continue a study already in its journal; fails if there is nothing to resume',
      )
      .argument('<config>', 'a *.tune.yaml file')
      .option('--json', 'print one JSON event per line on stdout (trial started/reported/finished, study finished)')
      .option('--plain', 'plain log lines even on a terminal')
      .option('--verbose', 'plain log: a line for every intermediate report (epoch) too')
      .option('-p, --parallel <n>', 'trials at once (default: search.parallel, else the number of cores)', positiveInt)
      .option('-n, --trials <n>', 'override search.trials: the total number of trials in the study', positiveInt)
      .option('-t, --timeout <duration>', 'override search.timeout, e.g. 90s, 10m, 1h', duration)
      .option('--backend <name>', `TensorFlow.js backend for model trials: ${BACKENDS.join(', ')}`, backendName)
      .option('--gpus <ids>', 'GPU ids of this host, e.g. 0,1,2,3: one trial on each at a time, started with CUDA_VISIBLE_DEVICES set to it (overrides search.gpus)', gpuList);
    addStorageOption(command)
      .addHelpText('after', exitCodesHelp)
      .action(async (file: string, flags: RunFlags) => {
        process.exitCode = await runConfig(file, flags, name === 'resume');
      });
  }
}

async function runConfig(file: string, flags: RunFlags, mustExist: boolean): Promise<number> {
  const loaded = loadConfig(file);
  if (typeof loaded === 'number') return loaded;
  const config: StudyConfig = {
    ...loaded,
    ...(flags.trials !== undefined ? { trials: flags.trials } : {}),
    ...(flags.timeout !== undefined ? { timeoutSeconds: flags.timeout } : {}),
  };
  const configDir = path.dirname(path.resolve(file));
  // `resume` refuses before the journal is opened for writing: one message, exit 2, no file left behind.
  // So does a storage that cannot be used or reached, as every command that opens a study does.
  let storagePath: string;
  let refusal: string | null;
  try {
    storagePath = resolveStorage(flags.storage, config.storage, configDir);
    refusal = mustExist ? await resumeRefusal(storagePath, config.name, file) : null;
  } catch (error) {
    if (error instanceof CliError || error instanceof RedisUnreachableError) return reportCliError(error);
    process.stderr.write(`tuneboard: ${error instanceof Error ? error.message : String(error)}\n`);
    return RUN_EXIT.failed;
  }
  if (refusal !== null) {
    process.stderr.write(`tuneboard: ${refusal}\n`);
    return EXIT.usage;
  }
  // With GPUs, one trial per GPU at a time: no more trials at once than GPUs.
  const gpus = flags.gpus ?? config.gpus;
  const requested = flags.parallel ?? config.parallel ?? availableParallelism();
  const parallel = gpus ? Math.min(requested, gpus.length) : requested;
  const sink = createSink({ json: flags.json === true, tty: process.stdout.isTTY === true && flags.plain !== true, stream: process.stdout, verbose: flags.verbose === true });
  const emit = (event: StudyEvent): void => sink.handle(event);
  const now = (): string => new Date().toISOString();

  // First Ctrl-C: stop trials cleanly and record them as interrupted. Second: kill them now.
  const stop = new AbortController();
  const kill = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stop.signal.aborted) kill.abort();
    else {
      emit({ type: 'log', study: config.name, level: 'warning', message: `${signal}: stopping (again to kill running trials at once)`, time: now() });
      stop.abort();
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const orphanWatch = flags.json ? watchForOrphaning(() => onSignal('SIGHUP')) : null;
  try {
    const executor = createExecutor(config, {
      configDir,
      storagePath,
      parallel,
      ...(gpus ? { gpus } : {}),
      workerCommand: { modulePath: process.argv[1] ?? __filename, args: ['worker'] },
      ...(flags.backend ? { backend: flags.backend } : {}),
      onNotice: (notice) => {
        if (notice.kind === 'worker-ready') emit({ type: 'worker-ready', study: config.name, worker: notice.worker, backend: notice.backend, time: now() });
        else emit({ type: 'log', study: config.name, level: notice.level, message: notice.message, time: now() });
      },
    });
    const finished = await runStudy({
      config,
      configPath: path.resolve(file),
      storagePath,
      executor,
      parallel,
      fallbackSeed: randomInt(2 ** 31),
      emit,
      signal: stop.signal,
      killSignal: kill.signal,
      mustExist,
      lockOwner: thisProcessLockOwner(),
      // On a shared (Redis) journal: how long a trial's heartbeat lease lasts (tests and slow links may change it).
      ...(leaseFromEnvironment() !== undefined ? { trialLeaseMs: leaseFromEnvironment() } : {}),
      describeError: (error) => describeFailure(error, file),
    });
    if (finished.reason === 'interrupted') return RUN_EXIT.interrupted;
    if (finished.reason === 'error' && repeatOnStderr(flags.json === true)) process.stderr.write(`${finished.error}\n`);
    return finished.reason === 'error' ? RUN_EXIT.failed : EXIT.ok;
  } catch (error) {
    if (error instanceof LockWaitAbortedError) {
      // Ctrl-C while waiting for another process's lock: a stop, not a failure.
      emit({ type: 'log', study: config.name, level: 'info', message: error.message, time: now() });
      return RUN_EXIT.interrupted;
    }
    const message = describeFailure(error, file);
    emit({ type: 'log', study: config.name, level: 'error', message, time: now() });
    if (repeatOnStderr(flags.json === true)) process.stderr.write(`tuneboard: ${message}\n`);
    // A server that does not answer is a storage that cannot be read (exit 2), not a study that failed.
    return error instanceof RedisUnreachableError ? EXIT.usage : RUN_EXIT.failed;
  } finally {
    sink.close?.();
    if (orphanWatch) clearInterval(orphanWatch);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** `--gpus 0,1`: the same rules as `search.gpus`. */
function gpuList(text: string): readonly string[] {
  const parsed = parseGpuList(text);
  if ('error' in parsed) throw new InvalidArgumentError(parsed.error);
  return parsed.gpus;
}

/** `TUNEBOARD_TRIAL_LEASE_MS`: a running trial's heartbeat lease on a Redis journal (default 15000). */
function leaseFromEnvironment(): number | undefined {
  const value = Number(process.env.TUNEBOARD_TRIAL_LEASE_MS);
  return Number.isSafeInteger(value) && value >= 100 ? value : undefined;
}

/**
 * The live view and plain log (stdout) already say why a study stopped; stderr says it again for
 * scripts that keep only stderr, unless both go to one terminal, where it would read twice. With
 * `--json` the reader takes it from the events.
 */
export function repeatOnStderr(json: boolean, streams: { readonly stdout: { readonly isTTY?: boolean }; readonly stderr: { readonly isTTY?: boolean } } = process): boolean {
  return !json && !(streams.stdout.isTTY === true && streams.stderr.isTTY === true);
}

/** A data file or backend that failed is blamed on its line in the config: `file:line:col: message (trial.data)`. */
function describeFailure(error: unknown, file: string): string {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof WorkerSetupError && error.field) {
    try {
      return formatProblem(problemAt(readFileSync(file, 'utf8'), file, ['trial', error.field], message));
    } catch {
      // the config changed or vanished since it was read: say it without a line
    }
  }
  return message;
}

/**
 * With `--json` a program (the editor) reads our events. If it dies without stopping us (a crashed
 * extension host), stop as on Ctrl-C: its pipe breaks, and we are handed to another parent.
 */
function watchForOrphaning(stop: () => void): NodeJS.Timeout {
  const parent = process.ppid;
  let stopped = false;
  const once = (): void => {
    if (stopped) return;
    stopped = true;
    stop();
  };
  process.stdout.on('error', once);
  const timer = setInterval(() => {
    if (process.ppid !== parent) once();
  }, 1000);
  timer.unref();
  return timer;
}

/** The parsed config, or the exit code after printing why it could not be read. */
function loadConfig(file: string): StudyConfig | number {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    process.stderr.write(`tuneboard: cannot read ${file}: ${reason}\n`);
    return EXIT.usage;
  }
  const { config, problems } = parseConfig(text, file);
  for (const problem of problems) process.stderr.write(`${formatProblem(problem)}\n`);
  return config ?? EXIT.problems;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number ≥ 1');
  return n;
}

function duration(value: string): number {
  const seconds = parseDuration(value);
  if (seconds === null) throw new InvalidArgumentError('must be a duration such as 90s, 10m or 1h');
  return seconds;
}

function backendName(value: string): Backend {
  if (!(BACKENDS as readonly string[]).includes(value)) throw new InvalidArgumentError(`must be one of ${BACKENDS.join(', ')}`);
  return value as Backend;
}
