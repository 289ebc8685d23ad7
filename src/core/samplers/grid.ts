/**
 * Grid search: the Cartesian product of every categorical list and every numeric range discretised
 * by its `step` or by a number of grid points. Points are handed out in a seeded random order, never
 * twice: a point belongs to any trial that holds it, whatever its state, so parallel asks (which the
 * study serialises under the storage lock) and failed trials never repeat a point. The grid is never
 * materialised: a point is an index decoded digit by digit, so huge grids cost nothing up front.
 */
import { choiceKey, type Distribution, type ParamValue } from '../distributions';
import { Rng } from '../rng';
import type { FrozenTrial } from '../trial';
import { roundToStep } from './random';
import type { Sampler, SearchSpace, StudyView } from './sampler';

export class GridSampler implements Sampler {
  readonly name = 'grid';
  private readonly rng: Rng;
  private axes: readonly GridAxis[] | null = null;

  constructor(private readonly options: { seed?: number; points?: number; gridPoints?: Readonly<Record<string, number>> } = {}) {
    this.rng = new Rng(options.seed);
  }

  /** The whole space is sampled jointly, one grid point per trial. */
  inferRelativeSearchSpace(study: StudyView): SearchSpace {
    return study.searchSpace;
  }

  sampleRelative(study: StudyView, _trial: FrozenTrial, space: SearchSpace): Record<string, ParamValue> {
    const axes = this.gridAxes(space);
    const size = gridSize(axes);
    const visited = this.visitedIndices(study, axes);
    if (visited.size >= size) throw new Error('the grid is exhausted: every point has been handed out');
    const index = this.pickUnvisited(size, visited);
    return decodePoint(axes, index);
  }

  sampleIndependent(): ParamValue {
    throw new Error('grid sampler: every parameter is part of the grid');
  }

  isExhausted(study: StudyView): boolean {
    const axes = this.gridAxes(study.searchSpace);
    return this.visitedIndices(study, axes).size >= gridSize(axes);
  }

  /** Number of points in the grid of a study's space. */
  size(space: SearchSpace): number {
    return gridSize(this.gridAxes(space));
  }

  private gridAxes(space: SearchSpace): readonly GridAxis[] {
    this.axes ??= Object.entries(space).map(([name, d]) => ({ name, values: gridValues(name, d, this.options.gridPoints?.[name] ?? this.options.points) }));
    return this.axes;
  }

  private visitedIndices(study: StudyView, axes: readonly GridAxis[]): Set<number> {
    const visited = new Set<number>();
    for (const trial of study.getTrials()) {
      const index = encodePoint(axes, trial.params);
      if (index !== null) visited.add(index);
    }
    return visited;
  }

  private pickUnvisited(size: number, visited: ReadonlySet<number>): number {
    // Mostly-empty grids: rejection sampling is O(1). Nearly-full ones: list what is left.
    if (visited.size < size / 2) {
      for (;;) {
        const index = this.rng.int(0, size - 1);
        if (!visited.has(index)) return index;
      }
    }
    const left: number[] = [];
    for (let i = 0; i < size; i++) if (!visited.has(i)) left.push(i);
    return left[this.rng.int(0, left.length - 1)] as number;
  }
}

interface GridAxis {
  readonly name: string;
  readonly values: readonly ParamValue[];
}

/** The values one parameter takes on the grid. */
export function gridValues(name: string, d: Distribution, points: number | undefined): readonly ParamValue[] {
  switch (d.type) {
    case 'categorical':
      return d.choices;
    case 'int': {
      if (points !== undefined) {
        const raw = spaced(d.low, d.high, points, d.log).map((v) => d.low + Math.round((v - d.low) / d.step) * d.step);
        return [...new Set(raw)];
      }
      const values: number[] = [];
      for (let v = d.low; v <= d.high; v += d.step) values.push(v);
      return values;
    }
    case 'float': {
      if (d.low === d.high) return [d.low];
      if (points !== undefined) {
        const raw = spaced(d.low, d.high, points, d.log);
        return d.step === null ? raw : [...new Set(raw.map((v) => roundToStep(v, d.low, d.high, d.step as number)))];
      }
      if (d.step === null) throw new Error(`grid search needs a step or a number of grid points for the float range '${name}'`);
      const count = Math.round((d.high - d.low) / d.step) + 1;
      return Array.from({ length: count }, (_, k) => roundToStep(d.low + k * (d.step as number), d.low, d.high, d.step as number));
    }
  }
}

/** `points` values from low to high inclusive, evenly spaced (in log space for log ranges). */
function spaced(low: number, high: number, points: number, log: boolean): number[] {
  const a = log ? Math.log(low) : low;
  const b = log ? Math.log(high) : high;
  return Array.from({ length: points }, (_, k) => {
    if (k === 0) return low;
    if (k === points - 1) return high;
    const t = a + ((b - a) * k) / (points - 1);
    return log ? Math.exp(t) : t;
  });
}

function gridSize(axes: readonly GridAxis[]): number {
  return axes.reduce((n, axis) => n * axis.values.length, 1);
}

function decodePoint(axes: readonly GridAxis[], index: number): Record<string, ParamValue> {
  const params: Record<string, ParamValue> = {};
  let rest = index;
  for (let i = axes.length - 1; i >= 0; i--) {
    const axis = axes[i] as GridAxis;
    params[axis.name] = axis.values[rest % axis.values.length] ?? null;
    rest = Math.floor(rest / axis.values.length);
  }
  // Keep the space's declaration order in the returned object.
  return Object.fromEntries(axes.map((axis) => [axis.name, params[axis.name] ?? null]));
}

/** The grid index of a trial's params, or null if the trial lies off this grid (e.g. from another run). */
function encodePoint(axes: readonly GridAxis[], params: Readonly<Record<string, ParamValue>>): number | null {
  let index = 0;
  for (const axis of axes) {
    if (!(axis.name in params)) return null;
    const position = findValue(axis.values, params[axis.name] ?? null);
    if (position < 0) return null;
    index = index * axis.values.length + position;
  }
  return index;
}

function findValue(values: readonly ParamValue[], value: ParamValue): number {
  if (typeof value === 'number') {
    // Floats read back from a journal may differ in the last bits.
    return values.findIndex((v) => typeof v === 'number' && Math.abs(v - value) <= 1e-9 * Math.max(1, Math.abs(v)));
  }
  const key = choiceKey(value);
  return values.findIndex((v) => choiceKey(v) === key);
}
