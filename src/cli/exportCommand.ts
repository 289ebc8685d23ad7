/**
 * `tuneboard export [config|journal|url] (--csv | --json) [-o file] [--storage <journal|url>] [--study <name>]`: every trial of a study, for
 * pandas, spreadsheets or scripts. Columns follow Optuna's `study.trials_dataframe()`: params_<name>,
 * user_attrs_<key>, system_attrs_<key>; a multi-objective study has values_<metric> columns instead of
 * value (Optuna's names when the study has metric names, as it does).
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { type FrozenTrial, type JsonValue, trialDuration } from '../core';
import { CliError, runCliAction } from './cliError';
import { openStudyForReading } from './openStudyForReading';
import { addStudyLocation, type StudyLocationFlags } from './studyLocation';
import { EXIT } from './validateCommand';

interface ExportOptions extends StudyLocationFlags {
  readonly csv?: boolean;
  readonly json?: boolean;
  readonly output?: string;
}

export function registerExportCommand(program: Command, exitCodesHelp: string): void {
  const command = program.command('export').description('write every trial of a study as CSV or JSON (columns as Optuna trials_dataframe)');
  addStudyLocation(command)
    .option('--csv', 'one row per trial, RFC 4180 quoting')
    .option('--json', 'an array with one object per trial, intermediate values as {step: value}')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .addHelpText('after', exitCodesHelp)
    .action((path: string | undefined, options: ExportOptions) =>
      runCliAction(async () => {
        if (options.csv === options.json) throw new CliError('export needs exactly one of --csv or --json');
        const { trials, metrics } = await openStudyForReading(path, options);
        const text = options.csv ? trialsToCsv(trials, metrics) : `${JSON.stringify(trials.map((trial) => trialToJson(trial, metrics)), null, 2)}\n`;
        if (options.output === undefined) process.stdout.write(text);
        else writeOutput(options.output, text);
        return EXIT.ok;
      }),
    );
}

function writeOutput(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (error) {
    throw new CliError(`cannot write ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.stderr.write(`tuneboard: wrote ${file}\n`);
}

type Cell = string | number | boolean | null;

/** The value column(s): `value`, or one `values_<metric>` per objective of a multi-objective study. */
function valueColumns(metrics: readonly string[]): string[] {
  return metrics.length <= 1 ? ['value'] : metrics.map((metric) => `values_${metric}`);
}

function valueFields(trial: FrozenTrial, metrics: readonly string[]): Record<string, Cell> {
  if (metrics.length <= 1) return { value: trial.value };
  return Object.fromEntries(valueColumns(metrics).map((column, i) => [column, trial.values?.[i] ?? null]));
}

/** The columns of one trial, before the attrs: the same for CSV and JSON. */
function baseFields(trial: FrozenTrial, metrics: readonly string[]): Record<string, Cell> {
  const duration = trialDuration(trial);
  return {
    number: trial.number,
    state: trial.state,
    ...valueFields(trial, metrics),
    datetime_start: trial.datetimeStart?.toISOString() ?? null,
    datetime_complete: trial.datetimeComplete?.toISOString() ?? null,
    duration_s: duration === null ? null : duration / 1000,
  };
}

export function trialsToCsv(trials: readonly FrozenTrial[], metrics: readonly string[] = ['value']): string {
  const rows = trials.map((trial): Record<string, JsonValue> => ({
    ...baseFields(trial, metrics),
    ...prefixed('params_', trial.params),
    ...prefixed('user_attrs_', trial.userAttrs),
    ...prefixed('system_attrs_', trial.systemAttrs),
    intermediate_values_count: trial.intermediateValues.size,
  }));
  const base = ['number', 'state', ...valueColumns(metrics), 'datetime_start', 'datetime_complete', 'duration_s'];
  // Each group together, names in order of first appearance (params in the order the space lists them).
  const all = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const group = (prefix: string): string[] => all.filter((c) => c.startsWith(prefix));
  const columns = [...base, ...group('params_'), ...group('user_attrs_'), ...group('system_attrs_'), 'intermediate_values_count'];
  const lines = [columns.map(csvField), ...rows.map((row) => columns.map((c) => csvField(cellText(row[c]))))];
  return lines.map((fields) => `${fields.join(',')}\r\n`).join('');
}

function prefixed(prefix: string, record: Readonly<Record<string, JsonValue>>): Record<string, JsonValue> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [`${prefix}${key}`, value]));
}

/** Strings as they are, nested values as JSON, missing and null as an empty field (pandas reads NaN). */
function cellText(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** RFC 4180: a field with a comma, quote, CR or LF is quoted, its quotes doubled. */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export interface TrialJson {
  readonly [column: string]: JsonValue;
}

export function trialToJson(trial: FrozenTrial, metrics: readonly string[] = ['value']): TrialJson {
  return {
    ...baseFields(trial, metrics),
    params: { ...trial.params },
    user_attrs: { ...trial.userAttrs },
    system_attrs: { ...trial.systemAttrs },
    intermediate_values: Object.fromEntries([...trial.intermediateValues].map(([step, value]) => [String(step), value])),
  };
}
