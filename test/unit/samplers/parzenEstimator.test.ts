import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { categoricalDistribution, floatDistribution, intDistribution, type Distribution } from '../../../src/core/distributions';
import { Rng } from '../../../src/core/rng';
import { defaultWeights, ParzenEstimator, type NumericalKernels, type ParzenEstimatorParameters } from '../../../src/core/samplers/parzenEstimator';
import { erfc, logGaussMass, logNdtr, sampleStandardTruncatedNormal } from '../../../src/core/samplers/truncatedNormal';

const OPTUNA_31: ParzenEstimatorParameters = {
  considerPrior: true,
  priorWeight: 1,
  considerMagicClip: true,
  considerEndpoints: false,
  rules: 'optuna31',
  multivariate: false,
};

function fit(values: number[], d: Distribution, params: Partial<ParzenEstimatorParameters> = {}): ParzenEstimator {
  return new ParzenEstimator([Float64Array.from(values)], [d], { ...OPTUNA_31, ...params });
}

function numerical(pe: ParzenEstimator, d = 0): NumericalKernels {
  const kernels = pe.dimension(d);
  assert.equal(kernels.type, 'numerical');
  return kernels as NumericalKernels;
}

function close(actual: number, expected: number, tolerance = 1e-12): void {
  assert.ok(Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)), `${actual} ≉ ${expected}`);
}

/** Simpson's rule. */
function integrate(f: (x: number) => number, a: number, b: number, steps = 2000): number {
  const h = (b - a) / steps;
  let sum = f(a) + f(b);
  for (let i = 1; i < steps; i++) sum += (i % 2 ? 4 : 2) * f(a + i * h);
  return (sum * h) / 3;
}

const normalPdf = (x: number, mu: number, sigma: number): number => Math.exp(-0.5 * ((x - mu) / sigma) ** 2) / (sigma * Math.sqrt(2 * Math.PI));

describe('weights', () => {
  it('are flat up to 25 observations, then ramp the oldest from 1/n to 1 (default_weights)', () => {
    assert.deepEqual([...defaultWeights(0)], []);
    assert.deepEqual([...defaultWeights(10)], Array(10).fill(1));
    assert.deepEqual([...defaultWeights(25)], Array(25).fill(1));
    assert.deepEqual([...defaultWeights(26)], [1 / 26, ...Array(25).fill(1)]);
    const w = defaultWeights(30); // linspace(1/30, 1, 5) then 25 ones
    const step = (1 - 1 / 30) / 4;
    [1 / 30, 1 / 30 + step, 1 / 30 + 2 * step, 1 / 30 + 3 * step, 1].forEach((v, i) => close(w[i] as number, v));
    assert.deepEqual([...w.slice(4)], Array(26).fill(1));
  });

  it('normalise with the prior as one more component of weight prior_weight', () => {
    assert.deepEqual([...fit([1, 2, 3], floatDistribution(0, 10)).weights], [0.25, 0.25, 0.25, 0.25]);
    assert.deepEqual([...fit([1, 2, 3], floatDistribution(0, 10), { priorWeight: 2 }).weights], [0.2, 0.2, 0.2, 0.4]);
    assert.deepEqual([...fit([], floatDistribution(0, 10), { considerPrior: false }).weights], [1]);
  });
});

