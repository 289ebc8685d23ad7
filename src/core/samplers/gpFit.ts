/**
 * Fitting one GP of the GP sampler (an objective's or a constraint's) to standardised values, warm
 * started from that output's previous fit, and the GP with running trials believed at its mean.
 */
import type { Rng } from '../rng';
import { GaussianProcess, type GpInputs } from './gaussianProcess';
import type { EncodedSpace } from './gpSearchSpace';
import { fitKernelParams } from './kernelFit';

export interface OutputFit {
  readonly gp: GaussianProcess;
  /** How many observations the hyperparameters were last optimised on. */
  readonly fittedSize: number;
}

export interface OutputFitOptions {
  readonly rng: Rng;
  readonly deterministic: boolean;
  /** Added to the usual number of random starts (never below 0). */
  readonly extraStarts?: number;
  /** Past this many points, hyperparameters are re-optimised only once the data grew by 10% (default 300). */
  readonly refitAfter?: number;
}

/** The GP of `y` over `inputs`, its hyperparameters re-optimised from `previous` (same space) when worth it. */
export function fitOutput(inputs: GpInputs, y: Float64Array, previous: OutputFit | null, options: OutputFitOptions): OutputFit {
  const n = inputs.n;
  // Past 300 points one likelihood evaluation costs ~0.1 s and more, and one trial barely moves
  // the optimum: the hyperparameters are re-optimised only once the data have grown by 10%.
  if (previous && n > (options.refitAfter ?? 300) && n < previous.fittedSize * 1.1) return { gp: new GaussianProcess(inputs, y, previous.gp.params), fittedSize: previous.fittedSize };
  // More starts guard against a poor local optimum while a fit is cheap; past 150 points (a fit
  // costs O(n³) per step) the previous optimum alone is refined, as it moves little per trial.
  const params = fitKernelParams(inputs, y, {
    rng: options.rng,
    warmStart: previous ? previous.gp.params : null,
    defaultStart: n <= 150,
    randomStarts: Math.max(0, (n <= 60 ? 2 : n <= 150 ? 1 : 0) + (options.extraStarts ?? 0)),
    deterministic: options.deterministic,
    additive: true,
  });
  return { gp: new GaussianProcess(inputs, y, params), fittedSize: n };
}

export function stackInputs(space: EncodedSpace, points: readonly Float64Array[]): GpInputs {
  const x = new Float64Array(points.length * space.dim);
  points.forEach((p, i) => x.set(p, i * space.dim));
  return { x, n: points.length, dim: space.dim, categorical: space.categorical };
}

/**
 * "Kriging believer": the GP with `pending` points (trials still running) added as observations at
 * its posterior mean there, and those believed values. The variance then vanishes at each of them,
 * so a parallel ask is not sent where another worker already is.
 */
export function believe(gp: GaussianProcess, space: EncodedSpace, points: readonly Float64Array[], y: Float64Array, pending: readonly Float64Array[]): { gp: GaussianProcess; believed: number[] } {
  if (pending.length === 0) return { gp, believed: [] };
  const believed = pending.map((p) => gp.predict(p).mean);
  return { gp: new GaussianProcess(stackInputs(space, [...points, ...pending]), Float64Array.from([...y, ...believed]), gp.params), believed };
}
