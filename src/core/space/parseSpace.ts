/**
 * The search space as written in a config's `space:` section or passed to createStudy:
 *   lr: { float: [1e-4, 1e-1], log: true }   units: { int: [8, 256], step: 8 }
 *   act: [relu, tanh]  (a list is categorical)    epochs: 40  (a scalar is fixed)
 * and conditional: `optimizer: { choice: { sgd: { momentum: … }, adam: null } }` (branches),
 * `kernel: { int: [3, 7], when: { model: cnn } }`, `units: { int: [16, 512], each: layers }`
 * (declarations.ts takes the tree apart, conditions.ts names and orders the parameters).
 * Works on plain values and reports key paths; config.ts adds file positions.
 */
import {
  categoricalDistribution,
  choiceKey,
  DistributionError,
  floatDistribution,
  intDistribution,
  isSingle,
  type CategoricalChoice,
  type Distribution,
} from '../distributions';
import { isInt, isRecord, Issues, kindOf, show } from '../config/issues';
import { ConfigError, type KeyPath, type Problem } from '../problems';
import { resolveConditions, type ResolvedSpace, type TypedDeclaration } from './conditions';
import { collectDeclarations, CONDITION_KEYS } from './declarations';
import type { SearchSpace, SpaceConditions } from '../samplers/sampler';

export interface ParsedSpace {
  readonly space: SearchSpace;
  /** `grid: N` per parameter: how many points the grid sampler takes from that range. */
  readonly gridPoints: Readonly<Record<string, number>>;
  /** When each conditional param is active (`choice:` branches, `when:`, `each:`); empty for a flat space. */
  readonly conditions: SpaceConditions;
  /** Where each param is written (an `each:` copy: its declaration), for problems found after parsing. */
  readonly paths: Readonly<Record<string, KeyPath>>;
}

const RANGE_KEYS = ['float', 'int', 'log', 'step', 'grid'];
/**
 * A letter (any script: `学习率`, `η`) or _, then letters, digits, _, - and . — a Python identifier's
 * characters plus `-` and `.`. Never `$`, `{`, `}` or spaces, so `${name}` in a command reads back.
 */
const PARAM_NAME = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}.-]*$/u;
/** More steps than this and neighbouring grid points are no longer distinct doubles (nor samplable with one random draw). */
const MAX_STEPS = Number.MAX_SAFE_INTEGER;
/** Same relative tolerance as distributions.ts: floats rarely divide a range exactly. */
const STEP_TOLERANCE = 1e-8;

export function parseSpace(raw: unknown, path: KeyPath = ['space']): ParsedSpace & { problems: Problem[] } {
  const issues = new Issues();
  const result = (resolved: ResolvedSpace = { space: {}, paths: {}, gridPoints: {}, conditions: {} }) => ({ ...resolved, problems: issues.list });
  if (!isRecord(raw)) {
    if (raw === null || raw === undefined) issues.error(path, 'nothing to tune: the space is empty; add a parameter such as lr: { float: [1.0e-4, 1.0e-1], log: true }');
    else issues.error(path, `space must be a map of parameter name → range, list of choices or fixed value, got ${kindOf(raw)}`);
    return result();
  }
  const declarations = collectDeclarations(raw, path, issues).map((decl): TypedDeclaration => {
    if (!PARAM_NAME.test(decl.name)) {
      issues.error(decl.at, `parameter name ${show(decl.name)} must start with a letter or _ and hold only letters, digits, _, - and .`, 'key');
    }
    const parsed = parseParam(decl.spec, decl.at, decl.name, issues);
    return { ...decl, distribution: parsed?.distribution ?? null, ...(parsed?.grid !== undefined ? { grid: parsed.grid } : {}) };
  });
  const resolved = resolveConditions(declarations, PARAM_NAME, issues);
  const distributions = Object.values(resolved.space);
  if (!issues.hasErrors) {
    if (distributions.length === 0) issues.error(path, 'nothing to tune: the space is empty; add a parameter such as lr: { float: [1.0e-4, 1.0e-1], log: true }');
    else if (distributions.every(isSingle)) {
      issues.error(path, 'nothing to tune: every parameter is fixed; give at least one a range ({ float: [low, high] }) or a list of choices');
    }
  }
  return result(resolved);
}

/** For the JS API: the parsed space, or a ConfigError carrying every problem. */
export function defineSearchSpace(raw: unknown): ParsedSpace {
  const { problems, ...parsed } = parseSpace(raw);
  if (problems.some((p) => p.severity === 'error')) throw new ConfigError(problems);
  return parsed;
}

