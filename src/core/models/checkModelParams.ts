/**
 * A study's space against the built-in models' table (modelParams.ts): unknown names, distributions
 * outside what a parameter allows, layer indices past the model's most layers, and settings that do
 * nothing: beta1 where adam is never picked, units_3 where there are never 4 hidden layers.
 *
 * In a conditional space a parameter opened by a branch (`optimizer: { choice: { sgd: { momentum } } }`)
 * or `when:`/`each:` is only in the trials its conditions allow, so it needs no warning when those fit
 * it, and gets one when they let it be active where it is ignored (momentum in adam's branch).
 */
import { choiceKey, type Distribution, type ParamValue } from '../distributions';
import type { SearchSpace, SpaceConditions } from '../samplers/sampler';
import { suggestName } from '../suggest';
import type { ModelKind } from '../config/types';
import { describeRange, maxLayers, MODEL_PARAMS, modelParamOf, perLayerName, type FloatParam, type IntParam, type ModelParam, type ModelParamRef } from './modelParams';

export interface ModelParamFinding {
  /** The parameter's name in the space (`units_2`, `sgd.momentum`). */
  readonly param: string;
  readonly message: string;
  /** Absent means error; a warning is for a setting that does nothing rather than one that cannot work. */
  readonly severity?: 'warning';
  /** The model has no parameter of this name (rather than a bad distribution for one it has). */
  readonly unknown?: true;
}

/** Enumerating more values of a counting parameter than this is not worth it: no warning then. */
const MAX_ENUMERATED = 10_000;

/** Every space parameter the model does not know, whose distribution strays outside what it allows, or that does nothing. */
export function checkModelParams(model: ModelKind, space: SearchSpace, conditions: SpaceConditions = {}): ModelParamFinding[] {
  const findings: ModelParamFinding[] = [];
  /** Unconditional names by the setting they give (`units_2`), to find two that give the same one. */
  const always = new Map<string, string>();
  for (const [name, distribution] of Object.entries(space)) {
    const ref = modelParamOf(model, name);
    if (ref === null) {
      findings.push({ param: name, unknown: true, message: unknownMessage(model, name) });
      continue;
    }
    const setting = ref.layer === null ? ref.name : perLayerName(ref.name, ref.layer);
    const twin = conditions[name]?.length ? undefined : always.get(setting);
    if (twin === undefined && !conditions[name]?.length) always.set(setting, name);
    const problem =
      (twin === undefined ? null : `${name} and ${twin} both set ${setting} in every trial; keep one (branch copies such as sgd.${setting} and adam.${setting} are fine: one branch is taken)`) ??
      layerProblem(model, name, ref) ??
      distributionProblem(name, ref.param, distribution);
    if (problem !== null) {
      findings.push({ param: name, message: problem });
      continue;
    }
    for (const requirement of requirementsOf(ref)) {
      const unused = unusedMessage(name, requirement, space, conditions, MODEL_PARAMS[model][requirement.param]);
      if (unused !== null) findings.push({ param: name, severity: 'warning', message: unused });
    }
  }
  return findings;
}

function unknownMessage(model: ModelKind, name: string): string {
  const table = MODEL_PARAMS[model];
  const known = Object.keys(table);
  const hint = suggestName(name.slice(name.lastIndexOf('.') + 1), known);
  const perLayer = known.filter((k) => table[k]?.perLayer !== undefined).map((k) => perLayerName(k, 'i'));
  return `${model} has no parameter '${name}'${hint ? `; did you mean '${hint}'?` : ''} (parameters: ${known.join(', ')}; per layer: ${perLayer.join(', ')})`;
}

function layerProblem(model: ModelKind, name: string, ref: ModelParamRef): string | null {
  if (ref.layer === null || ref.param.perLayer === undefined) return null;
  const most = maxLayers(model, ref.param.perLayer);
  if (ref.layer < most) return null;
  const what = ref.param.perLayer === 'layers' ? 'hidden layers' : 'conv blocks';
  return `${model} has at most ${most} ${what} (${ref.param.perLayer} ≤ ${most}), so ${name} is never used: per-layer names run from ${perLayerName(ref.name, 0)} to ${perLayerName(ref.name, most - 1)}`;
}

/** What another parameter must be for this one to do anything. */
interface Requirement {
  readonly param: string;
  applies(value: ParamValue): boolean;
  /** `optimizer is sgd or rmsprop`, `layers > 2`. */
  readonly wording: string;
}

