/**
 * Params fixed in advance: what an enqueued (WAITING) trial must run with, as Optuna's `enqueue_trial`
 * stores them, and the check that the study's space admits each value.
 */
import { choiceKey, contains, describeDistribution, type Distribution, type ParamValue } from './distributions';
import type { FrozenTrial } from './trial';

import { FIXED_PARAMS_ATTR } from './studyView/trialAttrs';

export { FIXED_PARAMS_ATTR };

/** A param value that the study's space does not admit, or a param the space does not have. */
export class InvalidParamError extends Error {
  override name = 'InvalidParamError';
  constructor(readonly param: string, message: string) {
    super(message);
  }
}

/** An enqueued trial's `fixed_params` (written by us or by Python Optuna). */
export function readFixedParams(trial: FrozenTrial): Readonly<Record<string, unknown>> {
  const fixed = trial.systemAttrs[FIXED_PARAMS_ATTR];
  if (fixed === undefined) return {};
  if (typeof fixed !== 'object' || fixed === null || Array.isArray(fixed)) throw new Error(`'${FIXED_PARAMS_ATTR}' is ${JSON.stringify(fixed)}, not an object of params`);
  return fixed;
}

/** `value` if the distribution admits it, else an InvalidParamError saying what it admits. */
export function checkParamValue(name: string, d: Distribution, value: unknown): ParamValue {
  const admits = describeDistribution(d);
  const shown = typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
  if (d.type === 'categorical') {
    const isChoice = (value === null || ['string', 'number', 'boolean'].includes(typeof value)) && d.choices.some((c) => choiceKey(c) === choiceKey(value as ParamValue));
    if (!isChoice) throw new InvalidParamError(name, `param '${name}' must be ${admits}, got ${shown}`);
    return value as ParamValue;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new InvalidParamError(name, `param '${name}' must be a number in ${admits}, got ${shown}`);
  if (d.type === 'int' && !Number.isInteger(value)) throw new InvalidParamError(name, `param '${name}' must be a whole number in ${admits}, got ${shown}`);
  if (value < d.low || value > d.high) throw new InvalidParamError(name, `param '${name}' = ${shown} is outside ${admits}`);
  if (!contains(d, value)) throw new InvalidParamError(name, `param '${name}' = ${shown} is not on the steps of ${admits}`);
  return value;
}
