/**
 * `tuneboard stop <config|journal|url>`: asks every run of a study to stop, on whatever host it runs, by
 * writing a stop request into its journal (which each run reads every second). Running trials are
 * recorded as interrupted, as on Ctrl-C; `run` again resumes.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Command } from 'commander';
import { STOP_ATTR, type StopRequest } from '../core';
import { openJournalStorage } from '../redis/openJournal';
import { RedisUnreachableError } from '../redis/redisJournalBackend';
import { addStudyOption, CliError, locateStudy, pickStudy, runReadingAction } from './openStudyForReading';
import { EXIT } from './validateCommand';

export function registerStopCommand(program: Command, exitCodesHelp: string): void {
  const command = program
    .command('stop')
    .description('ask every run of a study to stop, on any host (its running trials are recorded as interrupted)')
    .argument('<config|journal|url>', 'a *.tune.yaml config, a journal *.jsonl, or a redis:// storage URL');
  addStudyOption(command)
    .addHelpText('after', exitCodesHelp)
    .action((path: string, options: { study?: string }) =>
      runReadingAction(async () => {
        const target = locateStudy(path, options);
        const storage = await openJournalStorage(target.journal).catch((error: unknown) => {
          throw new CliError(error instanceof RedisUnreachableError ? error.message : `cannot open ${target.journal}: ${error instanceof Error ? error.message : String(error)}`);
        });
        try {
          const record = pickStudy(storage.getStudies(), target.study, target.journal, target.config);
          const request: StopRequest = { id: randomUUID(), at: new Date().toISOString(), by: `pid ${process.pid} on ${hostname()}` };
          await storage.setStudySystemAttr(record.id, STOP_ATTR, { ...request });
          const running = storage.getTrials(record.id).filter((trial) => trial.state === 'running').length;
          process.stdout.write(`asked every run of study '${record.name}' (${target.journal}) to stop; ${running} running trial(s) will be recorded as interrupted within a second or two\n`);
        } finally {
          await storage.close();
        }
        return EXIT.ok;
      }),
    );
}
