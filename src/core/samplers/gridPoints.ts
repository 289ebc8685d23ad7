/**
 * The points of a grid, numbered so the grid sampler can hand out unvisited numbers.
 *
 * A flat space's grid is the Cartesian product of the axes, never materialised: a number is decoded
 * digit by digit, so huge grids cost nothing up front. A conditional space's grid is its distinct
 * active assignments: a point sets each param that is active given the params before it (parents
 * first) to one of its grid values and leaves every inactive param out, so `adam` with its beta1
 * values is not repeated for each momentum value only `sgd` uses. The product's digits cannot skip
 * inactive params, so these assignments are listed once, walking the space in order.
 */
import { isActive } from '../activeParams';
import { choiceKey, type ParamValue } from '../distributions';
import type { SpaceConditions } from './sampler';

/** A list of points, each numbered 0 … size − 1; the grid sampler hands out the unvisited numbers. */
export interface GridPoints {
  readonly size: number;
  /** Point `index`'s params (only the active ones in a conditional space). */
  point(index: number): Record<string, ParamValue>;
  /** The number of the point a trial's params are, or null when they are not a point of this grid. */
  indexOf(params: Readonly<Record<string, ParamValue>>): number | null;
}

export interface GridAxis {
  readonly name: string;
  readonly values: readonly ParamValue[];
}

/** Beyond this many assignments the list costs too much to build (about 4 s and 40 MB at the limit). */
export const MAX_CONDITIONAL_GRID_POINTS = 500_000;

export class ProductGrid implements GridPoints {
  readonly size: number;

  constructor(private readonly axes: readonly GridAxis[]) {
    this.size = axes.reduce((n, axis) => n * axis.values.length, 1);
  }

  point(index: number): Record<string, ParamValue> {
    const params: Record<string, ParamValue> = {};
    let rest = index;
    for (let i = this.axes.length - 1; i >= 0; i--) {
      const axis = this.axes[i] as GridAxis;
      params[axis.name] = axis.values[rest % axis.values.length] ?? null;
      rest = Math.floor(rest / axis.values.length);
    }
    // Keep the space's declaration order in the returned object.
    return Object.fromEntries(this.axes.map((axis) => [axis.name, params[axis.name] ?? null]));
  }

  indexOf(params: Readonly<Record<string, ParamValue>>): number | null {
    let index = 0;
    for (const axis of this.axes) {
      if (!(axis.name in params)) return null;
      const position = findValue(axis.values, params[axis.name] ?? null);
      if (position < 0) return null;
      index = index * axis.values.length + position;
    }
    return index;
  }
}

export class ConditionalGrid implements GridPoints {
  /** Per point, its key: the value position of each axis (−1: inactive), comma-separated. */
  private readonly keys: string[] = [];
  /** Key → point number; shares its strings with `keys`. */
  private readonly numbers = new Map<string, number>();

  constructor(
    private readonly axes: readonly GridAxis[],
    conditions: SpaceConditions,
  ) {
    this.enumerate(conditions);
  }

  get size(): number {
    return this.keys.length;
  }

  point(index: number): Record<string, ParamValue> {
    const key = this.keys[index];
    if (key === undefined) throw new RangeError(`no grid point ${index}`);
    const positions = key.split(',').map(Number);
    const params: Record<string, ParamValue> = {};
    this.axes.forEach((axis, a) => {
      const position = positions[a] as number;
      if (position >= 0) params[axis.name] = axis.values[position] ?? null;
    });
    return params;
  }

  indexOf(params: Readonly<Record<string, ParamValue>>): number | null {
    const positions: number[] = [];
    for (const axis of this.axes) {
      if (!Object.hasOwn(params, axis.name)) {
        positions.push(-1);
        continue;
      }
      const position = findValue(axis.values, params[axis.name] ?? null);
      if (position < 0) return null;
      positions.push(position);
    }
    return this.numbers.get(positions.join(',')) ?? null;
  }

  /** Depth-first over the axes in space order, branching on each active param's values. */
  private enumerate(conditions: SpaceConditions): void {
    const params: Record<string, ParamValue> = {};
    const positions = new Int32Array(this.axes.length);
    const visit = (a: number): void => {
      if (a === this.axes.length) {
        if (this.keys.length >= MAX_CONDITIONAL_GRID_POINTS) {
          throw new Error(
            `grid search over this conditional space would list more than ${MAX_CONDITIONAL_GRID_POINTS.toLocaleString('en-US')} distinct points; give fewer grid points (the sampler's points, or grid: N on a range) or use another sampler`,
          );
        }
        const key = positions.join(',');
        this.numbers.set(key, this.keys.length);
        this.keys.push(key);
        return;
      }
      const axis = this.axes[a] as GridAxis;
      if (!isActive(axis.name, conditions, params)) {
        positions[a] = -1;
        visit(a + 1);
        return;
      }
      axis.values.forEach((value, position) => {
        params[axis.name] = value;
        positions[a] = position;
        visit(a + 1);
      });
      delete params[axis.name];
    };
    visit(0);
  }
}

/** Where `value` is among an axis's values (−1: off the grid). */
function findValue(values: readonly ParamValue[], value: ParamValue): number {
  if (typeof value === 'number') {
    // Floats read back from a journal may differ in the last bits.
    return values.findIndex((v) => typeof v === 'number' && Math.abs(v - value) <= 1e-9 * Math.max(1, Math.abs(v)));
  }
  const key = choiceKey(value);
  return values.findIndex((v) => choiceKey(v) === key);
}
