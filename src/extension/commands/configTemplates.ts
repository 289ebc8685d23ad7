/**
 * A new tuning config from New Tuning Config's answers: its text (a valid config with comments saying
 * what to change) and its study name and file. The name is checked as the config parser checks
 * `name:` (it names the journal file) plus what a file name cannot hold on any system, and a file or
 * journal already there is never overwritten: the name gets a -2, -3 … suffix instead, in the file and
 * the study alike, so two configs never share one journal by accident. Pure (no vscode; `exists` is
 * the caller's), so each answer's config is parsed in the unit tests.
 */
import * as path from 'node:path';
import type { ScriptParam, ScriptParamSpec } from '../newConfig/scriptParams';

export type Task = 'classification' | 'regression';

export interface ModelConfigAnswers {
  readonly name: string;
  /** The data file, relative to the config (it is written beside it). */
  readonly dataPath: string;
  readonly target: string;
  readonly task: Task;
  /** Classes of a classification target, for the comment. */
  readonly classes?: number;
}

export interface ScriptConfigAnswers {
  readonly name: string;
  /** The script, relative to the config. */
  readonly scriptPath: string;
  /** The program that runs it: python3 for .py, node for .js/.mjs. */
  readonly program: string;
  /** Params the script takes (argparse); empty: example params the user renames. */
  readonly params: readonly ScriptParam[];
}

/** The built-in trainer on a table; accuracy for classes, the loss (mean squared error) for numbers. */
export function modelConfigText(answers: ModelConfigAnswers): string {
  const { task } = answers;
  const objective = task === 'classification' ? '{ metric: val_accuracy, direction: maximize }' : '{ metric: val_loss, direction: minimize }';
  const what = task === 'classification' ? `classification${answers.classes ? ` into ${answers.classes} classes` : ''}` : 'regression';
  return `# Tune an MLP that predicts ${answers.target} from the other columns of ${answers.dataPath} (${what}).
# Right-click this file and pick Tune; the leaderboard shows the trials as they run.
name: ${yamlScalar(answers.name)}
objective: ${objective}
search:
  sampler: tpe
  trials: 40
  seed: 1
  pruner: { type: median, n_startup_trials: 5, n_warmup_steps: 5 }
space:
  learning_rate: { float: [1.0e-4, 1.0e-1], log: true }
  units:         { int: [8, 256], log: true }
  layers:        { int: [1, 3] }
  dropout:       { float: [0.0, 0.5] }
  activation:    [relu, tanh, elu]
  epochs: 40
trial:
  model: mlp
  data: { path: ${yamlScalar(answers.dataPath)}, target: ${yamlScalar(answers.target)}, validation: 0.2 }   # 20% held out; or validation: { kfold: 5 }
  timeout: 10m
`;
}

/** The user's own script as the trial: each param passed as the flag the script reads. */
export function scriptConfigText(answers: ScriptConfigAnswers): string {
  const params: readonly ScriptParam[] = answers.params.length > 0 ? answers.params : EXAMPLE_PARAMS;
  const width = Math.max(...params.map((param) => param.name.length)) + 1;
  const space = params.map((param) => `  ${`${param.name}:`.padEnd(width)} ${specText(param.spec)}`);
  const command = [answers.program, answers.scriptPath, ...params.flatMap((param) => [param.flag, `"\${${param.name}}"`])].map((word) => (word.startsWith('"') ? word : yamlScalar(word)));
  const origin = answers.params.length > 0 ? `the flags ${answers.scriptPath} declares (argparse), each around its default` : `example params: rename them to the flags ${answers.scriptPath} reads`;
  return `# Tune ${answers.scriptPath}. Each trial runs the command with \${param} replaced by the trial's value;
# print a line such as \`val_loss=0.31 step=4\` (or a JSON line) after each epoch.
# The space holds ${origin}.
name: ${yamlScalar(answers.name)}
objective: { metric: val_loss, direction: minimize }
search:
  sampler: tpe
  trials: 30
  seed: 1
  pruner: { type: median, n_startup_trials: 5, n_warmup_steps: 3 }
space:
${space.join('\n')}
trial:
  command: [${command.join(', ')}]
  metrics: stdout
  timeout: 30m
apply:
  - { file: ${yamlScalar(answers.scriptPath)} }   # Apply Best Params rewrites the defaults named like the params in this file
`;
}