describe('numerical bandwidth', () => {
  // Range [0, 100], observations 5, 60, 70, prior mu 50 (included in the sort):
  // sorted with endpoints [0, 5, 50, 60, 70, 100] → max gaps [45, 45, 10, 30]; without
  // consider_endpoints the last looks left only (70−60 = 10); magic clip σ_min = 100/min(100, 3+2) = 20.
  const d = floatDistribution(0, 100);
  it('uses the larger neighbour gap, the endpoint rule and the magic clip; the prior keeps σ = range', () => {
    const k = numerical(fit([5, 60, 70], d));
    assert.deepEqual([...k.mus], [5, 60, 70, 50]);
    assert.deepEqual([...k.sigmas], [45, 20, 20, 100]);
  });
  it('without the magic clip', () => {
    assert.deepEqual([...numerical(fit([5, 60, 70], d, { considerMagicClip: false })).sigmas], [45, 10, 10, 100]);
  });
  it('with consider_endpoints the outer kernels also look outwards', () => {
    assert.deepEqual([...numerical(fit([5, 60, 70], d, { considerMagicClip: false, considerEndpoints: true })).sigmas], [45, 10, 30, 100]);
  });
  it('equal observations take consecutive sorted slots, in observation order', () => {
    // sorted [0 | 20, 20, 50, 90 | 100]: the first 20 looks right only (0), the second gets 30,
    // 50 gets 40, 90 looks left only (40); clipped to σ_min = 20.
    assert.deepEqual([...numerical(fit([20, 90, 20], d)).sigmas], [20, 40, 30, 100]);
  });
  it('multivariate uses 0.2·n^(−1/(d+4))·range for every kernel', () => {
    const observations = [Float64Array.from({ length: 10 }, (_, i) => i * 10), Float64Array.from({ length: 10 }, (_, i) => 5 + i)];
    const pe = new ParzenEstimator(observations, [d, d], { ...OPTUNA_31, multivariate: true });
    const sigmas = numerical(pe, 1).sigmas;
    for (let i = 0; i < 10; i++) close(sigmas[i] as number, 0.2 * 10 ** (-1 / 6) * 100);
    assert.equal(sigmas[10], 100);
    // With few observations the clip (100 / min(100, n+2)) takes over: 0.2·3^(−1/6)·100 ≈ 16.7 < 20.
    const few = new ParzenEstimator([Float64Array.of(1, 2, 3), Float64Array.of(1, 2, 3)], [d, d], { ...OPTUNA_31, multivariate: true });
    assert.deepEqual([...numerical(few).sigmas], [20, 20, 20, 100]);
  });
  it('under today’s rules measures gaps between observations only (the prior is no neighbour)', () => {
    // sorted [0 | 5, 60, 70 | 100] → 5 looks right only (55), 60 gets 55, 70 looks left only (10 → clip 20).
    const k = numerical(fit([5, 60, 70], d, { rules: 'current' }));
    assert.deepEqual([...k.mus], [5, 60, 70, 50]);
    assert.deepEqual([...k.sigmas], [55, 55, 20, 100]);
  });
  it('under today’s rules gives multivariate kernels the univariate bandwidth', () => {
    const joint = new ParzenEstimator([Float64Array.of(5, 60, 70), Float64Array.of(1, 2, 3)], [d, d], { ...OPTUNA_31, rules: 'current', multivariate: true });
    assert.deepEqual([...numerical(joint, 0).sigmas], [...numerical(fit([5, 60, 70], d, { rules: 'current' })).sigmas]);
  });
  it('works on log(x) for log ranges, with log ints widened by ±0.5', () => {
    const k = numerical(fit([10], intDistribution(1, 100, { log: true })));
    close(k.low, Math.log(0.5));
    close(k.high, Math.log(100.5));
    close(k.mus[0] as number, Math.log(10));
  });
});

describe('categorical kernels', () => {
  it('add ε = prior_weight/(n+1) to every category of each one-hot row', () => {
    const pe = fit([0, 0, 2], categoricalDistribution(['a', 'b', 'c']));
    const kernels = pe.dimension(0);
    assert.equal(kernels.type, 'categorical');
    // Observed rows: (1 + ¼, ¼, ¼)/1.75 = (5/7, 1/7, 1/7); the prior row is uniform.
    const expected = [5 / 7, 1 / 7, 1 / 7, 5 / 7, 1 / 7, 1 / 7, 1 / 7, 1 / 7, 5 / 7, 1 / 3, 1 / 3, 1 / 3];
    if (kernels.type === 'categorical') expected.forEach((p, i) => close(kernels.probs[i] as number, p));
    const logPdf = pe.logPdf([Float64Array.of(0, 1, 2)]);
    close(Math.exp(logPdf[0] as number), (10 / 7 + 1 / 7 + 1 / 3) / 4);
    close(Math.exp(logPdf[1] as number), (3 / 7 + 1 / 3) / 4);
    close(Math.exp(logPdf[2] as number), (2 / 7 + 5 / 7 + 1 / 3) / 4);
  });
});

