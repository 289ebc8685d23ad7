/**
 * Comparing one of Tuneboard's Parzen estimators with the one Optuna built (as optuna_tpe.py's
 * `describe` writes it): mixture weights, kernels per dimension, log densities at shared candidates.
 */
import assert from 'node:assert/strict';
import type { ParzenEstimator } from '../../src/core/samplers/parzenEstimator';
import { close } from './tpeInteropCases';

export interface EstimatorAnswer {
  weights: number[];
  mus: Record<string, number[]>;
  sigmas: Record<string, number[]>;
  categorical: Record<string, number[][]>;
  log_pdf: number[];
}

export function assertCloseArrays(ours: ArrayLike<number>, theirs: readonly number[], at: string): void {
  assert.equal(ours.length, theirs.length, `${at}: length`);
  for (let i = 0; i < theirs.length; i++) assert.ok(close(ours[i] as number, theirs[i] as number), `${at}[${i}]: ${ours[i]} vs ${theirs[i]}`);
}

/**
 * Mixture weights, kernels per dimension and log densities at the candidates (those only when no
 * equal mus took their sigmas in another order, which changes the density under unequal weights);
 * the log densities, or null when they were not compared.
 */
export function compareEstimator(ours: ParzenEstimator, theirs: EstimatorAnswer, names: readonly string[], candidates: Record<string, number[]>, withPrior: boolean, at: string): Float64Array | null {
  assertCloseArrays(ours.weights, theirs.weights, `${at} weights`);
  let reordered = false;
  names.forEach((name, d) => {
    const kernels = ours.dimension(d);
    if (kernels.type === 'categorical') {
      const rows = theirs.categorical[name] as number[][];
      assertCloseArrays(kernels.probs, rows.flat(), `${at} ${name} rows`);
      return;
    }
    const mus = theirs.mus[name] as number[];
    const sigmas = theirs.sigmas[name] as number[];
    assertCloseArrays(kernels.mus, mus, `${at} ${name} mus`);
    assert.equal(kernels.sigmas.length, sigmas.length, `${at} ${name} sigmas`);
    kernels.sigmas.forEach((sigma, k) => {
      if (close(sigma, sigmas[k] as number)) return;
      // numpy's unstable argsort may give equal mus their sigmas in another order. When the prior's mu
      // is among them, it may also take another slot (its sigma is then overwritten), so only a group
      // without it keeps the same set of sigmas.
      assert.ok(mus.length >= 17, `${at} ${name} sigma ${k}: ${sigma} vs ${sigmas[k]}`);
      reordered = true;
      const members = mus.flatMap((mu, j) => (mu === mus[k] ? [j] : []));
      if (withPrior && members.includes(mus.length - 1)) return;
      const group = (values: ArrayLike<number>): number[] => members.map((j) => values[j] as number).sort((a, b) => a - b);
      assertCloseArrays(group(kernels.sigmas), group(sigmas), `${at} ${name} sigmas of mu ${mus[k]}`);
    });
  });
  if (reordered) return null;
  const logPdf = ours.logPdf(names.map((name) => Float64Array.from(candidates[name] as number[])));
  assertCloseArrays(logPdf, theirs.log_pdf, `${at} log pdf`);
  return logPdf;
}
