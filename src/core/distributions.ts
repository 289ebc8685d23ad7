/**
 * Parameter distributions, modelled on Optuna's: a float or int range (optionally log-scaled or
 * stepped) or a list of categorical choices. Each validates itself on construction, converts between
 * the user's value and the internal number samplers and journals work with, and round-trips through
 * Optuna's `distribution_to_json` format so journals interoperate with Python.
 */

export type CategoricalChoice = string | number | boolean | null;
export type ParamValue = CategoricalChoice;

export interface FloatDistribution {
  readonly type: 'float';
  readonly low: number;
  readonly high: number;
  readonly log: boolean;
  readonly step: number | null;
}

export interface IntDistribution {
  readonly type: 'int';
  readonly low: number;
  readonly high: number;
  readonly log: boolean;
  readonly step: number;
}

export interface CategoricalDistribution {
  readonly type: 'categorical';
  readonly choices: readonly CategoricalChoice[];
}

export type Distribution = FloatDistribution | IntDistribution | CategoricalDistribution;

export class DistributionError extends Error {
  override name = 'DistributionError';
}

/** Relative tolerance for "does the step divide the range" checks, as floats rarely divide exactly. */
const STEP_TOLERANCE = 1e-8;

export function floatDistribution(low: number, high: number, options: { log?: boolean; step?: number | null } = {}): FloatDistribution {
  const log = options.log ?? false;
  const step = options.step ?? null;
  requireFinite(low, 'low');
  requireFinite(high, 'high');
  if (low > high) throw new DistributionError(`low (${low}) must not be greater than high (${high})`);
  if (log && step !== null) throw new DistributionError('log and step cannot be used together');
  if (log && low <= 0) throw new DistributionError(`log scale needs low > 0, got ${low}`);
  if (step !== null) {
    requireFinite(step, 'step');
    if (step <= 0) throw new DistributionError(`step must be positive, got ${step}`);
    if (!stepFits(low, high, step)) {
      throw new DistributionError(`step ${step} does not divide the range [${low}, ${high}] (high would be ${lastOnGrid(low, high, step)})`);
    }
  }
  return Object.freeze({ type: 'float', low, high, log, step });
}

export function intDistribution(low: number, high: number, options: { log?: boolean; step?: number } = {}): IntDistribution {
  const log = options.log ?? false;
  const step = options.step ?? 1;
  requireInteger(low, 'low');
  requireInteger(high, 'high');
  requireInteger(step, 'step');
  if (low > high) throw new DistributionError(`low (${low}) must not be greater than high (${high})`);
  if (step <= 0) throw new DistributionError(`step must be positive, got ${step}`);
  if (log && step !== 1) throw new DistributionError('log and step cannot be used together');
  if (log && low < 1) throw new DistributionError(`log scale needs low >= 1, got ${low}`);
  if ((high - low) % step !== 0) {
    throw new DistributionError(`step ${step} does not divide the range [${low}, ${high}] (high would be ${low + Math.floor((high - low) / step) * step})`);
  }
  return Object.freeze({ type: 'int', low, high, log, step });
}

export function categoricalDistribution(choices: readonly CategoricalChoice[]): CategoricalDistribution {
  if (choices.length === 0) throw new DistributionError('choices must not be empty');
  const seen = new Set<string>();
  for (const choice of choices) {
    if (choice !== null && !['string', 'number', 'boolean'].includes(typeof choice)) {
      throw new DistributionError(`choices must be strings, numbers, booleans or null, got ${JSON.stringify(choice)}`);
    }
    if (typeof choice === 'number' && !Number.isFinite(choice)) throw new DistributionError(`choice ${choice} is not finite`);
    const key = choiceKey(choice);
    if (seen.has(key)) throw new DistributionError(`duplicate choice ${JSON.stringify(choice)}`);
    seen.add(key);
  }
  return Object.freeze({ type: 'categorical', choices: Object.freeze([...choices]) });
}

/** True when the distribution admits a single value (Optuna skips sampling for these). */
export function isSingle(d: Distribution): boolean {
  switch (d.type) {
    case 'categorical':
      return d.choices.length === 1;
    case 'int':
      return d.low === d.high;
    case 'float':
      return d.low === d.high || (d.step !== null && d.high - d.low < d.step);
  }
}

/** The user-facing value → the number samplers and journals store (categorical: index of the choice). */
export function toInternal(d: Distribution, value: ParamValue): number {
  if (d.type === 'categorical') {
    const key = choiceKey(value);
    const index = d.choices.findIndex((c) => choiceKey(c) === key);
    if (index < 0) throw new DistributionError(`${JSON.stringify(value)} is not one of the choices ${JSON.stringify(d.choices)}`);
    return index;
  }
  if (typeof value !== 'number') throw new DistributionError(`expected a number, got ${JSON.stringify(value)}`);
  return value;
}

/** The stored number → the user-facing value. */
export function toExternal(d: Distribution, internal: number): ParamValue {
  switch (d.type) {
    case 'categorical': {
      const choice = d.choices[Math.round(internal)];
      if (choice === undefined) throw new DistributionError(`index ${internal} is out of range for ${d.choices.length} choices`);
      return choice;
    }
    case 'int':
      return Math.round(internal);
    case 'float':
      return internal;
  }
}