interface ParsedParam {
  readonly distribution: Distribution;
  readonly grid?: number;
}

function parseParam(spec: unknown, at: KeyPath, name: string, issues: Issues): ParsedParam | null {
  if (Array.isArray(spec)) return parseChoices(spec, at, issues);
  if (isRecord(spec) && spec.choice !== undefined) return parseChoiceRecord(spec, at, name, issues);
  if (isRecord(spec)) return parseRange(spec, at, name, issues);
  if (typeof spec === 'string' || typeof spec === 'boolean' || (typeof spec === 'number' && Number.isFinite(spec))) {
    // A fixed value is a categorical with one choice: that is how Optuna records a fixed suggest.
    return { distribution: categoricalDistribution([spec]) };
  }
  issues.error(at, `parameter '${name}' needs { float: [low, high] }, { int: [low, high] }, a list of choices or a fixed value, got ${kindOf(spec)}`);
  return null;
}

function parseChoices(list: readonly unknown[], at: KeyPath, issues: Issues): ParsedParam | null {
  if (list.length === 0) {
    issues.error(at, 'the list of choices is empty; give at least one choice');
    return null;
  }
  const choices: CategoricalChoice[] = [];
  const firstIndex = new Map<string, number>();
  let ok = true;
  list.forEach((choice, i) => {
    if (!(typeof choice === 'string' || typeof choice === 'boolean' || (typeof choice === 'number' && Number.isFinite(choice)))) {
      issues.error([...at, i], `a choice must be a string, number or boolean, got ${kindOf(choice)}`);
      ok = false;
      return;
    }
    const key = choiceKey(choice);
    const first = firstIndex.get(key);
    if (first !== undefined) {
      issues.error([...at, i], `duplicate choice ${show(choice)} (same as choice ${first + 1})`);
      ok = false;
      return;
    }
    firstIndex.set(key, i);
    choices.push(choice);
  });
  return ok ? { distribution: categoricalDistribution(choices) } : null;
}

/** `{ choice: [a, b] }` (a list, as `[a, b]`, that can take `when`/`each`) or `{ choice: { a: {…}, b: null } }` (branches). */
function parseChoiceRecord(spec: Readonly<Record<string, unknown>>, at: KeyPath, name: string, issues: Issues): ParsedParam | null {
  const before = issues.list.length;
  issues.checkKeys(spec, ['choice', ...CONDITION_KEYS], at, `parameter '${name}' (a choice)`);
  // Branches are values of the choice: the map's keys (collectDeclarations walks what they open).
  const choices = isRecord(spec.choice) ? Object.keys(spec.choice) : spec.choice;
  if (Array.isArray(choices) && choices.length === 0 && isRecord(spec.choice)) {
    issues.error([...at, 'choice'], `'${name}' has no branches; give at least one, e.g. choice: { sgd: { momentum: { float: [0.0, 0.99] } }, adam: null }`);
    return null;
  }
  if (!Array.isArray(choices)) {
    issues.error([...at, 'choice'], `choice must be a list of values or a map of branch → the parameters it opens, got ${kindOf(spec.choice)}`);
    return null;
  }
  const parsed = parseChoices(choices, [...at, 'choice'], issues);
  return issues.list.length > before ? null : parsed;
}