const EXAMPLE_PARAMS: readonly ScriptParam[] = [
  { name: 'learning_rate', flag: '--learning-rate', spec: { kind: 'float', low: 1e-5, high: 1e-1, log: true } },
  { name: 'batch_size', flag: '--batch-size', spec: { kind: 'choices', choices: ['16', '32', '64'] } },
];

function specText(spec: ScriptParamSpec): string {
  switch (spec.kind) {
    case 'float':
      return `{ float: [${yamlFloat(spec.low)}, ${yamlFloat(spec.high)}]${spec.log ? ', log: true' : ''} }`;
    case 'int':
      return `{ int: [${spec.low}, ${spec.high}]${spec.log ? ', log: true' : ''} }`;
    case 'choices':
      // Numeric words stay numbers (batch sizes); others are strings.
      return `[${spec.choices.map((choice) => (/^-?\d+(\.\d+)?$/.test(choice) ? choice : yamlScalar(choice))).join(', ')}]`;
    case 'fixed':
      return String(spec.value);
  }
}

/** A float YAML 1.1 readers also take as one: a point and a signed exponent (`1.0e-4`), six digits at most. */
function yamlFloat(value: number): string {
  const text = String(Number(value.toPrecision(6)));
  if (text.includes('e')) return text.replace(/^(-?\d+)e/, '$1.0e').replace(/e(\d)/, 'e+$1');
  return text.includes('.') ? text : `${text}.0`;
}

/** Plain when YAML reads it back as this string in any context (flow mappings included), else double-quoted. */
export function yamlScalar(text: string): string {
  const plain = /^[A-Za-z_][\w./-]*$/.test(text) && !/^(y|yes|n|no|true|false|on|off|null)$/i.test(text);
  return plain ? text : JSON.stringify(text);
}


/** Why `text` cannot be a study name, or null when it can. */
export function studyNameProblem(text: string): string | null {
  const name = text.trim();
  if (name === '') return 'A study needs a name: it names the config file and the journal.';
  if ([...name].some((c) => c === '/' || c === '\\' || c < ' ')) return 'A name must not contain / or \\ or control characters: it names the journal file.';
  if (/[:*?"<>|]/.test(name)) return 'A name must not contain : * ? " < > | (Windows cannot name a file with them).';
  if (name.startsWith('.')) return 'A name must not start with a dot (the file would be hidden).';
  if (/\.tune\.ya?ml$/i.test(name)) return 'Just the name: .tune.yaml is added to it.';
  return null;
}

/** A name suggested from a data file or script: its base name, with what a name cannot hold turned into dashes. */
export function suggestedStudyName(file: string): string {
  const base = path.basename(file).replace(/\.[^.]+$/, '');
  const cleaned = base.replace(/[^\w.-]+/g, '-').replace(/^[.-]+|-+$/g, '');
  return cleaned === '' ? 'study' : cleaned;
}

/**
 * `<dir>/<name>.tune.yaml` and its study name, with the first suffix (-2, -3 …) for which neither the
 * config nor its journal (`.tuneboard/<name>.jsonl`) exists yet.
 */
export function freeConfigPath(dir: string, name: string, exists: (file: string) => boolean): { readonly file: string; readonly name: string } {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? name : `${name}-${n}`;
    const file = path.join(dir, `${candidate}.tune.yaml`);
    if (!exists(file) && !exists(path.join(dir, '.tuneboard', `${candidate}.jsonl`))) return { file, name: candidate };
  }
}
