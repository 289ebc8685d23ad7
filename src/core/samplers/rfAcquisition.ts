/**
 * The rf sampler's acquisition and its maximiser, after SMAC3's LocalAndSortedRandomSearch: a local
 * search (one-exchange neighbourhood, first improvement, up to 10 steps along a plateau) from each of
 * the best observed configurations, and a few thousand random configurations ranked by the
 * acquisition; the best configuration seen by either wins. Configurations already tried or running
 * (`exclude`) are never returned, so a discrete space is not suggested the same point twice.
 */
import type { Rng } from '../rng';
import { logH, STABILIZING_VARIANCE } from './acquisition';
import type { Prediction } from './rfForest';
import type { Configuration, RfSpace } from './rfSpace';

export interface MaximizerOptions {
  /** SMAC's 5,000 random configurations sorted by acquisition. */
  readonly randomCandidates: number;
  /** Steps taken along equal acquisition values before a local search gives up (SMAC: 10). */
  readonly plateauSteps: number;
  /** A cap on the steps of one local search, whatever happens. */
  readonly maxSteps: number;
  /**
   * Refinement: with no better neighbour, numeric steps are halved (and doubled back after a move, up to
   * SMAC's size) until they are this share of SMAC's, before the plateau rule applies. 1: SMAC's search.
   */
  readonly finestStep: number;
}

export const SMAC_MAXIMIZER: MaximizerOptions = { randomCandidates: 5000, plateauSteps: 10, maxSteps: 200, finestStep: 1 };

/**
 * Log expected improvement (ξ = 0) of a prediction over `best`, both log costs to minimise:
 * log σ + log h((best − μ)/σ), accurate however far below the incumbent the mean lies (acquisition.ts).
 */
export function logExpectedImprovement(prediction: Prediction, best: number): number {
  const sigma = Math.sqrt(prediction.variance + STABILIZING_VARIANCE);
  return Math.log(sigma) + logH((best - prediction.mean) / sigma).value;
}

export interface Maximum {
  readonly config: Configuration;
  readonly value: number;
}

/** The configuration of greatest `acquisition` found, or null when every one seen is excluded. */
export function maximizeAcquisition(
  space: RfSpace,
  acquisition: (config: Configuration) => number,
  starts: readonly Configuration[],
  exclude: ReadonlySet<string>,
  rng: Rng,
  options: MaximizerOptions = SMAC_MAXIMIZER,
): Maximum | null {
  let best: Maximum | null = null;
  const consider = (config: Configuration, value: number): void => {
    if ((best === null || value > best.value) && !exclude.has(space.key(config))) best = { config, value };
  };
  for (let i = 0; i < options.randomCandidates; i++) {
    const config = space.random(rng);
    consider(config, acquisition(config));
  }
  for (const start of starts) localSearch(space, acquisition, start, rng, options, consider);
  return best;
}

/**
 * First-improvement hill climbing over the one-exchange neighbourhood, in a random order. With no
 * better neighbour it first halves its numeric steps (trust-region style, doubled back after each
 * move) down to `finestStep`, so it can refine finer than SMAC's fixed steps; then it moves to an
 * equal neighbour at most `plateauSteps` times, then stops. Every configuration evaluated is offered
 * to `consider`.
 */
export function localSearch(
  space: RfSpace,
  acquisition: (config: Configuration) => number,
  start: Configuration,
  rng: Rng,
  options: MaximizerOptions,
  consider: (config: Configuration, value: number) => void,
): Maximum {
  let current = start;
  let value = acquisition(start);
  consider(current, value);
  let plateau = 0;
  let scale = 1;
  for (let step = 0; step < options.maxSteps; step++) {
    const neighbours = space.neighbours(current, rng, scale);
    shuffle(neighbours, rng);
    let next: Maximum | null = null;
    let equal: Configuration | null = null;
    for (const neighbour of neighbours) {
      const v = acquisition(neighbour);
      consider(neighbour, v);
      if (v > value) {
        next = { config: neighbour, value: v };
        break;
      }
      if (v === value && equal === null) equal = neighbour;
    }
    if (next !== null) {
      current = next.config;
      value = next.value;
      plateau = 0;
      scale = Math.min(1, scale * 2);
    } else if (scale / 2 >= options.finestStep) {
      scale /= 2;
    } else if (equal !== null && plateau < options.plateauSteps) {
      current = equal;
      plateau++;
    } else {
      break;
    }
  }
  return { config: current, value };
}

function shuffle<T>(items: T[], rng: Rng): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
}
