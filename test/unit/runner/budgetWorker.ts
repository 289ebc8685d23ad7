/**
 * One of several study processes run against one journal, for parallelBudget.test.ts: the real runner
 * with an executor that finishes each trial at once, so only the scheduling is under test. Each
 * process says it opened the study (a `ready-<pid>` file in the sync dir) and waits for a `go` file
 * before its first ask, so all of them start from the same history.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningTrial, TrialExecutor } from '../../../src/runner/executor';
import { runStudy } from '../../../src/runner/studyRunner';
import { commandConfig } from './runnerFixtures';

const [storagePath, body, syncDir] = process.argv.slice(2) as [string, string, string];
const instantExecutor: TrialExecutor = {
  prepare: async () => {
    writeFileSync(join(syncDir, `ready-${process.pid}`), '');
    while (!existsSync(join(syncDir, 'go'))) await new Promise((resolve) => setTimeout(resolve, 10));
  },
  start: ({ params }): RunningTrial => {
    const value = Number(params.x);
    // A few ms per trial lets the processes' asks interleave.
    const outcome = new Promise<{ kind: 'complete'; value: number; metrics: Record<string, number>; attrs: Record<string, never> }>((resolve) =>
      setTimeout(() => resolve({ kind: 'complete', value, metrics: { value }, attrs: {} }), 3));
    return { outcome, attrs: {}, stop: () => undefined, kill: () => undefined };
  },
  dispose: async () => undefined,
};

void runStudy({ config: commandConfig(body), configPath: null, storagePath, executor: instantExecutor, parallel: 2, fallbackSeed: 1, emit: () => undefined }).then(
  (finished) => {
    if (finished.error !== null) throw new Error(finished.error);
  },
);
