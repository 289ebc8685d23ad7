/**
 * The GP sampler's view of a search space: every numeric parameter maps onto [0, 1] (log ranges in
 * log space; int and stepped ranges widened by half a step at each end so every grid value owns an
 * equal slice, as Optuna's `_gp/search_space.py`), and every categorical one onto its choice index,
 * which the kernel only ever compares for equality. Grid values are always snapped the same way, so
 * an observed trial and a candidate at the same value get the same coordinate.
 */
import { toInternal, type Distribution, type ParamValue } from '../distributions';
import type { Rng } from '../rng';
import { clamp, roundToStep } from './random';
import type { SearchSpace } from './sampler';

export type DimensionKind = 'continuous' | 'discrete' | 'categorical';

interface Dimension {
  readonly name: string;
  readonly distribution: Distribution;
  readonly kind: DimensionKind;
  /** Number of grid values (discrete) or choices (categorical); Infinity when continuous. */
  readonly size: number;
  /** Transformed bounds that map onto 0 and 1 (numeric only). */
  readonly low: number;
  readonly high: number;
}

export class EncodedSpace {
  readonly names: readonly string[];
  readonly dim: number;
  readonly categorical: Uint8Array;
  private readonly dimensions: readonly Dimension[];

  constructor(space: SearchSpace) {
    this.dimensions = Object.entries(space).map(([name, distribution]) => describe(name, distribution));
    this.names = this.dimensions.map((d) => d.name);
    this.dim = this.dimensions.length;
    this.categorical = Uint8Array.from(this.dimensions, (d) => (d.kind === 'categorical' ? 1 : 0));
  }

  kind(d: number): DimensionKind {
    return this.at(d).kind;
  }

  size(d: number): number {
    return this.at(d).size;
  }

  /** Coordinates of a trial's params, or null if one is missing or outside the current range or choices. */
  encode(params: Readonly<Record<string, ParamValue>>): Float64Array | null {
    const point = new Float64Array(this.dim);
    for (let d = 0; d < this.dim; d++) {
      const { name, distribution } = this.at(d);
      const value = params[name];
      if (value === undefined) return null;
      if (distribution.type === 'categorical') {
        try {
          point[d] = toInternal(distribution, value);
        } catch {
          return null;
        }
        continue;
      }
      if (typeof value !== 'number' || !(value >= distribution.low && value <= distribution.high)) return null;
      point[d] = this.normalize(d, value);
    }
    return point;
  }

  /** The parameter values at a point, snapped onto each range's grid and clamped inside it. */
  decode(point: ArrayLike<number>): Record<string, ParamValue> {
    const params: Record<string, ParamValue> = {};
    for (let d = 0; d < this.dim; d++) {
      const { name, distribution, kind } = this.at(d);
      const u = point[d] as number;
      if (distribution.type === 'categorical') params[name] = distribution.choices[clamp(Math.round(u), 0, distribution.choices.length - 1)] ?? null;
      else if (kind === 'discrete') params[name] = this.gridExternal(d, this.gridIndex(d, u));
      else params[name] = clamp(this.denormalize(d, u), distribution.low, distribution.high);
    }
    return params;
  }

  /** Coordinate of grid value k of a discrete dimension. */
  gridValue(d: number, k: number): number {
    return this.normalize(d, this.gridExternal(d, k) as number);
  }

  /** Index of the grid value nearest a coordinate of a discrete dimension. */
  gridIndex(d: number, u: number): number {
    const { distribution, size } = this.at(d);
    if (distribution.type === 'categorical') return clamp(Math.round(u), 0, size - 1);
    const step = distribution.step ?? 1;
    return clamp(Math.round((this.denormalize(d, u) - distribution.low) / step), 0, size - 1);
  }

  /** A uniformly random valid point (grid values and choices equally likely), written into `out`. */
  randomPoint(rng: Rng, out: Float64Array): Float64Array {
    for (let d = 0; d < this.dim; d++) out[d] = this.randomCoordinate(rng, d);
    return out;
  }

  randomCoordinate(rng: Rng, d: number): number {
    const { kind, size } = this.at(d);
    if (kind === 'categorical') return rng.int(0, size - 1);
    if (kind === 'discrete') return this.gridValue(d, rng.int(0, size - 1));
    return rng.random();
  }

  /** Snaps a numeric coordinate to what `decode` would return (grid or clamp), so the kernel sees the real point. */
  snap(d: number, u: number): number {
    const { kind } = this.at(d);
    if (kind === 'categorical') return this.gridIndex(d, u);
    if (kind === 'discrete') return this.gridValue(d, this.gridIndex(d, u));
    return clamp(u, 0, 1);
  }

  private gridExternal(d: number, k: number): ParamValue {
    const { distribution } = this.at(d);
    if (distribution.type === 'categorical') return distribution.choices[k] ?? null;
    if (distribution.type === 'int') return distribution.low + k * distribution.step;
    const step = distribution.step ?? 1;
    return roundToStep(distribution.low + k * step, distribution.low, distribution.high, step);
  }

  private normalize(d: number, value: number): number {
    const { distribution, low, high } = this.at(d);
    const t = distribution.type !== 'categorical' && distribution.log ? Math.log(value) : value;
    return (t - low) / (high - low);
  }

  private denormalize(d: number, u: number): number {
    const { distribution, low, high } = this.at(d);
    const t = low + u * (high - low);
    return distribution.type !== 'categorical' && distribution.log ? Math.exp(t) : t;
  }

  private at(d: number): Dimension {
    return this.dimensions[d] as Dimension;
  }
}

function describe(name: string, distribution: Distribution): Dimension {
  if (distribution.type === 'categorical') return { name, distribution, kind: 'categorical', size: distribution.choices.length, low: 0, high: 1 };
  const step: number | null = distribution.step;
  if (step === null) {
    return distribution.log
      ? { name, distribution, kind: 'continuous', size: Infinity, low: Math.log(distribution.low), high: Math.log(distribution.high) }
      : { name, distribution, kind: 'continuous', size: Infinity, low: distribution.low, high: distribution.high };
  }
  const size = Math.round((distribution.high - distribution.low) / step) + 1;
  if (distribution.log) return { name, distribution, kind: 'discrete', size, low: Math.log(distribution.low - 0.5), high: Math.log(distribution.high + 0.5) };
  return { name, distribution, kind: 'discrete', size, low: distribution.low - step / 2, high: distribution.high + step / 2 };
}
