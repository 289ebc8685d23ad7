/**
 * Unimodal normal distribution crossover (Kita, Ono and Kobayashi 1999) as Optuna 3.1's UNDXCrossover:
 * the child lies near the midpoint of the first two parents, spread along their line by xi and across
 * it (scaled by the third parent's distance from that line) by etas. Optuna passes sigma² where numpy
 * expects a standard deviation; kept, so children spread as Optuna's do.
 */
import type { GeneticRandom } from './crossovers';

export function undxChild(parents: readonly Float64Array[], random: GeneticRandom, n: number, sigmaXi: number, sigmaEtaOption: number | undefined): Float64Array {
  const [x1, x2, x3] = parents as [Float64Array, Float64Array, Float64Array];
  const sigmaEta = sigmaEtaOption ?? 0.35 / Math.sqrt(n);
  const etas = Float64Array.from({ length: n }, () => random.normal(0, sigmaEta ** 2));
  const xi = random.normal(0, sigmaXi ** 2);
  const basis = orthonormalBasisAcross(x1, x2, n);
  const child = Float64Array.from(x1, (a, i) => (a + (x2[i] as number)) / 2 + xi * (a - (x2[i] as number)));
  if (n === 1) return child;
  const across = new Float64Array(n);
  for (let k = 0; k < n - 1; k++) {
    const row = basis[k] as Float64Array;
    for (let i = 0; i < n; i++) across[i] = (across[i] as number) + (etas[k] as number) * (row[i] as number);
  }
  const distance = distanceFromLine(x1, x2, x3);
  for (let i = 0; i < n; i++) child[i] = (child[i] as number) + (across[i] as number) * distance;
  return child;
}

/** Unit vector from x1 to x2 (norm clipped at 1e-10 below, as Optuna). */
function unitFromTo(x1: Float64Array, x2: Float64Array): Float64Array {
  const v = Float64Array.from(x2, (b, i) => b - (x1[i] as number));
  const norm = Math.max(Math.hypot(...v), 1e-10);
  return Float64Array.from(v, (x) => x / norm);
}

/** How far x3 lies from the line through x1 and x2. */
function distanceFromLine(x1: Float64Array, x2: Float64Array, x3: Float64Array): number {
  const e = unitFromTo(x1, x2);
  const v = Float64Array.from(x3, (c, i) => c - (x1[i] as number));
  const along = v.reduce((sum, x, i) => sum + x * (e[i] as number), 0);
  return Math.hypot(...Float64Array.from(v, (x, i) => x - along * (e[i] as number)));
}

/**
 * n − 1 orthonormal vectors across the parents' line: the last columns of Q in the QR factorisation of
 * [e12, e2, …, en] (the identity with its first column replaced by the unit direction, unless the
 * parents coincide), Q formed as LAPACK's Householder QR forms it, so the signs match numpy's.
 */
function orthonormalBasisAcross(x1: Float64Array, x2: Float64Array, n: number): Float64Array[] {
  const e = unitFromTo(x1, x2);
  // Column-major n×n: column 0 is e (when non-zero), the rest the identity's.
  const columns: Float64Array[] = Array.from({ length: n }, (_, j) => Float64Array.from({ length: n }, (_, i) => (i === j ? 1 : 0)));
  if (e.some((x) => x !== 0)) columns[0] = e;
  const q = householderQ(columns, n);
  return q.slice(1);
}

/** Q's columns of A = QR (A given by columns), by Householder reflections as LAPACK's dgeqr2 + dorg2r. */
function householderQ(columns: Float64Array[], n: number): Float64Array[] {
  const a = columns.map((c) => Float64Array.from(c));
  const reflectors: { v: Float64Array; tau: number }[] = [];
  for (let k = 0; k < n; k++) {
    const column = a[k] as Float64Array;
    const alpha = column[k] as number;
    let tailNorm = 0;
    for (let i = k + 1; i < n; i++) tailNorm = Math.hypot(tailNorm, column[i] as number);
    const v = new Float64Array(n);
    v[k] = 1;
    if (tailNorm === 0) {
      reflectors.push({ v, tau: 0 });
      continue;
    }
    const beta = -(alpha >= 0 ? 1 : -1) * Math.hypot(alpha, tailNorm);
    const tau = (beta - alpha) / beta;
    for (let i = k + 1; i < n; i++) v[i] = (column[i] as number) / (alpha - beta);
    reflectors.push({ v, tau });
    for (let j = k + 1; j < n; j++) reflect(a[j] as Float64Array, v, tau, k);
  }
  // Q = H0 H1 … applied to the identity's columns, the last reflector first.
  const q = Array.from({ length: n }, (_, j) => Float64Array.from({ length: n }, (_, i) => (i === j ? 1 : 0)));
  for (let k = n - 1; k >= 0; k--) {
    const { v, tau } = reflectors[k] as { v: Float64Array; tau: number };
    if (tau === 0) continue;
    for (const column of q) reflect(column, v, tau, k);
  }
  return q;
}

/** column ← (I − tau v vᵀ) column, on rows k… */
function reflect(column: Float64Array, v: Float64Array, tau: number, k: number): void {
  let dot = 0;
  for (let i = k; i < column.length; i++) dot += (v[i] as number) * (column[i] as number);
  for (let i = k; i < column.length; i++) column[i] = (column[i] as number) - tau * dot * (v[i] as number);
}
