/**
 * Numeric parameters as the real vectors crossovers work on, as Optuna 3.1's `_SearchSpaceTransform`
 * (log and step transforms on) maps them: log ranges in log space, int and stepped ranges widened by
 * half a step at each end; back again, a value is rounded onto its step (half to even, as numpy)
 * and clipped, except that a float without a step is only capped at its top (just below it), so a
 * child below the range stays outside and the crossover draws again.
 */
import type { Distribution, FloatDistribution, IntDistribution, ParamValue } from '../../distributions';
import { roundToStep } from '../random';

export type NumericDistribution = FloatDistribution | IntDistribution;

export class NumericSpace {
  readonly names: readonly string[];
  /** Per dimension [low, high] in the transformed space. */
  readonly bounds: readonly (readonly [number, number])[];
  private readonly distributions: readonly NumericDistribution[];

  constructor(space: Readonly<Record<string, NumericDistribution>>) {
    this.names = Object.keys(space);
    this.distributions = Object.values(space);
    this.bounds = this.distributions.map(transformedBounds);
  }

  get dim(): number {
    return this.names.length;
  }

  encode(params: Readonly<Record<string, ParamValue>>): Float64Array {
    return Float64Array.from(this.names, (name, i) => {
      const d = this.distributions[i] as NumericDistribution;
      const value = params[name];
      if (typeof value !== 'number') throw new TypeError(`parameter '${name}' has no numeric value`);
      return d.log ? Math.log(value) : value;
    });
  }

  decode(point: ArrayLike<number>): Record<string, ParamValue> {
    const params: Record<string, ParamValue> = {};
    this.names.forEach((name, i) => (params[name] = untransform(point[i] as number, this.distributions[i] as NumericDistribution)));
    return params;
  }
}

export function isNumeric(d: Distribution): d is NumericDistribution {
  return d.type === 'float' || d.type === 'int';
}

function transformedBounds(d: NumericDistribution): [number, number] {
  if (d.type === 'float') {
    if (d.step !== null) return [d.low - d.step / 2, d.high + d.step / 2];
    return d.log ? [Math.log(d.low), Math.log(d.high)] : [d.low, d.high];
  }
  if (d.log) return [Math.log(d.low - d.step / 2), Math.log(d.high + d.step / 2)];
  return [d.low - d.step / 2, d.high + d.step / 2];
}

function untransform(x: number, d: NumericDistribution): number {
  if (d.type === 'float') {
    if (d.step !== null) return roundToStep(clip(roundHalfEven((x - d.low) / d.step) * d.step + d.low, d.low, d.high), d.low, d.high, d.step);
    const value = d.log ? Math.exp(x) : x;
    return d.low === d.high ? value : Math.min(value, nextDown(d.high));
  }
  if (d.log) return clip(roundHalfEven(Math.exp(x)), d.low, d.high);
  return clip(roundHalfEven((x - d.low) / d.step) * d.step + d.low, d.low, d.high);
}

function clip(x: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, x));
}

/** numpy's round: halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff < 0.5) return floor;
  if (diff > 0.5) return floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** The largest double below `x` (numpy's `nextafter(x, x - 1)`). */
export function nextDown(x: number): number {
  if (!Number.isFinite(x)) return x;
  if (x === 0) return -Number.MIN_VALUE;
  const buffer = new Float64Array([x]);
  const bits = new BigInt64Array(buffer.buffer);
  bits[0] = (bits[0] as bigint) + (x > 0 ? -1n : 1n);
  return buffer[0] as number;
}
