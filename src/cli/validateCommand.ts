/**
 * `tuneboard validate <config...>`: every problem of every file as `file:line:col: message` on
 * stderr, or a one-screen summary of each valid config on stdout. Besides the config itself, the
 * files it names are checked (configChecks/): the data file and its target column, apply: files.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { checkConfigFiles } from '../configChecks/fileChecks';
import { cardinality, ConditionalGrid, MAX_CONDITIONAL_GRID_POINTS, describeConditions, describeConstraints, describeObjectives, type Distribution, formatDuration, formatProblem, gridValues, isConditional, isIdxData, parseConfig, type Problem, type StudyConfig, type TrialConfig } from '../core';

export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

export interface Output {
  stdout(text: string): void;
  stderr(text: string): void;
}

const processOutput: Output = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

export function registerValidateCommand(program: Command, exitCodesHelp: string): void {
  program
    .command('validate')
    .description('check *.tune.yaml configs and print each problem as file:line:col: message, or a summary of a valid config')
    .argument('<config...>', 'one or more *.tune.yaml files')
    .addHelpText('after', exitCodesHelp)
    .action((files: string[]) => {
      process.exitCode = validateFiles(files, processOutput);
    });
}

/** Validates each file in turn; returns the worst exit code (2 unreadable, 1 problems, 0 valid). */
export function validateFiles(files: readonly string[], out: Output): number {
  let exitCode: number = EXIT.ok;
  files.forEach((file, i) => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : error instanceof Error ? error.message : String(error);
      out.stderr(`tuneboard: cannot read ${file}: ${reason}\n`);
      exitCode = Math.max(exitCode, EXIT.usage);
      return;
    }
    const parsed = parseConfig(text, file);
    // The files named by valid sections are checked even when another section has an error.
    const problems = byPosition([...parsed.problems, ...checkConfigFiles(parsed.files, file, text)]);
    for (const problem of problems) out.stderr(`${formatProblem(problem)}\n`);
    const config = problems.some((p) => p.severity === 'error') ? null : parsed.config;
    if (config) {
      if (i > 0) out.stdout('\n');
      out.stdout(formatSummary(config, file));
    } else {
      exitCode = Math.max(exitCode, EXIT.problems);
    }
  });
  return exitCode;
}

function byPosition(problems: readonly Problem[]): Problem[] {
  return [...problems].sort((a, b) => (a.start?.line ?? 0) - (b.start?.line ?? 0) || (a.start?.col ?? 0) - (b.start?.col ?? 0));
}

/** The one-screen summary of a valid config. */
export function formatSummary(config: StudyConfig, file: string): string {
  const { sampler, pruner } = config;
  const lines = [
    `${file}: valid`,
    row('study', config.name),
    row(config.objectives.length > 1 ? 'objectives' : 'objective', describeObjectives(config.objectives)),
    ...(config.constraints.length > 0 ? [row('constraints', describeConstraints(config.constraints))] : []),
    row('sampler', withOptions(sampler.type, sampler)),
    row('pruner', withOptions(pruner.type, pruner)),
    row('budget', describeBudget(config)),
    row('trial', describeTrial(config.trial)),
    row('storage', config.storage),
    '',
    ...describeSpace(config),
  ];
  return `${lines.join('\n')}\n`;
}

function row(label: string, value: string): string {
  return `  ${label.padEnd(10)} ${value}`;
}

function withOptions(type: string, spec: object): string {
  const options = Object.entries(spec).filter(([key]) => key !== 'type');
  return options.length ? `${type} (${options.map(([k, v]) => `${k}: ${String(v)}`).join(', ')})` : type;
}

function describeBudget(config: StudyConfig): string {
  const parts = [
    config.trials !== undefined ? `${config.trials} trials` : null,
    config.timeoutSeconds !== undefined ? `timeout ${formatDuration(config.timeoutSeconds)}` : null,
    config.trials === undefined && config.timeoutSeconds === undefined ? (config.sampler.type === 'grid' ? 'until the grid is done' : 'until stopped') : null,
    `parallel ${config.parallel ?? 'auto (cores)'}`,
    config.seed !== undefined ? `seed ${config.seed}` : 'no seed',
  ];
  return parts.filter((p) => p !== null).join(', ');
}

