import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { floatDistribution } from '../../../src/core/distributions';
import { nonDominatedBoxes } from '../../../src/core/multiObjective/boxDecomposition';
import { hypervolume } from '../../../src/core/multiObjective/hypervolume';
import { Rng } from '../../../src/core/rng';
import { logProbabilityBelow, normalCdf } from '../../../src/core/samplers/acquisition';
import { GaussianProcess, type KernelParams } from '../../../src/core/samplers/gaussianProcess';
import { gpAcquisition } from '../../../src/core/samplers/gpAcquisitions';
import { EncodedSpace } from '../../../src/core/samplers/gpSearchSpace';
import { LogEhvi, normalQuantile, qmcNormalSamples } from '../../../src/core/samplers/logEhvi';

const close = (actual: number, expected: number, tolerance: number, what = ''): void =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what} ${actual} is not within ${tolerance} of ${expected}`);

/** Plain Monte Carlo: the mean over pseudo-random posterior draws of HV(front ∪ {y}) − HV(front). */
function monteCarloEhvi(front: number[][], reference: number[], means: number[], sigmas: number[], draws: number, seed: number): number {
  const rng = new Rng(seed);
  const before = hypervolume(front, reference);
  let sum = 0;
  for (let s = 0; s < draws; s++) {
    const y = means.map((m, k) => m + (sigmas[k] as number) * rng.normal());
    sum += hypervolume([...front, y], reference) - before;
  }
  return sum / draws;
}

const FRONTS: Record<number, number[][]> = {
  2: [[-1.2, 0.9], [-0.4, 0.1], [0.3, -0.6], [1, -1.3]],
  3: [[-1, 0.5, 0.3], [0.2, -0.8, 0.6], [0.5, 0.4, -1], [-0.3, -0.2, -0.1]],
};

describe('log expected hypervolume improvement', () => {
  it('maps Sobol points to normal draws through an accurate Φ⁻¹', () => {
    for (const p of [1e-12, 1e-6, 0.01, 0.3, 0.5, 0.9, 0.999999]) close(normalCdf(normalQuantile(p)), p, 1e-13 * Math.max(p, 1e-3), `Φ(Φ⁻¹(${p}))`);
    const samples = qmcNormalSamples(1024, 2, 7);
    const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
    const variance = samples.reduce((a, b) => a + b * b, 0) / samples.length;
    close(mean, 0, 0.01, 'mean of the draws');
    close(variance, 1, 0.02, 'variance of the draws');
    assert.deepEqual(qmcNormalSamples(16, 3, 5), qmcNormalSamples(16, 3, 5), 'a seed fixes the draws');
  });

  for (const m of [2, 3]) {
    it(`agrees with a brute-force Monte-Carlo hypervolume improvement (${m} objectives)`, () => {
      const front = FRONTS[m] as number[][];
      const reference = front[0]!.map((_, k) => Math.max(...front.map((p) => p[k] as number)) * 1.1 + 0.1);
      const boxes = nonDominatedBoxes(front, reference);
      const cases: [number[], number[]][] = [
        [front[1]!.map((v) => v - 0.2), front[1]!.map(() => 0.3)],
        [front[0]!.map((v) => v + 0.1), front[0]!.map(() => 0.5)],
        [reference.map(() => 0), reference.map((_, k) => 0.2 + 0.1 * k)],
      ];
      for (const [means, sigmas] of cases) {
        const expected = monteCarloEhvi(front, reference, means, sigmas, m === 2 ? 40000 : 15000, 3);
        // Many QMC draws: close to the integral; Optuna's 128: still within a few per cent.
        const fine = new LogEhvi(boxes, qmcNormalSamples(4096, m, 1), m).evaluate(means, sigmas);
        const coarse = new LogEhvi(boxes, qmcNormalSamples(128, m, 1), m).evaluate(means, sigmas);
        close(fine, Math.log(expected), 0.015, `log EHVI at ${means} (4096 draws)`);
        close(coarse, Math.log(expected), 0.06, `log EHVI at ${means} (128 draws)`);
      }
    });
  }

  it('stays finite and ranks points where every draw is dominated (the ε floor)', () => {
    const front = FRONTS[2] as number[][];
    const ehvi = new LogEhvi(nonDominatedBoxes(front, [2, 2]), qmcNormalSamples(128, 2, 1), 2);
    const far = ehvi.evaluate([1.9, 1.9], [1e-6, 1e-6]);
    const farther = ehvi.evaluate([5, 5], [1e-6, 1e-6]);
    assert.ok(Number.isFinite(far) && Number.isFinite(farther));
    assert.ok(ehvi.evaluate([0, 0], [0.1, 0.1]) > far, 'a point that improves beats one that does not');
  });

  it('has the derivatives in means and standard deviations that finite differences give', () => {
    const front = FRONTS[3] as number[][];
    const ehvi = new LogEhvi(nonDominatedBoxes(front, [1, 1, 1]), qmcNormalSamples(128, 3, 2), 3);
    const means = [-0.2, 0.1, 0.05];
    const sigmas = [0.3, 0.2, 0.4];
    const dMeans = new Float64Array(3);
    const dSigmas = new Float64Array(3);
    ehvi.evaluate(means, sigmas, dMeans, dSigmas);
    const h = 1e-6;
    for (let k = 0; k < 3; k++) {
      const shifted = (array: number[], delta: number) => array.map((v, j) => (j === k ? v + delta : v));
      close(dMeans[k] as number, (ehvi.evaluate(shifted(means, h), sigmas) - ehvi.evaluate(shifted(means, -h), sigmas)) / (2 * h), 1e-4, `∂/∂μ${k}`);
      close(dSigmas[k] as number, (ehvi.evaluate(means, shifted(sigmas, h)) - ehvi.evaluate(means, shifted(sigmas, -h))) / (2 * h), 1e-4, `∂/∂σ${k}`);
    }
  });
});

describe('probability of feasibility', () => {
  it('is log Φ((threshold − μ)/σ), finite deep in the tail', () => {
    close(logProbabilityBelow(0, 1, 0).value, Math.log(0.5), 1e-12, 'at the mean');
    close(logProbabilityBelow(1, 4, 0).value, Math.log(normalCdf(-0.5)), 1e-12, 'half a σ short');
    // Φ(−40) ≈ φ(40)/40·(1 − 1/40² + …): log ≈ −800 − log √(2π) − log 40 + log(1 − 1/1600 + 3/1600²).
    const deep = -800 - 0.5 * Math.log(2 * Math.PI) - Math.log(40) + Math.log(1 - 1 / 1600 + 3 / 1600 ** 2);
    close(logProbabilityBelow(40, 1, 0).value, deep, 1e-6, '40 σ short');
  });

  it('has the derivatives in mean and variance that finite differences give, in both regimes', () => {
    for (const [mean, variance] of [[0.3, 0.5], [6, 0.2], [-2, 1]] as const) {
      const { dMean, dVariance } = logProbabilityBelow(mean, variance, 0);
      const h = 1e-6;
      close(dMean, (logProbabilityBelow(mean + h, variance, 0).value - logProbabilityBelow(mean - h, variance, 0).value) / (2 * h), 1e-5 * Math.max(1, Math.abs(dMean)), `∂/∂μ at ${mean}`);
      close(dVariance, (logProbabilityBelow(mean, variance + h, 0).value - logProbabilityBelow(mean, variance - h, 0).value) / (2 * h), 1e-5 * Math.max(1, Math.abs(dVariance)), `∂/∂v at ${mean}`);
    }
  });
});

describe('gp acquisition with several objectives and a constraint', () => {
  it('has the gradient in the point that finite differences give (log EHVI + log P(feasible) through the GPs)', () => {
    const space = new EncodedSpace({ a: floatDistribution(0, 1), b: floatDistribution(0, 1) });
    const xs = [[0.1, 0.2], [0.8, 0.3], [0.4, 0.9], [0.6, 0.6], [0.2, 0.7]];
    const inputs = { x: Float64Array.from(xs.flat()), n: xs.length, dim: 2, categorical: new Uint8Array(2) };
    const params: KernelParams = { inverseSquaredLengthScales: Float64Array.of(3, 5), signalVariance: 1, noiseVariance: 1e-4, additiveWeight: 0.3 };
    const columns = [xs.map(([a, b]) => a! - b!), xs.map(([a, b]) => b! * b! - a!), xs.map(([a]) => a! - 0.5)];
    const [f1, f2, c] = columns.map((y) => new GaussianProcess(inputs, Float64Array.from(y), params)) as [GaussianProcess, GaussianProcess, GaussianProcess];
    const front = xs.map((_, i) => [columns[0]![i]!, columns[1]![i]!]);
    const ehvi = new LogEhvi(nonDominatedBoxes(front, [1, 1]), qmcNormalSamples(128, 2, 4), 2);
    const acquisition = gpAcquisition({ kind: 'ehvi', gps: [f1, f2], ehvi }, [{ gp: c, threshold: 0 }], [0.5, 0.5], space.dim);
    const gradient = new Float64Array(2);
    for (const point of [[0.3, 0.4], [0.55, 0.15], [0.9, 0.8]]) {
      const x = Float64Array.from(point);
      const value = acquisition.valueWithGradient(x, gradient);
      close(value, acquisition.value(x), 1e-12, 'value with and without gradient');
      for (let d = 0; d < 2; d++) {
        const h = 1e-6;
        const plus = Float64Array.from(x);
        const minus = Float64Array.from(x);
        plus[d] = (plus[d] as number) + h;
        minus[d] = (minus[d] as number) - h;
        const numeric = (acquisition.value(plus) - acquisition.value(minus)) / (2 * h);
        close(gradient[d] as number, numeric, 1e-4 * Math.max(1, Math.abs(numeric)), `∂/∂x${d} at ${point}`);
      }
    }
  });
});
