/**
 * A trial's params as JSON, YAML, shell arguments or a Python dict: for `tuneboard best`, the editor's
 * Copy Best Params and the leaderboard's Copy. JSON keeps full precision (it is for programs) and
 * spells ±inf and NaN so they survive (see `jsonNumber`).
 */
import { stringify as toYaml } from 'yaml';
import type { ParamValue } from '../distributions';
import type { Direction, FrozenTrial } from '../trial';
import { jsonNumber } from './format';
import { bestTrial } from './ranking';

export const PARAM_FORMATS = ['json', 'yaml', 'args', 'python'] as const;
export type ParamFormat = (typeof PARAM_FORMATS)[number];
/** How each format is named in menus. */
export const PARAM_FORMAT_LABELS: Readonly<Record<ParamFormat, string>> = { json: 'JSON', yaml: 'YAML', args: 'CLI args', python: 'Python dict' };

/** What the formats name besides the trial: the study and its objective. */
export interface ParamSource {
  readonly name: string;
  readonly metric: string;
}

/** The best trial's params in `format`, or null when no trial has completed (callers say why). */
export function formatBestParams(study: ParamSource & { readonly direction: Direction; readonly trials: readonly FrozenTrial[] }, format: ParamFormat): string | null {
  const best = bestTrial(study.trials, study.direction);
  return best === null ? null : formatTrialParams(study, best, format, 'best');
}

/** Any trial's params in `format`; `label` names it in the Python comment. */
export function formatTrialParams(study: ParamSource, trial: FrozenTrial, format: ParamFormat, label = 'trial'): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify({ number: trial.number, value: trial.value === null ? null : jsonNumber(trial.value), params: trial.params }, null, 2)}\n`;
    case 'yaml':
      return Object.keys(trial.params).length ? toYaml(trial.params) : '{}\n';
    case 'args':
      return `${formatArgs(trial.params)}\n`;
    case 'python':
      return formatPython(study, trial, label);
    default:
      throw new TypeError(`unknown format ${JSON.stringify(format satisfies never)}`);
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
function formatPython(study: ParamSource, trial: FrozenTrial, label: string): string {
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
