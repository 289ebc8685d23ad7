/**
 * Grid search: the Cartesian product of every categorical list and every numeric range discretised
 * by its `step` or by a number of grid points; in a conditional space, its distinct active
 * assignments (gridPoints.ts). Points are handed out in a seeded random order, never twice: a point
 * belongs to any trial that holds it, whatever its state, so parallel asks (which the study
 * serialises under the storage lock) and failed trials never repeat a point.
 */
import { isConditional } from '../activeParams';
import type { Distribution, ParamValue } from '../distributions';
import { Rng } from '../rng';
import type { FrozenTrial } from '../trial';
import { ConditionalGrid, ProductGrid, type GridPoints } from './gridPoints';
import { roundToStep } from './random';
import type { Sampler, SearchSpace, StudyView } from './sampler';

export class GridSampler implements Sampler {
  readonly name = 'grid';
  private readonly rng: Rng;
  private grid: GridPoints | null = null;

  constructor(private readonly options: { seed?: number; points?: number; gridPoints?: Readonly<Record<string, number>> } = {}) {
    this.rng = new Rng(options.seed);
  }

  /** The whole space is sampled jointly, one grid point per trial. */
  inferRelativeSearchSpace(study: StudyView): SearchSpace {
    return study.searchSpace;
  }

  sampleRelative(study: StudyView, _trial: FrozenTrial, space: SearchSpace): Record<string, ParamValue> {
    const grid = this.gridOf(study, space);
    const visited = this.visitedIndices(study, grid);
    if (visited.size >= grid.size) throw new Error('the grid is exhausted: every point has been handed out');
    return grid.point(this.pickUnvisited(grid.size, visited));
  }

  /**
   * In a conditional space, an enqueued trial's fixed parent may open another branch than the point
   * drawn: that branch's params then take a random value of their grid (an assignment of the grid
   * still, which no later trial repeats).
   */
  sampleIndependent(study: StudyView, _trial: FrozenTrial, name: string, distribution: Distribution): ParamValue {
    if (!isConditional(study.conditions)) throw new Error('grid sampler: every parameter is part of the grid');
    const values = gridValues(name, distribution, this.options.gridPoints?.[name] ?? this.options.points);
    return values[this.rng.int(0, values.length - 1)] ?? null;
  }

  isExhausted(study: StudyView): boolean {
    const grid = this.gridOf(study, study.searchSpace);
    return this.visitedIndices(study, grid).size >= grid.size;
  }

  /** Number of points in the grid of a study's space (its distinct active assignments when conditional). */
  size(study: Pick<StudyView, 'searchSpace' | 'conditions'>): number {
    return this.gridOf(study, study.searchSpace).size;
  }

  private gridOf(study: Pick<StudyView, 'conditions'>, space: SearchSpace): GridPoints {
    if (this.grid === null) {
      const axes = Object.entries(space).map(([name, d]) => ({ name, values: gridValues(name, d, this.options.gridPoints?.[name] ?? this.options.points) }));
      this.grid = isConditional(study.conditions) ? new ConditionalGrid(axes, study.conditions ?? {}) : new ProductGrid(axes);
    }
    return this.grid;
  }

  private visitedIndices(study: StudyView, grid: GridPoints): Set<number> {
    const visited = new Set<number>();
    for (const trial of study.getTrials()) {
      const index = grid.indexOf(trial.params);
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
