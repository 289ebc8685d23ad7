/**
 * `tuneboard show <config|journal>`: the study's leaderboard in the terminal — a header with the
 * study, its direction and metric, counts per state and the best trial, then the ranked table.
 */
import { InvalidArgumentError, type Command } from 'commander';
import type { FrozenTrial, TrialState } from '../core/trial';
import { addStudyOption, openStudyForReading, runReadingAction, type StudyForReading } from './openStudyForReading';
import { EXIT } from './validateCommand';
import { formatParams, formatValue, stateLabel, terminalWidth, truncate } from './views/format';
import { formatLeaderboard, rankComplete } from './views/leaderboardTable';

const DEFAULT_TOP = 20;

interface ShowOptions {
  readonly top: number;
  readonly all?: boolean;
  readonly study?: string;
}

export function registerShowCommand(program: Command, exitCodesHelp: string): void {
  const command = program
    .command('show')
    .description('print the leaderboard of a study: trials ranked best first, then pruned, failed and running ones')
    .argument('<config|journal>', 'a *.tune.yaml config (its journal is read) or a journal *.jsonl')
    .option('--top <n>', `how many of the best trials to list (and of the other trials, the most recent)`, parsePositiveInt, DEFAULT_TOP)
    .option('--all', 'list every trial');
  addStudyOption(command)
    .addHelpText('after', exitCodesHelp)
    .action((path: string, options: ShowOptions) =>
      runReadingAction(async () => {
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
  const { trials } = study;
  const best = rankComplete(trials, study.direction)[0];
  const lines = [
    `study ${study.name} · ${study.direction} ${study.metric} · journal ${study.journal}`,
    trials.length === 0 ? 'no trials yet' : `trials ${trials.length}: ${describeCounts(trials)}`,
    truncate(best ? `best #${best.number} ${formatValue(best.value)} (${formatParams(best.params)})` : 'best: none yet (no trial has completed)', layout.width),
  ];
  if (trials.length > 0) {
    const table = formatLeaderboard(trials, { direction: study.direction, width: layout.width, top: layout.top, others: layout.top, now: layout.now, showReasons: true });
    lines.push('', ...table.lines);
    const hidden = [
      table.hiddenComplete ? `${table.hiddenComplete} more complete` : '',
      table.hiddenOthers ? `${table.hiddenOthers} more pruned/failed/running` : '',
    ].filter(Boolean);
    if (hidden.length) lines.push(`… ${hidden.join(' and ')} not listed (--all lists every trial)`);
    lines.push(...table.notes.map((note) => `(${note})`));
  }
  return `${lines.join('\n')}\n`;
}

const COUNT_ORDER: readonly TrialState[] = ['complete', 'pruned', 'fail', 'running', 'waiting'];

/** `35 complete, 3 pruned, 2 failed`: the states present, in a fixed order. */
export function describeCounts(trials: readonly FrozenTrial[]): string {
  const counts = new Map<TrialState, number>();
  for (const t of trials) counts.set(t.state, (counts.get(t.state) ?? 0) + 1);
  return COUNT_ORDER.filter((s) => counts.has(s))
    .map((s) => `${counts.get(s) ?? 0} ${stateLabel(s)}`)
    .join(', ');
}