describe('log-pdf', () => {
  it('of an int is the mass of [x − ½, x + ½] under the truncated mixture (numerical integral)', () => {
    const pe = fit([3, 4, 4, 9], intDistribution(0, 10));
    const k = numerical(pe);
    const density = (t: number): number => {
      let sum = 0;
      k.mus.forEach((mu, i) => {
        const sigma = k.sigmas[i] as number;
        const inside = integrate((u) => normalPdf(u, mu, sigma), k.low, k.high);
        sum += ((pe.weights[i] as number) * normalPdf(t, mu, sigma)) / inside;
      });
      return sum;
    };
    const values = Float64Array.from({ length: 11 }, (_, i) => i);
    const logPdf = pe.logPdf([values]);
    close(Math.exp(logPdf[5] as number), integrate(density, 4.5, 5.5), 1e-9);
    close(Math.exp(logPdf[0] as number), integrate(density, -0.5, 0.5), 1e-9);
    close(logPdf.reduce((a, v) => a + Math.exp(v), 0), 1);
  });

  it('of a log int is a mass under today’s rules (sums to one over the ints), a log-space density under 3.1’s', () => {
    const d = intDistribution(1, 100, { log: true });
    const ints = Float64Array.from({ length: 100 }, (_, i) => i + 1);
    const total = (pe: ParzenEstimator): number => pe.logPdf([ints]).reduce((a, v) => a + Math.exp(v), 0);
    close(total(fit([3, 10, 40], d, { rules: 'current' })), 1, 1e-9);
    const legacy = fit([3, 10, 40], d);
    // 3.1: the density of log x, so the ints' values add up to about ∫ p(log x) dx = Σ p / x·x ≠ 1.
    assert.ok(Math.abs(total(legacy) - 1) > 0.5, `3.1's values sum to ${total(legacy)}`);
  });

  it('of a stepped float sums to one over the grid', () => {
    const pe = fit([0.25, 0.5], floatDistribution(0, 1, { step: 0.25 }));
    close(pe.logPdf([Float64Array.of(0, 0.25, 0.5, 0.75, 1)]).reduce((a, v) => a + Math.exp(v), 0), 1);
  });

  it('of a continuous float is a density under today’s rules; Optuna 3.1.0 leaves out 1/σ', () => {
    const d = floatDistribution(-5, 10);
    const normalised = fit([0, 1, 7], d, { rules: 'current' });
    close(integrate((x) => Math.exp(normalised.logPdf([Float64Array.of(x)])[0] as number), -5, 10, 4000), 1, 1e-8);
    const optuna = fit([0, 1, 7], d);
    const k = numerical(optuna);
    const x = 2.5;
    let expected = 0;
    k.mus.forEach((mu, i) => {
      const sigma = k.sigmas[i] as number;
      const z = (x - mu) / sigma;
      expected += ((optuna.weights[i] as number) * Math.exp(-0.5 * z * z - 0.5 * Math.log(2 * Math.PI))) / Math.exp(logGaussMass((-5 - mu) / sigma, (10 - mu) / sigma));
    });
    close(Math.exp(optuna.logPdf([Float64Array.of(x)])[0] as number), expected);
  });

  it('stays finite far in the tails of every kernel', () => {
    // A narrow int kernel bank at 1..3; the value 1000 is hundreds of σ away from all but the prior.
    const pe = fit([1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3], intDistribution(1, 1000), { considerPrior: false, considerMagicClip: false });
    const logPdf = pe.logPdf([Float64Array.of(1000, 500, 2)]);
    for (const v of logPdf) assert.ok(Number.isFinite(v), `log-pdf ${v}`);
    assert.ok((logPdf[0] as number) < -1e5);
  });
});

