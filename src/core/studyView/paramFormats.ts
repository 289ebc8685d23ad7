/**
 * A trial's params as JSON, YAML, shell arguments or a Python dict: for `tuneboard best`, the editor's
 * Copy Best Params and the leaderboard's Copy. JSON keeps full precision (it is for programs) and
 * spells ±inf and NaN so they survive (see `jsonNumber`). Shell arguments and Python literals are
 * spelled by the same rule as Insert Best Params (core/insert/literals.ts): short floats, Python's
 * True/False/None and float('inf'). YAML, shell arguments and Python write a float param with the
 * precision Apply writes (paramsAsWritten: the fewest digits that behave as the trial's value).
 */
import { stringify as toYaml } from 'yaml';
import { paramsAsWritten } from '../apply/formatValue';
import type { ParamValue } from '../distributions';
import { argumentWord, codeLiteral, shellWord } from '../insert/literals';
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
  /** Every objective's name, for a multi-objective study's trials (each then shows all its values). */
  readonly metrics?: readonly string[];
}

/**
 * The format Copy Best Params offers first for a document of `languageId` (VS Code's id): the one
 * that pastes into it as it is.
 */
export function formatForLanguage(languageId: string): ParamFormat {
  switch (languageId) {
    case 'python':
      return 'python';
    case 'yaml':
      return 'yaml';
    case 'shellscript':
    case 'makefile':
      return 'args';
    default:
      return 'json';
  }
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
      return `${JSON.stringify({ number: trial.number, value: trial.value === null ? null : jsonNumber(trial.value), ...(isMultiObjective(trial) ? { values: trial.values.map(jsonNumber) } : {}), params: trial.params }, null, 2)}\n`;
    case 'yaml':
      return Object.keys(trial.params).length ? toYaml(paramsAsWritten(trial.params, trial.distributions)) : '{}\n';
    case 'args':
      return `${formatArgs(paramsAsWritten(trial.params, trial.distributions))}\n`;
    case 'python':
      return formatPython(study, trial, label);
    default:
      throw new TypeError(`unknown format ${JSON.stringify(format satisfies never)}`);
  }
}

/** `--learning_rate 0.0123 --units 64`, quoted for POSIX shells wherever a character needs it. */
export function formatArgs(params: Readonly<Record<string, ParamValue>>): string {
  return Object.entries(params)
    .flatMap(([name, value]) => [shellWord(`--${name}`), shellWord(argumentWord(value))])
    .join(' ');
}

/** A Python literal: `best_params = {...}`, with True/False/None and floats that stay floats. */
function formatPython(study: ParamSource, trial: FrozenTrial, label: string): string {
  const entries = Object.entries(paramsAsWritten(trial.params, trial.distributions)).map(([name, value]) => {
    const isFloat = trial.distributions[name]?.type === 'float';
    return `    ${pythonLiteral(name, false)}: ${pythonLiteral(value, isFloat)},`;
  });
  const values = isMultiObjective(trial) ? trial.values.map((value, i) => `${study.metrics?.[i] ?? `values_${i}`} = ${pythonLiteral(value, true)}`).join(', ') : `${study.metric} = ${pythonLiteral(trial.value, true)}`;
  const header = `# ${label === 'trial' ? '' : `${label} `}trial #${trial.number} of study ${JSON.stringify(study.name)}: ${values}`;
  return `${header}\n${label === 'best' ? 'best_params' : 'params'} = {\n${entries.join('\n')}\n}\n`;
}

function isMultiObjective(trial: FrozenTrial): trial is FrozenTrial & { readonly values: readonly number[] } {
  return trial.values !== null && trial.values.length > 1;
}

/** Python always has a literal for a param value, so the fallback is never used. */
function pythonLiteral(value: ParamValue, isFloat: boolean): string {
  return codeLiteral('python', value, { quote: '"', float: isFloat }) ?? String(value);
}
