/**
 * `tuneboard best [config|journal|url] [--storage <journal|url>] [--study <name>]`: the best complete trial's params, in a form to paste or pipe:
 * JSON, YAML, command-line arguments, or a Python literal (formatted by the read model's paramFormats).
 */
import { Option, type Command } from 'commander';
import { formatBestParams, PARAM_FORMATS, type ParamFormat } from '../core';
import { CliError, runCliAction } from './cliError';
import { openStudyForReading, type StudyForReading } from './openStudyForReading';
import { addStudyLocation, type StudyLocationFlags } from './studyLocation';
import { EXIT } from './validateCommand';

export function registerBestCommand(program: Command, exitCodesHelp: string): void {
  const command = program.command('best').description("print the best complete trial's params");
  addStudyLocation(command)
    .addOption(new Option('--format <format>', 'json: number, value and params; yaml: name: value lines; args: --name value; python: a dict literal').choices(PARAM_FORMATS).default('json'))
    .addHelpText('after', exitCodesHelp)
    .action((path: string | undefined, options: StudyLocationFlags & { format: ParamFormat }) =>
      runCliAction(async () => {
        process.stdout.write(formatBest(await openStudyForReading(path, options), options.format));
        return EXIT.ok;
      }),
    );
}

/** The best trial in `format`; a CliError (exit 1) when no trial has completed. */
export function formatBest(study: StudyForReading, format: ParamFormat): string {
  const text = formatBestParams(study, format);
  if (text !== null) return text;
  const states = study.trials.length ? ` (${study.trials.length} trials, none complete)` : ' (no trials yet)';
  throw new CliError(`study '${study.name}' has no complete trial${states}, so no best params yet`, EXIT.problems);
}
