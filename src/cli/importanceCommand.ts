/**
 * `tuneboard importance [config|journal|url] [--storage <journal|url>] [--study <name>]`: which params matter, by fANOVA over a random forest as
 * Optuna 3.1 computes it (src/core/importance): each param's share of the explained variation as a
 * percentage and a bar, with the method and the number of complete trials it rests on.
 */
import type { Command } from 'commander';
import { computeImportance, type ImportanceInput, importanceInputFromTrials, isSingle, type ParamImportances, withImputationNote } from '../core';
import { CliError, runCliAction } from './cliError';
import { openStudyForReading, type StudyForReading } from './openStudyForReading';
import { addStudyLocation, type StudyLocationFlags } from './studyLocation';
import { EXIT } from './validateCommand';
import { terminalWidth, truncate } from './views/format';

const EXIT_HELP = `
  importance exits with ${EXIT.problems} when there is nothing to rank (fewer than 2 complete trials, or a
  constant objective), printing the reason (with --json, as "reason" in the JSON).`;

export function registerImportanceCommand(program: Command, exitCodesHelp: string): void {
  const command = program.command('importance').description("rank the params by how much of the objective's variation each explains (fANOVA over a random forest, as Optuna)");
  addStudyLocation(command)
    .option('--json', 'print {"study", "result": {"method", "trials", "importances": [{"param", "importance"}]}} or {"study", "result": null, "reason"}')
    .addHelpText('after', `${exitCodesHelp}${EXIT_HELP}`)
    .action((path: string | undefined, options: StudyLocationFlags & { json?: boolean }) =>
      runCliAction(async () => {
        const study = await openStudyForReading(path, options);
        const input = importanceInputFromTrials(study.trials);
        const outcome = withImputationNote(computeImportance(input), input);
        if (options.json) process.stdout.write(`${JSON.stringify({ study: study.name, ...outcome }, null, 2)}\n`);
        else if (outcome.result) process.stdout.write(formatImportance(study, input, outcome.result, terminalWidth()));
        else throw new CliError(`study '${study.name}': ${outcome.reason}`, EXIT.problems);
        return outcome.result ? EXIT.ok : EXIT.problems;
      }),
    );
}

/** The header, one row per param (name, percentage, bar), and notes on the params left out. */
export function formatImportance(study: StudyForReading, input: ImportanceInput, result: ParamImportances, width: number): string {
  const { method, trials, importances } = result;
  const lines = [truncate(`study ${study.name} · ${study.direction} ${study.metric} · journal ${study.journal}`, width), `${method} over ${trials} complete trials`, ''];
  const nameWidth = Math.max(5, ...importances.map((i) => i.param.length));
  const barWidth = Math.max(10, width - nameWidth - 10);
  lines.push(`${'param'.padEnd(nameWidth)}  importance`);
  for (const { param, importance } of importances) {
    lines.push(`${param.padEnd(nameWidth)}  ${`${(importance * 100).toFixed(1)}%`.padStart(6)}  ${bar(importance, barWidth)}`.trimEnd());
  }
  const fixed = input.params.filter((p) => isSingle(p.distribution)).map((p) => p.name);
  if (fixed.length) lines.push('', truncate(`not ranked, a single possible value: ${fixed.join(', ')}`, width));
  const shared = new Set(input.params.map((p) => p.name));
  const partial = [...new Set(study.trials.filter((t) => t.state === 'complete').flatMap((t) => Object.keys(t.params)))].filter((name) => !shared.has(name));
  if (partial.length) lines.push(truncate(`not ranked, with another range in some complete trials: ${partial.join(', ')}`, width));
  return `${lines.join('\n')}\n`;
}

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A bar of `share × width` cells, to an eighth of a cell. */
function bar(share: number, width: number): string {
  const eighths = Math.round(Math.min(1, Math.max(0, share)) * width * 8);
  return '█'.repeat(Math.floor(eighths / 8)) + (EIGHTHS[eighths % 8] ?? '');
}
