// The GP sampler's building blocks that gp.test.ts does not cover: the bounded optimiser, the
// triangular solves and inverse, the unit-cube encoding of parameters, and the sampler's option table.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { categoricalDistribution, floatDistribution, intDistribution } from '../../../src/core/distributions';
import { minimizeBounded } from '../../../src/core/samplers/boundedOptimizer';
import { standardize } from '../../../src/core/samplers/gp';
import { EncodedSpace } from '../../../src/core/samplers/gpSearchSpace';
import { choleskyWithJitter, inverseFromCholesky, logDetFromCholesky, solveLower, solveUpperTransposed } from '../../../src/core/samplers/linalg';
import { parseSamplerSpec } from '../../../src/core/samplers/spec';
import { Rng } from '../../../src/core/rng';

const close = (actual: number, expected: number, tolerance: number, what = ''): void =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what} ${actual} is not within ${tolerance} of ${expected}`);

describe('minimizeBounded (projected L-BFGS)', () => {
  const rosenbrock = (x: Float64Array, g: Float64Array): number => {
    const [a, b] = [x[0]!, x[1]!];
    g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
    g[1] = 200 * (b - a * a);
    return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
  };

  it('finds the Rosenbrock minimum (1, 1) inside a box', () => {
    const result = minimizeBounded(rosenbrock, [-1.2, 1], [-2, -2], [2, 2], { maxIterations: 200, gradientTolerance: 1e-8 });
    assert.ok(result.converged);
    close(result.x[0]!, 1, 1e-5, 'x');
    close(result.x[1]!, 1, 1e-5, 'y');
  });

  it('stops on the bound when the unconstrained minimum lies outside (KKT: gradient points out)', () => {
    // Minimum of Rosenbrock with x ≤ 0.5: on the bound x = 0.5, y = x² = 0.25.
    const result = minimizeBounded(rosenbrock, [-1, -1], [-2, -2], [0.5, 2], { maxIterations: 200, gradientTolerance: 1e-8 });
    close(result.x[0]!, 0.5, 1e-12, 'x at its bound');
    close(result.x[1]!, 0.25, 1e-5, 'y');
    const gradient = new Float64Array(2);
    rosenbrock(result.x, gradient);
    assert.ok(gradient[0]! < 0, 'the gradient pushes against the upper bound');
  });

  it('handles a quadratic with several active bounds and a fixed variable (lower = upper)', () => {
    const centre = [3, -3, 0.2, 5];
    const f = (x: Float64Array, g: Float64Array): number => {
      let sum = 0;
      for (let i = 0; i < 4; i++) {
        const scale = 10 ** i; // badly scaled on purpose
        g[i] = 2 * scale * (x[i]! - centre[i]!);
        sum += scale * (x[i]! - centre[i]!) ** 2;
      }
      return sum;
    };
    const result = minimizeBounded(f, [0, 0, 0, 0.7], [-1, -1, -1, 0.7], [1, 1, 1, 0.7], { gradientTolerance: 1e-9 });
    assert.deepEqual([...result.x].map((v) => Number(v.toFixed(6))), [1, -1, 0.2, 0.7]);
  });

  it('backs off where the objective is undefined and returns the start if it is undefined there', () => {
    const logBarrier = (x: Float64Array, g: Float64Array): number => {
      g[0] = 1 - 1 / x[0]!;
      return x[0]! > 0 ? x[0]! - Math.log(x[0]!) : NaN;
    };
    close(minimizeBounded(logBarrier, [5], [-10], [10]).x[0]!, 1, 1e-4, 'minimum of x − log x');
    const nowhere = minimizeBounded(() => NaN, [0.5], [0], [1]);
    assert.equal(nowhere.converged, false);
    assert.deepEqual([...nowhere.x], [0.5]);
  });
});

describe('linalg', () => {
  it('solves with L and Lᵀ, inverts and takes the log-determinant of a random SPD matrix', () => {
    const rng = new Rng(2);
    const n = 7;
    const b = Float64Array.from({ length: n * n }, () => rng.normal());
    const a = new Float64Array(n * n); // BBᵀ + I
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      let sum = i === j ? 1 : 0;
      for (let k = 0; k < n; k++) sum += b[i * n + k]! * b[j * n + k]!;
      a[i * n + j] = sum;
    }
    const { factor } = choleskyWithJitter(a, n);
    const rhs = Float64Array.from({ length: n }, () => rng.normal());
    const forward = solveLower(factor, n, rhs);
    const backward = solveUpperTransposed(factor, n, rhs);
    for (let i = 0; i < n; i++) {
      let lx = 0;
      let ltx = 0;
      for (let k = 0; k < n; k++) {
        lx += factor[i * n + k]! * forward[k]!;
        ltx += factor[k * n + i]! * backward[k]!;
      }
      close(lx, rhs[i]!, 1e-12, 'L x');
      close(ltx, rhs[i]!, 1e-12, 'Lᵀ x');
    }
    const inverse = inverseFromCholesky(factor, n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += a[i * n + k]! * inverse[k * n + j]!;
      close(sum, i === j ? 1 : 0, 1e-10, `(A A⁻¹)_${i}${j}`);
    }
    // det(A) by Gaussian elimination, independently.
    const m = Float64Array.from(a);
    let logDet = 0;
    for (let k = 0; k < n; k++) {
      logDet += Math.log(m[k * n + k]!);
      for (let i = k + 1; i < n; i++) {
        const f = m[i * n + k]! / m[k * n + k]!;
        for (let j = k; j < n; j++) m[i * n + j] = m[i * n + j]! - f * m[k * n + j]!;
      }
    }
    close(logDetFromCholesky(factor, n), logDet, 1e-10, 'log det');
  });
});

describe('EncodedSpace', () => {
  const space = new EncodedSpace({
    lr: floatDistribution(1e-4, 1, { log: true }),
    x: floatDistribution(-5, 5),
    layers: intDistribution(1, 4),
    units: intDistribution(8, 512, { log: true }),
    dropout: floatDistribution(0, 0.3, { step: 0.1 }),
    act: categoricalDistribution(['relu', 'tanh', 'elu']),
  });

  it('maps log ranges in log space and gives each grid value an equal slice of [0, 1]', () => {
    const point = space.encode({ lr: 1e-2, x: 0, layers: 1, units: 8, dropout: 0.3, act: 'elu' });
    assert.ok(point);
    close(point[0]!, 0.5, 1e-12, 'lr 1e-2 is halfway in log space');
    close(point[1]!, 0.5, 1e-12, 'x');
    close(point[2]!, 1 / 8, 1e-12, 'layers 1 of 4: the middle of the first quarter');
    close(point[3]!, (Math.log(8) - Math.log(7.5)) / (Math.log(512.5) - Math.log(7.5)), 1e-12, 'units');
    close(point[4]!, 7 / 8, 1e-12, 'dropout 0.3 of {0, .1, .2, .3}');
    assert.equal(point[5], 2);
    assert.deepEqual([...space.categorical], [0, 0, 0, 0, 0, 1]);
    assert.deepEqual([0, 1, 2, 3, 4, 5].map((d) => space.kind(d)), ['continuous', 'continuous', 'discrete', 'discrete', 'discrete', 'categorical']);
  });

  it('decodes any point of the cube to valid values, and round-trips grid values and choices exactly', () => {
    const rng = new Rng(9);
    const point = new Float64Array(space.dim);
    for (let i = 0; i < 200; i++) {
      for (let d = 0; d < space.dim; d++) point[d] = d === 5 ? rng.int(0, 2) : rng.uniform(-0.1, 1.1);
      const params = space.decode(point);
      assert.ok((params.lr as number) >= 1e-4 && (params.lr as number) <= 1);
      assert.ok([1, 2, 3, 4].includes(params.layers as number));
      assert.ok(Number.isInteger(params.units) && (params.units as number) >= 8 && (params.units as number) <= 512);
      assert.ok([0, 0.1, 0.2, 0.3].includes(params.dropout as number), `dropout ${params.dropout}`);
      const again = space.decode(space.encode(params) as Float64Array);
      assert.deepEqual({ ...again, lr: 0, x: 0 }, { ...params, lr: 0, x: 0 });
      close(again.lr as number, params.lr as number, 1e-12 * (params.lr as number), 'lr round trip');
      close(again.x as number, params.x as number, 1e-12, 'x round trip');
    }
    for (let k = 0; k < 4; k++) assert.equal(space.gridIndex(4, space.gridValue(4, k)), k);
  });

  it('refuses params missing a value or outside the current range or choices', () => {
    const valid = { lr: 1e-2, x: 0, layers: 1, units: 8, dropout: 0.3, act: 'elu' };
    assert.ok(space.encode(valid));
    assert.equal(space.encode({ ...valid, act: 'gelu' }), null);
    assert.equal(space.encode({ ...valid, x: 7 }), null);
    const { x: _x, ...missing } = valid;
    assert.equal(space.encode(missing), null);
  });
});

describe('gp sampler plumbing', () => {
  it('standardises values, clipping ±∞ to the finite extremes', () => {
    assert.deepEqual([...(standardize([1, 3]) ?? [])], [-1, 1]);
    assert.deepEqual([...(standardize([1, Infinity, 3, -Infinity]) ?? [])], [-1, 1, 1, -1]);
    assert.deepEqual([...(standardize([2, 2]) ?? [])], [0, 0]);
    assert.equal(standardize([Infinity]), null);
  });

  it('accepts its Optuna-named options and rejects others', () => {
    assert.deepEqual(parseSamplerSpec({ type: 'gp', n_startup_trials: 5, deterministic_objective: true }, []).spec, { type: 'gp', n_startup_trials: 5, deterministic_objective: true });
    assert.deepEqual(parseSamplerSpec('gp', []).spec, { type: 'gp' });
    const bad = parseSamplerSpec({ type: 'gp', n_startup_trial: 5, deterministic_objective: 'yes' }, ['search', 'sampler']);
    assert.equal(bad.spec, null);
    assert.match(bad.problems.map((p) => p.message).join('\n'), /did you mean 'n_startup_trials'/);
    assert.match(bad.problems.map((p) => p.message).join('\n'), /deterministic_objective must be true or false/);
  });
});