function parseRange(spec: Readonly<Record<string, unknown>>, at: KeyPath, name: string, issues: Issues): ParsedParam | null {
  const before = issues.list.length;
  // when/each were taken apart already; listing them keeps `whn:` a did-you-mean.
  const unknownKeys = issues.checkKeys(spec, [...RANGE_KEYS, ...CONDITION_KEYS], at, `parameter '${name}'`);
  const hasFloat = spec.float !== undefined;
  const hasInt = spec.int !== undefined;
  if (hasFloat && hasInt) {
    issues.error(at, `parameter '${name}' has both float and int; keep one`);
    return null;
  }
  if (!hasFloat && !hasInt) {
    // An unknown key such as `flaot` already explains what is missing.
    if (unknownKeys.length === 0) issues.error(at, `parameter '${name}' needs float: [low, high] or int: [low, high] (or write a list of choices or a fixed value)`);
    return null;
  }
  const kind = hasFloat ? 'float' : 'int';
  const bounds = parseBounds(spec[kind], [...at, kind], kind, issues);
  const log = spec.log ?? false;
  if (typeof log !== 'boolean') issues.error([...at, 'log'], `log must be true or false, got ${kindOf(log)}`);
  const step = parseStep(spec.step, [...at, 'step'], kind, issues);
  const grid = spec.grid;
  if (grid !== undefined && !(isInt(grid) && grid >= 2)) issues.error([...at, 'grid'], `grid must be a whole number of points ≥ 2, got ${kindOf(grid)}`);
  else if (grid !== undefined && spec.step !== undefined) issues.error([...at, 'grid'], 'grid and step cannot be used together: the step already fixes the grid');
  if (!bounds || typeof log !== 'boolean' || step === undefined || issues.list.length > before) return null;

  const [low, high] = bounds;
  if (low >= high) {
    const hint = low === high ? `; for a fixed value write ${name}: ${low}` : '';
    issues.error([...at, kind], `low (${low}) must be less than high (${high})${hint}`);
    return null;
  }
  // Optuna rejects log with a step, except the int default step of 1.
  if (log && step !== null && !(kind === 'int' && step === 1)) {
    issues.error([...at, 'step'], 'log and step cannot be used together');
    return null;
  }
  if (log && (kind === 'float' ? low <= 0 : low < 1)) {
    issues.error([...at, kind, 0], `log scale needs low ${kind === 'float' ? '> 0' : '≥ 1'}, got ${low}`);
    return null;
  }
  if (!Number.isFinite(high - low) || (kind === 'int' && !Number.isSafeInteger(high - low))) {
    const limit = kind === 'float' ? `${Number.MAX_VALUE.toPrecision(3)}` : `${MAX_STEPS} (2^53 - 1)`;
    issues.error([...at, kind], `the range [${low}, ${high}] is too wide: high - low must be at most ${limit}, so that samplers can pick a point in it`);
    return null;
  }
  if (step !== null && (high - low) / step > MAX_STEPS) {
    const steps = ((high - low) / step).toPrecision(3);
    issues.error([...at, 'step'], `step ${step} cuts [${low}, ${high}] into ${steps} steps; at most ${MAX_STEPS} (2^53 - 1) are possible, as finer points are not distinct numbers: use a larger step, or no step for a continuous range`);
    return null;
  }
  if (step !== null && !stepFits(low, high, step)) {
    issues.error([...at, 'step'], `step ${step} does not divide the range [${low}, ${high}] (high would be ${lastOnGrid(low, high, step)})`);
    return null;
  }
  try {
    const distribution = kind === 'float' ? floatDistribution(low, high, { log, step }) : intDistribution(low, high, { log, step: step ?? 1 });
    return grid === undefined ? { distribution } : { distribution, grid: grid as number };
  } catch (error) {
    // Every rule of the constructors is checked above; this only guards against them drifting apart.
    issues.error(at, error instanceof DistributionError ? error.message : `invalid range: ${String(error)}`);
    return null;
  }
}

function parseBounds(value: unknown, at: KeyPath, kind: 'float' | 'int', issues: Issues): [number, number] | null {
  if (!Array.isArray(value) || value.length !== 2) {
    issues.error(at, `${kind} must be a list [low, high], got ${kindOf(value)}`);
    return null;
  }
  let ok = true;
  value.forEach((bound: unknown, i) => {
    const which = i === 0 ? 'low' : 'high';
    if (typeof bound !== 'number' || !Number.isFinite(bound)) {
      issues.error([...at, i], `${which} must be a finite number, got ${kindOf(bound)}`);
      ok = false;
    } else if (kind === 'int' && !Number.isSafeInteger(bound)) {
      issues.error([...at, i], `int bounds must be whole numbers, got ${bound} (use float for a continuous range)`);
      ok = false;
    }
  });
  return ok ? [value[0] as number, value[1] as number] : null;
}

/** The step, null when absent, or undefined when it is invalid (a problem was reported). */
function parseStep(value: unknown, at: KeyPath, kind: 'float' | 'int', issues: Issues): number | null | undefined {
  if (value === undefined) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) issues.error(at, `step must be a number, got ${kindOf(value)}`);
  else if (value <= 0) issues.error(at, `step must be positive, got ${value}`);
  else if (kind === 'int' && !Number.isSafeInteger(value)) issues.error(at, `an int step must be a whole number, got ${value}`);
  else return value;
  return undefined;
}

function stepFits(low: number, high: number, step: number): boolean {
  const k = (high - low) / step;
  return Math.abs(k - Math.round(k)) <= STEP_TOLERANCE * Math.max(1, k);
}

/** The largest value on the step grid not above high, printed without float noise (0.9, not 0.8999…). */
function lastOnGrid(low: number, high: number, step: number): number {
  const value = low + Math.floor((high - low) / step + STEP_TOLERANCE) * step;
  return Number(value.toPrecision(12));
}