function describeTrial(trial: TrialConfig): string {
  const timeout = trial.timeoutSeconds !== undefined ? `, timeout ${formatDuration(trial.timeoutSeconds)}` : '';
  if (trial.kind === 'command') {
    const argv = trial.command.map((arg) => (/^[\w@%+=:,./${}-]+$/.test(arg) ? arg : JSON.stringify(arg))).join(' ');
    return `command: ${argv}${trial.cwd ? ` (in ${trial.cwd})` : ''}${timeout}`;
  }
  const { data } = trial;
  const validation = data.validation === undefined ? '' : typeof data.validation === 'number' ? `, validation ${data.validation}` : `, ${data.validation.kfold}-fold`;
  const shape = trial.inputShape ? `, input [${trial.inputShape.join(', ')}]` : '';
  const source = isIdxData(data) ? `images ${data.images}, labels ${data.labels}${data.limit === undefined ? '' : ` (first ${data.limit})`}` : `${data.path} → ${data.target}`;
  return `model ${trial.model} on ${source}${validation}${shape}, backend ${trial.backend}${timeout}`;
}

function describeSpace(config: StudyConfig): string[] {
  const entries = Object.entries(config.space);
  const fixed = entries.filter(([, d]) => d.type === 'categorical' && d.choices.length === 1).length;
  const conditional = isConditional(config.conditions);
  const table = [['name', 'kind', 'range / choices', 'scale', 'values', ...(conditional ? ['active when'] : [])]];
  let total = 1;
  for (const [name, d] of entries) {
    const count = gridCount(config, name, d);
    total *= count;
    const [kind, range, scale] = describeParam(d);
    const grid = config.gridPoints[name] !== undefined ? `${scale}, grid ${config.gridPoints[name]}` : scale;
    const when = conditional ? [describeConditions(config.conditions[name] ?? []) || 'always'] : [];
    table.push([name, kind, range, grid, Number.isFinite(count) ? String(count) : 'continuous', ...when]);
  }
  // A conditional space's grid is its distinct active assignments, not the product of every column.
  const finite = Number.isFinite(total);
  if (conditional && finite) total = conditionalGridSize(config, entries);
  const widths = table[0]?.map((_, col) => Math.max(...table.map((cells) => cells[col]?.length ?? 0))) ?? [];
  const lines = table.map((cells) => `    ${cells.map((cell, col) => cell.padEnd(widths[col] ?? 0)).join('  ')}`.trimEnd());
  const size = Number.isFinite(total)
    ? `grid of ${total.toLocaleString('en-US')} points`
    : finite
      ? `a grid of more than ${MAX_CONDITIONAL_GRID_POINTS.toLocaleString('en-US')} distinct points (more than the grid sampler lists)`
      : 'continuous (no finite grid)';
  return [`  space      ${entries.length} parameters${fixed ? ` (${fixed} fixed)` : ''}, ${size}`, ...lines];
}

function conditionalGridSize(config: StudyConfig, entries: readonly [string, Distribution][]): number {
  const samplerPoints = config.sampler.type === 'grid' ? config.sampler.points : undefined;
  try {
    const axes = entries.map(([name, d]) => ({ name, values: gridValues(name, d, config.gridPoints[name] ?? samplerPoints) }));
    return new ConditionalGrid(axes, config.conditions).size;
  } catch {
    return Number.POSITIVE_INFINITY; // more points than the grid sampler would list
  }
}

function describeParam(d: Distribution): [string, string, string] {
  if (d.type === 'categorical') {
    const choices = d.choices.map((c) => (typeof c === 'string' ? c : JSON.stringify(c))).join(', ');
    return d.choices.length === 1 ? ['fixed', choices, ''] : ['categorical', choices, ''];
  }
  const scale = d.log ? 'log' : d.step !== null && !(d.type === 'int' && d.step === 1) ? `step ${d.step}` : 'linear';
  return [d.type, `[${d.low}, ${d.high}]`, scale];
}

/** Values the parameter takes on a grid: its own count, or the `grid: N` / sampler `points` it asks for. */
function gridCount(config: StudyConfig, name: string, d: Distribution): number {
  const samplerPoints = config.sampler.type === 'grid' ? config.sampler.points : undefined;
  const points = config.gridPoints[name] ?? samplerPoints;
  if (points === undefined || d.type === 'categorical') return cardinality(d);
  try {
    return gridValues(name, d, points).length;
  } catch {
    return Infinity;
  }
}
