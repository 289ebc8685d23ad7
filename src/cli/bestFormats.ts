/**
 * The best trial's params as JSON, YAML, shell arguments or a Python dict: for `tuneboard best` and
 * the editor's Copy Best Params. Pure, so the extension can use it without the CLI's parser.
 */
import { stringify as toYaml } from 'yaml';
import type { ParamValue } from '../core/distributions';
import type { FrozenTrial } from '../core/trial';
import { CliError, type StudyForReading } from './openStudyForReading';
import { EXIT } from './validateCommand';
import { rankComplete } from './views/leaderboardTable';

export const BEST_FORMATS = ['json', 'yaml', 'args', 'python'] as const;
export type BestFormat = (typeof BEST_FORMATS)[number];

/** The best trial in `format`; a CliError (exit 1) when no trial has completed. */
export function formatBest(study: StudyForReading, format: BestFormat): string {
  const best = rankComplete(study.trials, study.direction)[0];
  if (!best || best.value === null) {
    const states = study.trials.length ? ` (${study.trials.length} trials, none complete)` : ' (no trials yet)';
    throw new CliError(`study '${study.name}' has no complete trial${states}, so no best params yet`, EXIT.problems);
  }
  return formatTrialParams(study, best, format, 'best');
}

/** Any trial's params in `format` (the leaderboard's Copy params); `label` names it in the Python comment. */
export function formatTrialParams(study: Pick<StudyForReading, 'name' | 'metric'>, trial: FrozenTrial, format: BestFormat, label = 'trial'): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify({ number: trial.number, value: trial.value, params: trial.params }, null, 2)}\n`;
    case 'yaml':
      return Object.keys(trial.params).length ? toYaml(trial.params) : '{}\n';
    case 'args':
      return `${formatArgs(trial.params)}\n`;
    case 'python':
      return formatPython(study, trial, label);
    default:
      throw new CliError(`unknown format ${JSON.stringify(format satisfies never)}`);
  }
}

/** `--learning_rate 0.0123 --units 64`, quoted for POSIX shells wherever a character needs it. */
export function formatArgs(params: Readonly<Record<string, ParamValue>>): string {
  return Object.entries(params)
    .flatMap(([name, value]) => [shellQuote(`--${name}`), shellQuote(value === null ? 'None' : String(value))])
    .join(' ');
}

function shellQuote(word: string): string {
  if (/^[\w@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A Python literal: `best_params = {...}`, with True/False/None and floats that stay floats. */
function formatPython(study: Pick<StudyForReading, 'name' | 'metric'>, trial: FrozenTrial, label: string): string {
  const entries = Object.entries(trial.params).map(([name, value]) => {
    const isFloat = trial.distributions[name]?.type === 'float';
    return `    ${JSON.stringify(name)}: ${pythonLiteral(value, isFloat)},`;
  });
  const header = `# ${label} trial #${trial.number} of study ${JSON.stringify(study.name)}: ${study.metric} = ${pythonLiteral(trial.value, true)}`;
  return `${header}\n${label === 'best' ? 'best_params' : 'params'} = {\n${entries.join('\n')}\n}\n`;
}

function pythonLiteral(value: ParamValue, isFloat: boolean): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  // JSON string escapes (\" \\ \n \uXXXX) are all valid in Python string literals.
  if (typeof value === 'string') return JSON.stringify(value);
  if (!Number.isFinite(value)) return Number.isNaN(value) ? "float('nan')" : value > 0 ? "float('inf')" : "-float('inf')";
  const text = String(value);
  return isFloat && /^-?\d+$/.test(text) ? `${text}.0` : text;
}
