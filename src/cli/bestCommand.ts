/**
 * `tuneboard best [config|journal|url] [--storage <journal|url>] [--study <name>] [--trial N] [--pick <metric>]`:
 * the best complete trial's params, in a form to paste or pipe: JSON, YAML, command-line arguments, or
 * a Python literal (formatted by the read model's paramFormats). A multi-objective study has a front,
 * not one best: `--trial N` chooses a trial (any complete one), `--pick <metric>` the front's best on
 * one objective; without either, the front is listed.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { formatBestParams, formatTrialParams, type FrozenTrial, isBetter, PARAM_FORMATS, type ParamFormat } from '../core';
import { CliError, runCliAction } from './cliError';
import { openStudyForReading, type StudyForReading } from './openStudyForReading';
import { addStudyLocation, type StudyLocationFlags } from './studyLocation';
import { EXIT } from './validateCommand';
import { describeFront, frontByFirstObjective } from './views/frontTable';

export interface BestChoice {
  readonly format: ParamFormat;
  readonly trial?: number;
  readonly pick?: string;
}

export function registerBestCommand(program: Command, exitCodesHelp: string): void {
  const command = program.command('best').description("print the best complete trial's params (a multi-objective study: the one chosen with --trial or --pick)");
  addStudyLocation(command)
    .addOption(new Option('--format <format>', 'json: number, value and params; yaml: name: value lines; args: --name value; python: a dict literal').choices(PARAM_FORMATS).default('json'))
    .option('--trial <n>', "print this complete trial's params instead (e.g. a point of a multi-objective study's front)", parseTrialNumber)
    .option('--pick <metric>', "a multi-objective study: the front's best trial on this objective")
    .addHelpText('after', exitCodesHelp)
    .action((path: string | undefined, options: StudyLocationFlags & BestChoice) =>
      runCliAction(async () => {
        process.stdout.write(formatBest(await openStudyForReading(path, options), options));
        return EXIT.ok;
      }),
    );
}

function parseTrialNumber(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) throw new InvalidArgumentError(`expected a trial number (0 or more), got '${text}'`);
  return value;
}

/** The chosen trial in `format`; a CliError (exit 1) when there is none to choose yet, or the choice is not one. */
export function formatBest(study: StudyForReading, choice: BestChoice): string {
  if (choice.trial !== undefined && choice.pick !== undefined) throw new CliError('give --trial or --pick, not both', EXIT.usage);
  if (choice.trial !== undefined) return formatTrialParams(study, completeTrial(study, choice.trial), choice.format);
  if (study.directions.length > 1) return formatTrialParams(study, pickFromFront(study, choice.pick), choice.format, choice.pick === undefined ? 'trial' : 'best');
  if (choice.pick !== undefined && choice.pick !== study.metric) throw new CliError(`--pick ${choice.pick}: study '${study.name}' has one objective, ${study.metric}`, EXIT.usage);
  const text = formatBestParams(study, choice.format);
  if (text !== null) return text;
  throw new CliError(`study '${study.name}' has no complete trial${describeNone(study)}, so no best params yet`, EXIT.problems);
}

function completeTrial(study: StudyForReading, number: number): FrozenTrial {
  const trial = study.trials[number];
  if (trial === undefined) throw new CliError(`study '${study.name}' has no trial #${number} (it has ${study.trials.length})`, EXIT.problems);
  if (trial.state !== 'complete') throw new CliError(`trial #${number} of study '${study.name}' is ${trial.state}, not complete: it has no result to apply`, EXIT.problems);
  return trial;
}

/** `--pick metric`: the front's best on it; without it, the front listed and a CliError asking for a choice. */
function pickFromFront(study: StudyForReading, metric: string | undefined): FrozenTrial {
  const front = frontByFirstObjective(study.trials, study.directions);
  if (front.length === 0) throw new CliError(`study '${study.name}' has no complete feasible trial${describeNone(study)}, so no Pareto front yet`, EXIT.problems);
  if (metric === undefined) throw new CliError(`${describeFront(study)}\nchoose one with --trial N, or --pick <metric> for the best on one objective (${study.metrics.join(', ')})`, EXIT.usage);
  const index = study.metrics.indexOf(metric);
  const direction = study.directions[index];
  if (direction === undefined) throw new CliError(`--pick ${metric}: study '${study.name}' has no objective ${metric} (its objectives: ${study.metrics.join(', ')})`, EXIT.usage);
  const valueOf = (trial: FrozenTrial): number => trial.values?.[index] as number;
  return front.reduce((best, trial) => (isBetter(direction, valueOf(trial), valueOf(best)) ? trial : best));
}

function describeNone(study: StudyForReading): string {
  return study.trials.length ? ` (${study.trials.length} trials, none complete${study.directions.length > 1 ? ' and feasible' : ''})` : ' (no trials yet)';
}
