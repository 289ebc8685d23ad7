import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { categoricalDistribution, floatDistribution, intDistribution, type ParamValue } from '../../../src/core/distributions';
import { logExpectedImprovement, logH, normalCdf, normalPdf } from '../../../src/core/samplers/acquisition';
import { GpSampler } from '../../../src/core/samplers/gp';
import { GaussianProcess, matern52, type GpInputs, type KernelParams } from '../../../src/core/samplers/gaussianProcess';
import { fitKernelParams, logMarginalLikelihood, packKernelParams, pairwiseSquaredDifferences } from '../../../src/core/samplers/kernelFit';
import { choleskyWithJitter, solveCholesky } from '../../../src/core/samplers/linalg';
import type { SearchSpace } from '../../../src/core/samplers/sampler';
import { Rng } from '../../../src/core/rng';
import { FakeStudy } from './fakeStudy';

const close = (actual: number, expected: number, tolerance: number, what = ''): void =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what} ${actual} is not within ${tolerance} of ${expected}`);
const relativeClose = (actual: number, expected: number, tolerance: number, what = ''): void =>
  close(actual, expected, tolerance * Math.abs(expected), what);

const oneDimension = (xs: readonly number[]): GpInputs => ({ x: Float64Array.from(xs), n: xs.length, dim: 1, categorical: new Uint8Array(1) });
const params1d = (rho: number, signal: number, noise: number): KernelParams => ({ inverseSquaredLengthScales: Float64Array.of(rho), signalVariance: signal, noiseVariance: noise });

describe('GP regression', () => {
  it('matches a two-point posterior worked out by hand', () => {
    // x = [0, 0.5], y = [1, −1], ρ = 4 (length scale ½), s² = 1, σ_n² = 1e-6. K = [[1+ν, c], [c, 1+ν]] with
    // c = M(ρ·¼) = M(1); for these antisymmetric y, K⁻¹y = y/(1+ν−c), so μ(x*) = (k₁ − k₂)/(1+ν−c) and
    // σ²(x*) = 1 − ((1+ν)(k₁² + k₂²) − 2c·k₁k₂)/((1+ν)² − c²).
    const nu = 1e-6;
    const c = (1 + Math.sqrt(5) + 5 / 3) * Math.exp(-Math.sqrt(5));
    close(matern52(1), c, 1e-15, 'M(1)');
    close(c, 0.5239941088318203, 1e-15, 'M(1) (numpy)');
    const gp = new GaussianProcess(oneDimension([0, 0.5]), Float64Array.of(1, -1), params1d(4, 1, nu));
    for (const [xStar, numpyMean, numpyVariance] of [
      [0.1, 0.6796746003105948, 0.03704102962226097],
      [0, 0.9999978991900779, 9.99998621464826e-7],
      [1, -0.8095132588262727, 0.6999678817991517],
    ] as const) {
      const k1 = matern52(4 * xStar ** 2);
      const k2 = matern52(4 * (xStar - 0.5) ** 2);
      const mean = (k1 - k2) / (1 + nu - c);
      const variance = 1 - ((1 + nu) * (k1 * k1 + k2 * k2) - 2 * c * k1 * k2) / ((1 + nu) ** 2 - c * c);
      const predicted = gp.predict([xStar]);
      close(predicted.mean, mean, 1e-12, `mean at ${xStar}`);
      close(predicted.mean, numpyMean, 1e-12, `mean at ${xStar} (numpy)`);
      close(predicted.variance, variance, 1e-10, `variance at ${xStar}`);
      close(predicted.variance, numpyVariance, 1e-10, `variance at ${xStar} (numpy)`);
    }
    const gradient = new Float64Array(4);
    const lml = logMarginalLikelihood(Float64Array.of(1, -1), pairwiseSquaredDifferences(oneDimension([0, 0.5])), packKernelParams(params1d(4, 1, nu)), gradient);
    close(lml, -3.778193138715765, 1e-9, 'log marginal likelihood (numpy)');
  });

  it('interpolates a smooth 1-D function: mean ≈ f and variance ≈ noise at the data, variance grows away from it', () => {
    const f = (x: number): number => Math.sin(6 * x) + 0.5 * x;
    const xs = [0, 0.07, 0.14, 0.21, 0.28, 0.35, 0.42, 0.5];
    const raw = xs.map(f);
    const mean = raw.reduce((a, b) => a + b) / raw.length;
    const std = Math.sqrt(raw.reduce((a, b) => a + (b - mean) ** 2, 0) / raw.length);
    const y = Float64Array.from(raw, (v) => (v - mean) / std);
    const inputs = oneDimension(xs);
    const params = fitKernelParams(inputs, y, { rng: new Rng(1), randomStarts: 2, deterministic: true });
    const gp = new GaussianProcess(inputs, y, params);
    for (let i = 0; i < xs.length; i++) {
      const { mean: m, variance } = gp.predict([xs[i] as number]);
      close(m * std + mean, raw[i] as number, 1e-3, `mean at ${xs[i]}`);
      assert.ok(variance < 1e-4, `variance ${variance} at the data point ${xs[i]}`);
    }
    // Between the data the mean still follows f; beyond it, the uncertainty grows with the distance.
    close(gp.predict([0.245]).mean * std + mean, f(0.245), 0.02, 'mean between points');
    const variances = [0.55, 0.7, 1].map((x) => gp.predict([x]).variance);
    assert.ok(variances[0]! > 1e-3 && variances[0]! < variances[1]! && variances[1]! < variances[2]!, `variances ${variances}`);
  });

  it('gives the log marginal likelihood gradient that finite differences give, with and without the additive part', () => {
    const rng = new Rng(3);
    const n = 12;
    const inputs: GpInputs = { x: Float64Array.from({ length: n * 3 }, (_, k) => (k % 3 === 2 ? rng.int(0, 2) : rng.random())), n, dim: 3, categorical: Uint8Array.of(0, 0, 1) };
    const y = Float64Array.from({ length: n }, () => rng.normal());
    const differences = pairwiseSquaredDifferences(inputs);
    for (const additiveWeight of [0, 0.3]) {
    const packed = Float64Array.of(0.3, -1.2, 0.5, 0.2, Math.log(0.01), additiveWeight);
    const gradient = new Float64Array(6);
    logMarginalLikelihood(y, differences, packed, gradient);
    for (let k = 0; k < 6; k++) {
      const h = 1e-5;
      const up = Float64Array.from(packed);
      const down = Float64Array.from(packed);
      up[k] = up[k]! + h;
      down[k] = down[k]! - h;
      const scratch = new Float64Array(6);
      const numeric = (logMarginalLikelihood(y, differences, up, scratch) - logMarginalLikelihood(y, differences, down, scratch)) / (2 * h);
      close(gradient[k]!, numeric, 1e-5 * Math.max(1, Math.abs(numeric)), `w = ${additiveWeight}: d/dθ${k}`);
    }
    }
  });

  it('learns a short length scale for the dimension that matters and a long one for the one that does not (ARD)', () => {
    const rng = new Rng(7);
    const n = 30;
    const x = Float64Array.from({ length: n * 2 }, () => rng.random());
    const y = Float64Array.from({ length: n }, (_, i) => Math.sin(5 * x[2 * i]!));
    const params = fitKernelParams({ x, n, dim: 2, categorical: new Uint8Array(2) }, y, { rng, randomStarts: 2 });
    const [relevant, irrelevant] = params.inverseSquaredLengthScales;
    assert.ok(relevant! > 20 * irrelevant!, `ρ = ${relevant}, ${irrelevant}`);
  });

  it('gives posterior mean and variance gradients that finite differences give (numeric coordinates only)', () => {
    const rng = new Rng(4);
    const n = 25;
    const inputs: GpInputs = { x: Float64Array.from({ length: n * 3 }, (_, k) => (k % 3 === 1 ? rng.int(0, 2) : rng.random())), n, dim: 3, categorical: Uint8Array.of(0, 1, 0) };
    const y = Float64Array.from({ length: n }, () => rng.normal());
    for (const additiveWeight of [0, 0.4]) {
      const gp = new GaussianProcess(inputs, y, { inverseSquaredLengthScales: Float64Array.of(6, 1, 2), signalVariance: 1.5, noiseVariance: 1e-4, additiveWeight });
      const point = Float64Array.of(0.37, 1, 0.61);
      const meanGradient = new Float64Array(3);
      const varianceGradient = new Float64Array(3);
      gp.predict(point, meanGradient, varianceGradient);
      assert.equal(meanGradient[1], 0);
      for (const d of [0, 2]) {
        const h = 1e-6;
        const up = Float64Array.from(point);
        const down = Float64Array.from(point);
        up[d] = up[d]! + h;
        down[d] = down[d]! - h;
        close(meanGradient[d]!, (gp.predict(up).mean - gp.predict(down).mean) / (2 * h), 1e-6, `w = ${additiveWeight}: ∂μ/∂x${d}`);
        close(varianceGradient[d]!, (gp.predict(up).variance - gp.predict(down).variance) / (2 * h), 1e-6, `w = ${additiveWeight}: ∂σ²/∂x${d}`);
      }
    }
  });

  it('weights the additive part by how additive the data are', () => {
    const rng = new Rng(8);
    const n = 40;
    const x = Float64Array.from({ length: n * 2 }, () => rng.random());
    const fitTo = (f: (a: number, b: number) => number): number => {
      const y = Float64Array.from({ length: n }, (_, i) => f(x[2 * i]!, x[2 * i + 1]!));
      const mean = y.reduce((a, b) => a + b) / n;
      const std = Math.sqrt(y.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
      const standardised = y.map((v) => (v - mean) / std);
      return fitKernelParams({ x, n, dim: 2, categorical: new Uint8Array(2) }, standardised, { rng, randomStarts: 3, additive: true }).additiveWeight ?? 0;
    };
    const additive = fitTo((a, b) => Math.sin(6 * a) + Math.cos(5 * b));
    const interaction = fitTo((a, b) => Math.sin(8 * a * b) + (a - b) ** 2);
    assert.ok(additive > 0.5, `w = ${additive} for sin(6a) + cos(5b)`);
    assert.ok(interaction < 0.2, `w = ${interaction} for sin(8ab) + (a − b)²`);
  });
});

describe('Cholesky with jitter', () => {
  it('factorises a singular kernel matrix (duplicate points, no noise) by adding a little jitter', () => {
    const k = matern52(0.3);
    const singular = Float64Array.of(1, 1, k, 1, 1, k, k, k, 1); // rows 0 and 1 are the same point
    const { factor, jitter } = choleskyWithJitter(singular, 3);
    assert.ok(jitter > 0 && jitter < 1e-6, `jitter ${jitter}`);
    for (const v of factor) assert.ok(Number.isFinite(v));
    // L Lᵀ reproduces the matrix plus the jitter on the diagonal.
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let sum = 0;
        for (let m = 0; m < 3; m++) sum += factor[i * 3 + m]! * factor[j * 3 + m]!;
        close(sum, singular[i * 3 + j]! + (i === j ? jitter : 0), 1e-12, `(LLᵀ)_${i}${j}`);
      }
    }
  });

  it('needs no jitter for a well-conditioned matrix and solves it exactly', () => {
    const a = Float64Array.of(4, 2, 0.4, 2, 5, 1, 0.4, 1, 3);
    const { factor, jitter } = choleskyWithJitter(a, 3);
    assert.equal(jitter, 0);
    close(factor[0]!, 2, 1e-15);
    close(factor[3]!, 1, 1e-15);
    close(factor[4]!, 2, 1e-15);
    const x = solveCholesky(factor, 3, [1, 2, 3]);
    for (let i = 0; i < 3; i++) close(a[i * 3]! * x[0]! + a[i * 3 + 1]! * x[1]! + a[i * 3 + 2]! * x[2]!, i + 1, 1e-12);
  });

  it('falls back to the identity for a matrix holding NaN rather than looping or throwing', () => {
    const { factor, jitter } = choleskyWithJitter(Float64Array.of(1, NaN, NaN, 1), 2);
    assert.equal(jitter, Infinity);
    assert.deepEqual([...factor], [1, 0, 0, 1]);
  });
});

describe('log expected improvement', () => {
  // log h(z), h(z) = φ(z) + zΦ(z), from mpmath in 50-digit arithmetic, rounded to doubles.
  const REFERENCE: [number, number][] = [
    [-1e4, -50000019.33961931],
    [-100, -5010.12957880025],
    [-40, -808.29856835662],
    [-30, -457.724653760598],
    [-10, -55.55312203612235],
    [-5, -16.74430116266099],
    [-3, -7.869686059603029],
    [-2.5, -6.212541645443513],
    [-1, -2.4851210257126413],
    [0, -0.9189385332046728],
    [1, 0.08002621884930694],
    [3, 1.0987396653277077],
    [10, 2.302585092994046],
  ];

  it('is accurate to ~1e-13 relative from z = −10⁴ to 10, where naive EI underflows to −∞ below z ≈ −38', () => {
    for (const [z, expected] of REFERENCE) relativeClose(logH(z).value, expected, 2e-13, `log h(${z})`);
    assert.equal(Math.log(normalPdf(-40) + -40 * normalCdf(-40)), -Infinity);
  });

  it('agrees with naive EI = σ(zΦ(z) + φ(z)) where that is accurate, with Φ integrated independently', () => {
    // Φ by composite Simpson from −12 (Φ(−12) ≈ 1.8e-33 is negligible here).
    const cdf = (z: number): number => {
      const steps = 20000;
      const h = (z + 12) / steps;
      let sum = normalPdf(-12) + normalPdf(z);
      for (let i = 1; i < steps; i++) sum += (i % 2 ? 4 : 2) * normalPdf(-12 + i * h);
      return (sum * h) / 3;
    };
    for (const z of [-4, -2.7, -1.3, -0.2, 0, 0.4, 1.5, 3.2, 5]) relativeClose(normalCdf(z), cdf(z), 1e-10, `Φ(${z})`);
    for (const [mean, variance, best] of [[0.3, 0.04, 0], [-1, 2, -0.5], [0.1, 1e-4, 0.12], [2, 0.25, 1.5]] as const) {
      const sigma = Math.sqrt(variance);
      const z = (best - mean) / sigma;
      const naive = sigma * (z * cdf(z) + normalPdf(z));
      relativeClose(logExpectedImprovement(mean, variance, best).value, Math.log(naive), 1e-8, `logEI(${mean}, ${variance}, ${best})`);
    }
  });

  it('has the derivatives in mean and variance that finite differences give, in both regimes', () => {
    for (const [mean, variance, best] of [[0.3, 0.04, 0], [5, 0.01, 0], [-0.2, 0.5, 0.1], [30, 0.04, 0]] as const) {
      const { dMean, dVariance } = logExpectedImprovement(mean, variance, best);
      const h = 1e-6;
      const numericMean = (logExpectedImprovement(mean + h, variance, best).value - logExpectedImprovement(mean - h, variance, best).value) / (2 * h);
      const hv = variance * 1e-6;
      const numericVariance = (logExpectedImprovement(mean, variance + hv, best).value - logExpectedImprovement(mean, variance - hv, best).value) / (2 * hv);
      relativeClose(dMean, numericMean, 1e-5, `∂/∂μ at ${mean}`);
      relativeClose(dVariance, numericVariance, 1e-5, `∂/∂σ² at ${mean}`);
    }
  });
});

const num = (params: Readonly<Record<string, ParamValue>>, name: string): number => params[name] as number;

function branin(params: Readonly<Record<string, ParamValue>>): number {
  const x1 = num(params, 'x1');
  const x2 = num(params, 'x2');
  const b = 5.1 / (4 * Math.PI ** 2);
  return (x2 - b * x1 ** 2 + (5 / Math.PI) * x1 - 6) ** 2 + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x1) + 10;
}
const BRANIN_SPACE: SearchSpace = { x1: floatDistribution(-5, 10), x2: floatDistribution(0, 15) };

describe('GpSampler', () => {
  it('finds the Branin minimum within 0.5 in 30 trials (seed 1)', () => {
    const study = new FakeStudy(BRANIN_SPACE).run(new GpSampler({ seed: 1 }), branin, 30);
    const regret = (study.bestTrial?.value as number) - 0.397887;
    assert.ok(regret < 0.5, `regret ${regret}`);
  });

  it('maximises when the study maximises', () => {
    const study = new FakeStudy(BRANIN_SPACE, 'maximize').run(new GpSampler({ seed: 2 }), (p) => -branin(p), 30);
    assert.ok((study.bestTrial?.value as number) > -0.9, `best ${study.bestTrial?.value}`);
  });

  it('samples at random for the first n_startup_trials complete trials, ignoring pruned and failed ones', () => {
    const sampler = new GpSampler({ seed: 1, n_startup_trials: 3 });
    const study = new FakeStudy(BRANIN_SPACE);
    const relative = (): Record<string, ParamValue> => {
      const draft = study.addTrial({ params: {}, state: 'running' });
      const result = sampler.sampleRelative(study, draft, sampler.inferRelativeSearchSpace(study));
      study.tell(draft, null, 'fail');
      return result;
    };
    study.addTrial({ params: { x1: 1, x2: 2 }, value: 30 });
    study.addTrial({ params: { x1: 2, x2: 3 }, state: 'pruned', intermediateValues: { 1: 5 } });
    study.addTrial({ params: { x1: 3, x2: 4 }, state: 'fail' });
    study.addTrial({ params: { x1: 4, x2: 5 }, value: 10 });
    assert.deepEqual(relative(), {}, 'two complete trials: still starting up');
    study.addTrial({ params: { x1: 5, x2: 6 }, value: 20 });
    assert.deepEqual(Object.keys(relative()).sort(), ['x1', 'x2']);
  });

  it('keeps every kind of parameter valid: categorical choices, ints, steps and log ranges', () => {
    const space: SearchSpace = {
      act: categoricalDistribution(['relu', 'tanh', 'elu', 'gelu']),
      flag: categoricalDistribution([true, false, null]),
      layers: intDistribution(1, 6),
      units: intDistribution(8, 1024, { log: true }),
      dropout: floatDistribution(0, 0.5, { step: 0.1 }),
      lr: floatDistribution(1e-5, 1, { log: true }),
    };
    const objective = (p: Readonly<Record<string, ParamValue>>): number =>
      (p.act === 'gelu' ? 0 : 1) + (p.flag === null ? 0 : 0.5) + (num(p, 'layers') - 4) ** 2 + (Math.log2(num(p, 'units')) - 6) ** 2 + (Math.log10(num(p, 'lr')) + 3) ** 2;
    const study = new FakeStudy(space).run(new GpSampler({ seed: 4 }), objective, 40);
    for (const trial of study.getTrials()) {
      assert.ok(['relu', 'tanh', 'elu', 'gelu'].includes(trial.params.act as string));
      assert.ok([true, false, null].includes(trial.params.flag as boolean | null));
      assert.ok(Number.isInteger(trial.params.layers) && num(trial.params, 'layers') >= 1 && num(trial.params, 'layers') <= 6);
      assert.ok(Number.isInteger(trial.params.units) && num(trial.params, 'units') >= 8 && num(trial.params, 'units') <= 1024);
      assert.ok([0, 0.1, 0.2, 0.3, 0.4, 0.5].includes(num(trial.params, 'dropout')), `dropout ${trial.params.dropout}`);
      assert.ok(num(trial.params, 'lr') >= 1e-5 && num(trial.params, 'lr') <= 1);
    }
    // The GP phase finds the best category of both categorical parameters.
    assert.equal(study.bestTrial?.params.act, 'gelu');
    assert.equal(study.bestTrial?.params.flag, null);
  });

  it('gives distinct points to parallel asks (running trials count as believed observations)', () => {
    const sampler = new GpSampler({ seed: 3 });
    const study = new FakeStudy(BRANIN_SPACE).run(sampler, branin, 15);
    const pending = Array.from({ length: 6 }, () => study.ask(sampler));
    const points = pending.map((t) => [num(t.params, 'x1'), num(t.params, 'x2')] as const);
    for (let a = 0; a < points.length; a++) {
      for (let b = a + 1; b < points.length; b++) {
        const distance = Math.hypot((points[a]![0] - points[b]![0]) / 15, (points[a]![1] - points[b]![1]) / 15);
        assert.ok(distance > 1e-3, `asks ${a} and ${b} got nearly the same point ${points[a]} / ${points[b]}`);
      }
    }
  });

  it('with deterministic_objective, still optimises (noise fixed at its floor)', () => {
    const study = new FakeStudy(BRANIN_SPACE).run(new GpSampler({ seed: 1, deterministic_objective: true }), branin, 30);
    assert.ok((study.bestTrial?.value as number) - 0.397887 < 0.5, `best ${study.bestTrial?.value}`);
  });

  it('copes with infinite values and a constant objective', () => {
    const sampler = new GpSampler({ seed: 6, n_startup_trials: 4 });
    const study = new FakeStudy(BRANIN_SPACE);
    let i = 0;
    study.run(sampler, (p) => (i++ % 3 === 0 ? Infinity : branin(p)), 12);
    new FakeStudy(BRANIN_SPACE).run(new GpSampler({ seed: 6, n_startup_trials: 4 }), () => 1, 8);
  });
});
