/**
 * `tuneboard best <config|journal>`: the best complete trial's params, in a form to paste or pipe:
 * JSON, YAML, command-line arguments, or a Python literal (formatted by ./bestFormats).
 */
import { Option, type Command } from 'commander';
import { BEST_FORMATS, formatBest, type BestFormat } from './bestFormats';
import { addStudyOption, openStudyForReading, runReadingAction } from './openStudyForReading';
import { EXIT } from './validateCommand';

export { BEST_FORMATS, formatBest, formatArgs, type BestFormat } from './bestFormats';

export function registerBestCommand(program: Command, exitCodesHelp: string): void {
  const command = program
    .command('best')
    .description("print the best complete trial's params")
    .argument('<config|journal>', 'a *.tune.yaml config (its journal is read) or a journal *.jsonl')
    .addOption(new Option('--format <format>', 'json: number, value and params; yaml: name: value lines; args: --name value; python: a dict literal').choices(BEST_FORMATS).default('json'));
  addStudyOption(command)
    .addHelpText('after', exitCodesHelp)
    .action((path: string, options: { format: BestFormat; study?: string }) =>
      runReadingAction(async () => {
        const study = await openStudyForReading(path, options);
        process.stdout.write(formatBest(study, options.format));
        return EXIT.ok;
      }),
    );
}

