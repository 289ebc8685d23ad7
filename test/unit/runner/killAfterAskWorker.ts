/**
 * A study process that dies the hardest way at the worst moment: SIGKILL right after `ask()` created
 * its first trial, before anything else about the trial was written. For staleTrials.test.ts.
 */
import { runStudy } from '../../../src/runner/studyRunner';
import type { TrialExecutor } from '../../../src/runner/executor';
import { commandConfig } from './runnerFixtures';

const [storagePath, body] = process.argv.slice(2) as [string, string];
const killingExecutor: TrialExecutor = {
  prepare: async () => undefined,
  start: () => {
    process.kill(process.pid, 'SIGKILL');
    throw new Error('unreachable: killed');
  },
  dispose: async () => undefined,
};

void runStudy({
  config: commandConfig(body),
  configPath: null,
  storagePath,
  executor: killingExecutor,
  parallel: 1,
  fallbackSeed: 1,
  emit: () => undefined,
});