function requirementsOf(ref: ModelParamRef): Requirement[] {
  const out: Requirement[] = [];
  const { onlyWith, perLayer } = ref.param;
  if (onlyWith) out.push({ param: onlyWith.param, applies: (v) => typeof v === 'string' && onlyWith.values.includes(v), wording: `${onlyWith.param} is ${onlyWith.values.join(' or ')}` });
  const layer = ref.layer;
  if (layer !== null && perLayer) out.push({ param: perLayer, applies: (v) => typeof v === 'number' && v > layer, wording: `${perLayer} > ${layer}` });
  return out;
}

/**
 * Null when the parameter can matter. Conditioned on the other parameter, it must matter for every
 * value its conditions allow; otherwise (a flat space) for at least one value the space can pick.
 */
function unusedMessage(name: string, requirement: Requirement, space: SearchSpace, conditions: SpaceConditions, other: ModelParam | undefined): string | null {
  const possible = valuesOf(space[requirement.param], other);
  if (possible === null) return null;
  const own = (conditions[name] ?? []).filter((c) => c.parent === requirement.param);
  if (own.length === 0) {
    return possible.some((v) => requirement.applies(v)) ? null : `${name} only applies when ${requirement.wording}, which this space never picks; it will be ignored`;
  }
  const allowed = possible.filter((v) => own.every((c) => c.values.some((w) => choiceKey(w) === choiceKey(v))));
  const ignored = allowed.filter((v) => !requirement.applies(v));
  if (ignored.length === 0) return null;
  return `${name} is active when ${requirement.param} is ${ignored.map(String).join(' or ')}, which ignores it (it applies when ${requirement.wording})`;
}

/** The values a parameter can take: its distribution's, else its default; null when there are too many to list. */
function valuesOf(distribution: Distribution | undefined, param: ModelParam | undefined): ParamValue[] | null {
  if (distribution === undefined) return param === undefined ? [] : [param.default];
  if (distribution.type === 'categorical') return [...distribution.choices];
  if (distribution.type === 'float' || (distribution.high - distribution.low) / distribution.step > MAX_ENUMERATED) return null;
  const values: number[] = [];
  for (let v = distribution.low; v <= distribution.high; v += distribution.step) values.push(v);
  return values;
}

/** Why `distribution` does not fit `param`, or null when it does. */
function distributionProblem(name: string, param: ModelParam, distribution: Distribution): string | null {
  switch (param.type) {
    case 'float':
    case 'int':
      return numericProblem(name, param, distribution);
    case 'choice': {
      if (distribution.type !== 'categorical') return `${name} is one of ${param.choices.join(', ')}: write a list such as [${param.choices.slice(0, 2).join(', ')}]`;
      const bad = distribution.choices.find((c) => typeof c !== 'string' || !param.choices.includes(c));
      if (bad === undefined) return null;
      const hint = typeof bad === 'string' ? suggestName(bad, param.choices) : null;
      return `${name} cannot be ${JSON.stringify(bad)}${hint ? `; did you mean '${hint}'?` : ''} (choices: ${param.choices.join(', ')})`;
    }
    case 'bool':
      if (distribution.type === 'categorical' && distribution.choices.every((c) => typeof c === 'boolean')) return null;
      return `${name} is true or false: write [true, false] to tune it, or a fixed true or false`;
  }
}

function numericProblem(name: string, param: FloatParam | IntParam, distribution: Distribution): string | null {
  const allowed = describeRange(param);
  if (distribution.type === 'categorical') {
    const bad = distribution.choices.find((c) => typeof c !== 'number' || !inRange(param, c) || (param.type === 'int' && !Number.isInteger(c)));
    if (bad === undefined) return null;
    if (typeof bad !== 'number') return `${name} must be a number ${allowed}, got ${JSON.stringify(bad)}`;
    return param.type === 'int' && !Number.isInteger(bad) ? `${name} takes whole numbers, got ${bad}` : `${name} must be ${allowed}, got ${bad}`;
  }
  if (param.type === 'int' && distribution.type === 'float') return `${name} takes whole numbers: write { int: [${distribution.low}, ${distribution.high}] } instead of float`;
  if (!inRange(param, distribution.low) || !inRange(param, distribution.high)) return `${name} must be ${allowed}, got [${distribution.low}, ${distribution.high}]`;
  return null;
}

function inRange(param: FloatParam | IntParam, value: number): boolean {
  const aboveMin = param.type === 'float' && param.minExclusive ? value > param.min : value >= param.min;
  const belowMax = param.type === 'float' && param.maxExclusive ? value < param.max : value <= param.max;
  return aboveMin && belowMax;
}