describe('normal distribution in log space', () => {
  it('erfc matches reference values to ~1 ulp', () => {
    const reference: [number, number][] = [[0.1, 0.8875370839817152], [1, 0.15729920705028513], [3, 2.2090496998585445e-5], [10, 2.0884875837625446e-45], [26, 5.663192408856145e-296], [-1, 1.8427007929497148]];
    for (const [x, expected] of reference) close(erfc(x), expected, 1e-14);
  });

  it('log Φ stays accurate in both tails (scipy.special.log_ndtr)', () => {
    const reference: [number, number][] = [
      [-1e5, -5000000012.431865], [-1000, -500007.8266948122], [-40, -804.6084420137539], [-20, -203.9171553710973],
      [-5, -15.064998393988727], [0, -0.6931471805599453], [5, -2.8665161296376305e-7], [10, -7.619853024160473e-24], [37, -5.725571222523926e-300],
    ];
    for (const [x, expected] of reference) close(logNdtr(x), expected, 1e-13);
    assert.equal(logNdtr(-Infinity), -Infinity);
    assert.ok(logNdtr(Infinity) === 0);
  });

  it('log Gaussian mass of an interval is finite and symmetric deep in the tails', () => {
    close(logGaussMass(30, 31), -454.3212439563433, 1e-13);
    close(logGaussMass(-31, -30), -454.3212439563433, 1e-13);
    close(logGaussMass(-1, 1), Math.log(0.6826894921370859), 1e-14);
    assert.ok(Number.isFinite(logGaussMass(500, 500.001)));
    // A thin interval at the mean loses digits to cancellation (≈ ε/width), as Optuna's formula does.
    close(logGaussMass(1e-9, 2e-9), Math.log(1e-9 / Math.sqrt(2 * Math.PI)), 1e-6);
  });

  it('samples truncated normals inside the interval, also deep in a tail', () => {
    const rng = new Rng(3);
    for (const [a, b] of [[-1, 1], [8, 9], [-40, -39.5], [0, 0.001]] as const) {
      for (let i = 0; i < 200; i++) {
        const x = sampleStandardTruncatedNormal(rng, a, b);
        assert.ok(x >= a && x <= b, `${x} outside [${a}, ${b}]`);
      }
    }
    // Deep in the right tail the mass piles up at the left end: N(0,1) on [8, 9] has mean 8.1212 and
    // sd 0.119 (scipy), so the mean of 2000 draws is within 0.012 (4.5 standard errors).
    let sum = 0;
    for (let i = 0; i < 2000; i++) sum += sampleStandardTruncatedNormal(rng, 8, 9);
    assert.ok(Math.abs(sum / 2000 - 8.1212) < 0.012, `mean ${sum / 2000}`);
  });
});

describe('sampling', () => {
  const cases: [string, Distribution, number[], (v: number) => boolean][] = [
    ['float', floatDistribution(-5, 10), [-4.9, 0, 9.99], (v) => v >= -5 && v <= 10],
    ['log float', floatDistribution(1e-5, 1, { log: true }), [1e-5, 0.5], (v) => v >= 1e-5 && v <= 1],
    ['stepped float', floatDistribution(0, 0.5, { step: 0.05 }), [0.05, 0.5], (v) => v >= 0 && v <= 0.5 && Math.abs(v * 20 - Math.round(v * 20)) < 1e-9],
    ['int', intDistribution(1, 8), [1, 8, 8], (v) => Number.isInteger(v) && v >= 1 && v <= 8],
    ['stepped int', intDistribution(16, 256, { step: 16 }), [16, 256], (v) => Number.isInteger(v) && v >= 16 && v <= 256 && v % 16 === 0],
    ['log int', intDistribution(16, 512, { log: true }), [16, 500], (v) => Number.isInteger(v) && v >= 16 && v <= 512],
    ['categorical', categoricalDistribution(['relu', 'tanh', 'sigmoid', 'elu']), [0, 3], (v) => Number.isInteger(v) && v >= 0 && v < 4],
  ];
  for (const [label, d, observed, valid] of cases) {
    it(`stays valid for a ${label}`, () => {
      const samples = fit(observed, d).sample(new Rng(11), 500)[0] as Float64Array;
      for (const v of samples) assert.ok(valid(v), `${label}: ${v}`);
    });
  }

  it('uses one mixture component for every dimension of a point', () => {
    // Kernels at (10, 10) and (90, 90), σ = 0.2·2^(−1/6)·100 ≈ 17.8: a joint draw lands on the same
    // side of 50 in both coordinates unless a kernel strays 2.2σ (≈ 3.4% of draws); independent draws would mix ~50%.
    const d = floatDistribution(0, 100);
    const pe = new ParzenEstimator([Float64Array.of(10, 90), Float64Array.of(10, 90)], [d, d], { ...OPTUNA_31, considerPrior: false, considerMagicClip: false, multivariate: true });
    const [xs, ys] = pe.sample(new Rng(5), 400) as [Float64Array, Float64Array];
    let mixed = 0;
    for (let i = 0; i < xs.length; i++) if ((xs[i] as number) < 50 !== (ys[i] as number) < 50) mixed++;
    assert.ok(mixed < 40, `${mixed} of 400 draws mix the two components`);
  });
});
