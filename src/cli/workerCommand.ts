/** `tuneboard worker`: the trial worker the study process forks. Hidden: it is not for people to run. */
import type { Command } from 'commander';
import { runWorker } from '../runner/worker/workerMain';

export function registerWorkerCommand(program: Command): void {
  program.command('worker', { hidden: true }).description('(internal) a trial worker forked by tuneboard run').action(runWorker);
}
