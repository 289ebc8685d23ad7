/**
 * `tuneboard stop [config|journal|url] [--storage <journal|url>] [--study <name>]`: asks every run of a
 * study to stop, on whatever host it runs, by writing a stop request into its journal (which each run
 * reads every second). Running trials are recorded as interrupted, as on Ctrl-C; `run` again resumes.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Command } from 'commander';
import { STOP_ATTR, type StopRequest } from '../core';
import { openJournalStorage } from '../redis/openJournal';
import { RedisUnreachableError } from '../redis/redisJournalBackend';
import { CliError, runCliAction } from './cliError';
import { pickStudy } from './openStudyForReading';
import { addStudyLocation, locateStudy, type StudyLocationFlags } from './studyLocation';
import { EXIT } from './validateCommand';

export function registerStopCommand(program: Command, exitCodesHelp: string): void {
  const command = program.command('stop').description('ask every run of a study to stop, on any host (its running trials are recorded as interrupted)');
  addStudyLocation(command)
    .addHelpText('after', exitCodesHelp)
    .action((path: string | undefined, options: StudyLocationFlags) =>
      runCliAction(async () => {
        const target = locateStudy(path, options);
        const storage = await openJournalStorage(target.journal).catch((error: unknown) => {
          if (error instanceof RedisUnreachableError) throw error; // its message names the server and what to check
          throw new CliError(`cannot open ${target.shown}: ${error instanceof Error ? error.message : String(error)}`);
        });
        try {
          const record = pickStudy(storage.getStudies(), target);
          const request: StopRequest = { id: randomUUID(), at: new Date().toISOString(), by: `pid ${process.pid} on ${hostname()}` };
          await storage.setStudySystemAttr(record.id, STOP_ATTR, { ...request });
          const running = storage.getTrials(record.id).filter((trial) => trial.state === 'running').length;
          process.stdout.write(`asked every run of study '${record.name}' (${target.shown}) to stop; ${running} running trial(s) will be recorded as interrupted within a second or two\n`);
        } finally {
          await storage.close();
        }
        return EXIT.ok;
      }),
    );
}
