/** Builds real configs for the runner's tests: command trials running test/fixtures/trials/behaviour.mjs. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig, primaryObjective, type StudyConfig } from '../../../src/core/config';
import { openStorage } from '../../../src/core/storage';
import type { FrozenTrial } from '../../../src/core/trial';
import type { StudyEvent } from '../../../src/protocol/studyEvents';
import { CommandExecutor, type CommandExecutorOptions } from '../../../src/runner/command/commandExecutor';
import { trialLogDir } from '../../../src/runner/createExecutor';
import { runStudy, type RunStudyOptions } from '../../../src/runner/studyRunner';

export const TRIAL_SCRIPT = join(__dirname, '..', '..', 'fixtures', 'trials', 'behaviour.mjs');

/** A config whose trial runs behaviour.mjs; `body` is YAML for `search:` and `space:` (and `constraints:`). */
export function commandConfig(body: string, trialExtra = '', objective = '{ metric: value, direction: minimize }'): StudyConfig {
  const text = `name: runner-test
objective: ${objective}
${body}
trial:
  command: [${JSON.stringify(process.execPath)}, ${JSON.stringify(TRIAL_SCRIPT)}]
${trialExtra}`;
  const { config, problems } = parseConfig(text, 'runner-test.tune.yaml');
  if (!config) throw new Error(problems.map((p) => p.message).join('\n'));
  return config;
}

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'tuneboard-runner-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function runCommandStudy(
  config: StudyConfig,
  dir: string,
  extra: Partial<RunStudyOptions> = {},
  executorExtra: Partial<CommandExecutorOptions> = {},
): Promise<{ events: StudyEvent[]; finished: Awaited<ReturnType<typeof runStudy>> }> {
  const storagePath = join(dir, 'study.jsonl');
  const events: StudyEvent[] = [];
  const executor = new CommandExecutor({
    trial: config.trial as never,
    configDir: dir,
    metric: primaryObjective(config).metric,
    logDir: trialLogDir(storagePath, config.name),
    study: config.name,
    ...executorExtra,
  });
  const finished = await runStudy({
    config,
    configPath: null,
    storagePath,
    executor,
    parallel: config.parallel ?? 2,
    fallbackSeed: 1,
    emit: (event) => events.push(event),
    ...extra,
  });
  return { events, finished };
}

/** The journal's trials, read back from disk as any other reader would. */
export async function journalTrials(dir: string): Promise<readonly FrozenTrial[]> {
  const storage = await openStorage(join(dir, 'study.jsonl'));
  try {
    const study = storage.findStudy('runner-test');
    if (!study) throw new Error('no study in the journal');
    return storage.getTrials(study.id);
  } finally {
    await storage.close();
  }
}

/** Alive and not a zombie waiting to be reaped. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

/** Waits up to `ms` for `pid` to be gone; true when it is. */
export async function waitUntilDead(pid: number, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    if (!processAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return !processAlive(pid);
}
