/**
 * `tuneboard show [config|journal|url] [--storage <journal|url>] [--study <name>]`: the study's leaderboard in the terminal — a header with the
 * study, its direction and metric, counts per state and the best trial, then the ranked table; for a
 * multi-objective study, its objectives and its Pareto front.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { bestTrial, countDisplayStates, DISPLAY_STATES, displayStateLabel, formatBest, formatParams, feasibleTrials, type FrozenTrial } from '../core';
import { runCliAction } from './cliError';
import { openStudyForReading, type StudyForReading } from './openStudyForReading';
import { addStudyLocation, type StudyLocationFlags } from './studyLocation';
import { EXIT } from './validateCommand';
import { terminalWidth, truncate } from './views/format';
import { formatFront } from './views/frontTable';
import { formatLeaderboard } from './views/leaderboardTable';

const DEFAULT_TOP = 20;

interface ShowOptions extends StudyLocationFlags {
  readonly top: number;
  readonly all?: boolean;
}

export function registerShowCommand(program: Command, exitCodesHelp: string): void {
  const command = program.command('show').description('print the leaderboard of a study: trials ranked best first, then pruned, failed and running ones');
  addStudyLocation(command)
    .option('--top <n>', 'how many rows to list, best first (complete, then pruned, failed and running trials)', parsePositiveInt, DEFAULT_TOP)
    .option('--all', 'list every trial')
    .addHelpText('after', exitCodesHelp)
    .action((path: string | undefined, options: ShowOptions) =>
      runCliAction(async () => {
        const study = await openStudyForReading(path, options);
        process.stdout.write(formatShow(study, { width: terminalWidth(), top: options.all ? undefined : options.top, now: Date.now() }));
        return EXIT.ok;
      }),
    );
}

export function parsePositiveInt(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) throw new InvalidArgumentError(`expected a whole number of at least 1, got '${text}'`);
  return value;
}

export interface ShowLayout {
  readonly width: number;
  /** Rows of each kind to list; every trial when absent. */
  readonly top?: number;
  readonly now?: number;
}

export function formatShow(study: StudyForReading, layout: ShowLayout): string {
  if (study.directions.length > 1) return formatMultiObjectiveShow(study, layout);
  const { trials } = study;
  const best = bestOf(study);
  const lines = [
    `study ${study.name} · ${study.direction} ${study.metric} · journal ${study.journal}`,
    trials.length === 0 ? 'no trials yet' : `trials ${trials.length}: ${describeCounts(trials)}`,
    truncate(best ? `${formatBest(best)} (${formatParams(best.params)})` : 'best: none yet (no trial has completed)', layout.width),
  ];
  if (trials.length > 0) {
    const table = formatLeaderboard(trials, { direction: study.direction, width: layout.width, top: layout.top, now: layout.now, showReasons: true });
    lines.push('', ...table.lines);
    if (table.hidden.length > 0) lines.push(`… ${describeCounts(table.hidden)} not listed (--all lists every trial)`);
    lines.push(...table.notes.map((note) => `(${note})`));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A multi-objective study has no one best trial: the header names every objective, then its Pareto
 * front of complete, feasible trials is listed (`tuneboard best --trial N` prints one's params).
 */
function formatMultiObjectiveShow(study: StudyForReading, layout: ShowLayout): string {
  const { trials } = study;
  const objectives = study.directions.map((direction, i) => `${direction} ${study.metrics[i] ?? `values_${i}`}`).join(', ');
  const front = formatFront(trials, study.directions, study.metrics, layout.width);
  const complete = trials.filter((t) => t.state === 'complete');
  const infeasible = complete.length - feasibleTrials(complete).length;
  const lines = [
    truncate(`study ${study.name} · ${objectives} · journal ${study.journal}`, layout.width),
    trials.length === 0 ? 'no trials yet' : `trials ${trials.length}: ${describeCounts(trials)}${infeasible > 0 ? ` (${infeasible} infeasible)` : ''}`,
    front.length === 0 ? 'Pareto front: none yet (no feasible trial has completed)' : `Pareto front: ${front.length - 1} trial${front.length === 2 ? '' : 's'} (tuneboard best --trial N prints one's params)`,
  ];
  if (front.length > 0) lines.push('', ...front);
  return `${lines.join('\n')}\n`;
}

function bestOf(study: StudyForReading): FrozenTrial | null {
  return bestTrial(study.trials, study.direction);
}

/** `35 complete, 3 pruned, 2 failed, 1 stopped`: the display states present, in the read model's order. */
export function describeCounts(trials: readonly FrozenTrial[]): string {
  const counts = countDisplayStates(trials);
  return DISPLAY_STATES.filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${displayStateLabel(s)}`)
    .join(', ');
}