/** Whether an internal value lies in the distribution (on its step grid where it has one). */
export function contains(d: Distribution, internal: number): boolean {
  if (!Number.isFinite(internal)) return false;
  switch (d.type) {
    case 'categorical':
      return Number.isInteger(internal) && internal >= 0 && internal < d.choices.length;
    case 'int':
      return Number.isInteger(internal) && internal >= d.low && internal <= d.high && (internal - d.low) % d.step === 0;
    case 'float': {
      if (internal < d.low || internal > d.high) return false;
      if (d.step === null) return true;
      const k = (internal - d.low) / d.step;
      return Math.abs(k - Math.round(k)) < STEP_TOLERANCE * Math.max(1, Math.abs(k));
    }
  }
}

/** Optuna's compatibility rule: same class, same log flag, same categorical choices. */
export function compatible(a: Distribution, b: Distribution): boolean {
  if (a.type !== b.type) return false;
  if (a.type === 'categorical' && b.type === 'categorical') {
    return a.choices.length === b.choices.length && a.choices.every((c, i) => choiceKey(c) === choiceKey(b.choices[i] ?? null));
  }
  return (a as FloatDistribution | IntDistribution).log === (b as FloatDistribution | IntDistribution).log;
}

export function distributionsEqual(a: Distribution, b: Distribution): boolean {
  return distributionToJson(a) === distributionToJson(b);
}

/** Optuna's `distribution_to_json`: attributes in the order Optuna 3.1 writes them. */
export function distributionToJson(d: Distribution): string {
  switch (d.type) {
    case 'float':
      return JSON.stringify({ name: 'FloatDistribution', attributes: { step: d.step, low: d.low, high: d.high, log: d.log } });
    case 'int':
      return JSON.stringify({ name: 'IntDistribution', attributes: { log: d.log, step: d.step, low: d.low, high: d.high } });
    case 'categorical':
      return JSON.stringify({ name: 'CategoricalDistribution', attributes: { choices: d.choices } });
  }
}

/** Optuna's `json_to_distribution`, including the pre-3.0 names older journals hold. */
export function distributionFromJson(json: string): Distribution {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new DistributionError(`distribution is not valid JSON: ${json}`);
  }
  if (!isRecord(parsed) || typeof parsed.name !== 'string' || !isRecord(parsed.attributes)) {
    throw new DistributionError(`distribution must be {"name", "attributes"}: ${json}`);
  }
  const a = parsed.attributes;
  const num = (key: string): number => {
    const value = a[key];
    if (typeof value !== 'number') throw new DistributionError(`${parsed.name}.${key} must be a number in ${json}`);
    return value;
  };
  switch (parsed.name) {
    case 'FloatDistribution':
      return floatDistribution(num('low'), num('high'), { log: a.log === true, step: typeof a.step === 'number' ? a.step : null });
    case 'IntDistribution':
      return intDistribution(num('low'), num('high'), { log: a.log === true, step: typeof a.step === 'number' ? a.step : 1 });
    case 'CategoricalDistribution':
      if (!Array.isArray(a.choices)) throw new DistributionError(`CategoricalDistribution.choices must be a list in ${json}`);
      return categoricalDistribution(a.choices as CategoricalChoice[]);
    case 'UniformDistribution':
      return floatDistribution(num('low'), num('high'));
    case 'LogUniformDistribution':
      return floatDistribution(num('low'), num('high'), { log: true });
    case 'DiscreteUniformDistribution':
      return floatDistribution(num('low'), num('high'), { step: num('q') });
    case 'IntUniformDistribution':
      return intDistribution(num('low'), num('high'), { step: typeof a.step === 'number' ? a.step : 1 });
    case 'IntLogUniformDistribution':
      return intDistribution(num('low'), num('high'), { log: true });
    default:
      throw new DistributionError(`unknown distribution ${parsed.name}`);
  }
}

/** A short human description, e.g. `float [0.0001, 0.1] log` or `{relu, tanh}`. */
export function describeDistribution(d: Distribution): string {
  switch (d.type) {
    case 'categorical':
      return `one of ${d.choices.map((c) => JSON.stringify(c)).join(', ')}`;
    case 'float':
    case 'int': {
      const scale = d.log ? ' log' : d.step !== null && !(d.type === 'int' && d.step === 1) ? ` step ${d.step}` : '';
      return `${d.type} [${d.low}, ${d.high}]${scale}`;
    }
  }
}

/** Number of distinct values a distribution admits, or Infinity for a continuous float. */
export function cardinality(d: Distribution): number {
  switch (d.type) {
    case 'categorical':
      return d.choices.length;
    case 'int':
      return Math.floor((d.high - d.low) / d.step) + 1;
    case 'float':
      if (d.low === d.high) return 1;
      return d.step === null ? Infinity : Math.round((d.high - d.low) / d.step) + 1;
  }
}

/** Identity of a choice across types: 1, "1" and true are different choices. */
export function choiceKey(choice: CategoricalChoice): string {
  return `${typeof choice}:${String(choice)}`;
}

function stepFits(low: number, high: number, step: number): boolean {
  const k = (high - low) / step;
  return Math.abs(k - Math.round(k)) <= STEP_TOLERANCE * Math.max(1, k);
}

function lastOnGrid(low: number, high: number, step: number): number {
  return low + Math.floor((high - low) / step + STEP_TOLERANCE) * step;
}

function requireFinite(value: number, name: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new DistributionError(`${name} must be a finite number, got ${String(value)}`);
}

function requireInteger(value: number, name: string): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new DistributionError(`${name} must be an integer, got ${String(value)}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
