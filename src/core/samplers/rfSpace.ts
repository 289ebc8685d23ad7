/**
 * The rf sampler's view of a (conditional) search space. A configuration is one coordinate per param
 * of the study's space, in declaration order: numeric params in [0, 1] as the GP encodes them
 * (gpSearchSpace.ts: log ranges in log space, grid values on their slice's centre), categorical ones
 * as the choice index, and NaN where the param is inactive. The forest sees inactive coordinates
 * imputed out of range (−1 numeric, the number of choices categorical, as SMAC imputes them), so a
 * single split separates the trials that have a param from those that do not.
 */
import { isActive } from '../activeParams';
import type { Distribution, ParamValue } from '../distributions';
import type { Rng } from '../rng';
import { EncodedSpace } from './gpSearchSpace';
import type { SearchSpace, SpaceConditions } from './sampler';

/** SMAC's one-exchange neighbourhood: numeric neighbours drawn N(u, 0.2²) in the unit range, four per param. */
const NUMERIC_NEIGHBOUR_SD = 0.2;
const NUMERIC_NEIGHBOURS = 4;

export type Configuration = Float64Array;

export class RfSpace {
  readonly names: readonly string[];
  readonly dim: number;
  /** Per param, a one-dimensional encoding (its coordinate rules); shared with the GP sampler. */
  private readonly axes: readonly EncodedSpace[];
  private readonly distributions: readonly Distribution[];

  /**
   * `constants` are the single-valued params left out of `space` (the study sets them itself), given
   * so that a param conditioned on one of them is still found active.
   */
  constructor(
    space: SearchSpace,
    private readonly conditions: SpaceConditions | undefined,
    private readonly constants: Readonly<Record<string, ParamValue>> = {},
  ) {
    this.names = Object.keys(space);
    this.dim = this.names.length;
    this.distributions = Object.values(space);
    this.axes = this.names.map((name) => new EncodedSpace({ [name]: space[name] as Distribution }));
  }

  isCategorical(d: number): boolean {
    return this.axis(d).kind(0) === 'categorical';
  }

  /**
   * A trial's params as a configuration (absent params NaN), or null when a present value is outside
   * its current range or choices: the trial belongs to another space.
   */
  fromParams(params: Readonly<Record<string, ParamValue>>): Configuration | null {
    const config = new Float64Array(this.dim);
    for (let d = 0; d < this.dim; d++) {
      const name = this.names[d] as string;
      if (!Object.hasOwn(params, name)) {
        config[d] = NaN;
        continue;
      }
      const point = this.axis(d).encode({ [name]: params[name] as ParamValue });
      if (point === null) return null;
      config[d] = point[0] as number;
    }
    return config;
  }

  /** The active params of a configuration, each snapped onto its grid. */
  toParams(config: Configuration): Record<string, ParamValue> {
    const params: Record<string, ParamValue> = {};
    for (let d = 0; d < this.dim; d++) {
      const u = config[d] as number;
      if (!Number.isNaN(u)) params[this.names[d] as string] = this.value(d, u);
    }
    return params;
  }

  /** The forest's input row: inactive coordinates imputed out of range. */
  features(config: Configuration, out: Float32Array, offset = 0): void {
    for (let d = 0; d < this.dim; d++) {
      const u = config[d] as number;
      out[offset + d] = Number.isNaN(u) ? this.imputed(d) : u;
    }
  }

  imputed(d: number): number {
    return this.isCategorical(d) ? this.axis(d).size(0) : -1;
  }

  /**
   * Makes activity consistent, parents first: an inactive param's coordinate becomes NaN and a param
   * that became active without a value gets `fill(d)`.
   */
  repair(config: Configuration, fill: (d: number) => number): Configuration {
    const active: Record<string, ParamValue> = { ...this.constants };
    for (let d = 0; d < this.dim; d++) {
      const name = this.names[d] as string;
      if (!isActive(name, this.conditions, active)) {
        config[d] = NaN;
        continue;
      }
      if (Number.isNaN(config[d] as number)) config[d] = fill(d);
      active[name] = this.value(d, config[d] as number);
    }
    return config;
  }

  /** A configuration drawn uniformly, param by param (grid values and choices equally likely). */
  random(rng: Rng): Configuration {
    return this.repair(new Float64Array(this.dim).fill(NaN), (d) => this.axis(d).randomCoordinate(rng, 0));
  }

  /** The configuration at a point of the unit cube (one coordinate per param): the Sobol initial design. */
  fromUnitCube(u: readonly number[], rng: Rng): Configuration {
    const config = new Float64Array(this.dim);
    for (let d = 0; d < this.dim; d++) {
      const x = u[d];
      if (x === undefined) config[d] = this.axis(d).randomCoordinate(rng, 0);
      else if (this.axis(d).kind(0) === 'continuous') config[d] = x;
      else config[d] = this.onSlice(d, x);
    }
    return this.repair(config, (d) => this.axis(d).randomCoordinate(rng, 0));
  }

  /**
   * SMAC's one-exchange neighbourhood: every configuration that changes one active param (every other
   * choice of a categorical; four normal steps of a numeric one, redrawn until in range), children
   * that a change activates drawn at random. `scale` shrinks the numeric steps (the maximiser's refinement).
   */
  neighbours(config: Configuration, rng: Rng, scale = 1): Configuration[] {
    const result: Configuration[] = [];
    const fill = (d: number): number => this.axis(d).randomCoordinate(rng, 0);
    for (let d = 0; d < this.dim; d++) {
      const u = config[d] as number;
      if (Number.isNaN(u)) continue;
      const axis = this.axis(d);
      if (axis.kind(0) === 'categorical') {
        for (let k = 0; k < axis.size(0); k++) if (k !== u) result.push(this.repair(withCoordinate(config, d, k), fill));
        continue;
      }
      const seen = new Set<number>([u]);
      for (let i = 0; i < NUMERIC_NEIGHBOURS; i++) {
        let next = u;
        for (let attempt = 0; attempt < 10; attempt++) {
          const candidate = u + scale * NUMERIC_NEIGHBOUR_SD * rng.normal();
          if (candidate >= 0 && candidate <= 1) {
            next = axis.snap(0, candidate);
            break;
          }
        }
        if (seen.has(next)) continue;
        seen.add(next);
        result.push(this.repair(withCoordinate(config, d, next), fill));
      }
    }
    return result;
  }

  /** A stable text key of a configuration (NaN for inactive), to tell configurations apart. */
  key(config: Configuration): string {
    return Array.from(config, (u) => (Number.isNaN(u) ? '-' : u.toPrecision(12))).join(',');
  }

  distribution(d: number): Distribution {
    return this.distributions[d] as Distribution;
  }

  private value(d: number, u: number): ParamValue {
    return this.axis(d).decode([u])[this.names[d] as string] ?? null;
  }

  /** The coordinate of the grid value or choice whose equal slice of [0, 1) holds x. */
  private onSlice(d: number, x: number): number {
    const axis = this.axis(d);
    const k = Math.min(axis.size(0) - 1, Math.floor(x * axis.size(0)));
    return axis.kind(0) === 'categorical' ? k : axis.gridValue(0, k);
  }

  private axis(d: number): EncodedSpace {
    return this.axes[d] as EncodedSpace;
  }
}

function withCoordinate(config: Configuration, d: number, u: number): Configuration {
  const next = Float64Array.from(config);
  next[d] = u;
  return next;
}
