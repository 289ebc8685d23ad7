/**
 * Box-constrained minimisation by projected L-BFGS, a small cousin of L-BFGS-B: variables held at a
 * bound by the gradient are frozen, a limited-memory quasi-Newton direction is built on the free
 * ones, and a backtracking (Armijo) line search runs along the projected path P(x + αd). Used to fit
 * the GP's kernel hyperparameters and to polish acquisition maxima, both smooth and low-dimensional.
 */

/** f(x), writing ∇f(x) into `gradient`. May return a non-finite value where f is undefined. */
export type ObjectiveWithGradient = (x: Float64Array, gradient: Float64Array) => number;

export interface BoundedMinimizeOptions {
  readonly maxIterations?: number;
  /** Correction pairs kept (L-BFGS memory). */
  readonly memory?: number;
  /** Stop when the largest projected-gradient component falls below this. */
  readonly gradientTolerance?: number;
  /** Stop when an iteration lowers f by less than this fraction of max(|f|, 1). */
  readonly relativeTolerance?: number;
}

export interface BoundedMinimizeResult {
  readonly x: Float64Array;
  readonly value: number;
  readonly iterations: number;
  readonly evaluations: number;
  readonly converged: boolean;
}

const ARMIJO = 1e-4;
const MAX_BACKTRACKS = 30;

export function minimizeBounded(
  objective: ObjectiveWithGradient,
  start: ArrayLike<number>,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
  options: BoundedMinimizeOptions = {},
): BoundedMinimizeResult {
  const dim = start.length;
  const maxIterations = options.maxIterations ?? 100;
  const memory = options.memory ?? 10;
  const gradientTolerance = options.gradientTolerance ?? 1e-5;
  const relativeTolerance = options.relativeTolerance ?? 1e-10;

  let x = new Float64Array(dim);
  for (let i = 0; i < dim; i++) x[i] = clamp(start[i] as number, lower[i] as number, upper[i] as number);
  let gradient = new Float64Array(dim);
  let value = objective(x, gradient);
  let evaluations = 1;
  if (!Number.isFinite(value)) return { x, value, iterations: 0, evaluations, converged: false };

  const steps: Float64Array[] = [];
  const changes: Float64Array[] = [];
  const free = new Uint8Array(dim);
  const direction = new Float64Array(dim);
  let trial = new Float64Array(dim);
  let trialGradient = new Float64Array(dim);
  let converged = false;
  let iteration = 0;

  for (; iteration < maxIterations; iteration++) {
    let projectedGradient = 0;
    for (let i = 0; i < dim; i++) {
      const xi = x[i] as number;
      const gi = gradient[i] as number;
      // A variable at a bound with the gradient pushing outwards cannot move: it is not free.
      const pinned = (xi <= (lower[i] as number) && gi > 0) || (xi >= (upper[i] as number) && gi < 0);
      free[i] = pinned ? 0 : 1;
      if (!pinned) projectedGradient = Math.max(projectedGradient, Math.abs(clamp(xi - gi, lower[i] as number, upper[i] as number) - xi));
    }
    if (projectedGradient < gradientTolerance) {
      converged = true;
      break;
    }

    quasiNewtonDirection(gradient, free, steps, changes, direction);
    let slope = maskedDot(direction, gradient, free);
    if (!(slope < 0)) {
      // The curvature pairs no longer describe f on the free set: restart from steepest descent.
      steps.length = 0;
      changes.length = 0;
      quasiNewtonDirection(gradient, free, steps, changes, direction);
      slope = maskedDot(direction, gradient, free);
    }

    // Backtracking along the projected path; the Armijo test uses the step actually taken.
    let alpha = 1;
    let trialValue = NaN;
    let accepted = false;
    for (let backtrack = 0; backtrack < MAX_BACKTRACKS; backtrack++) {
      let decrease = 0;
      for (let i = 0; i < dim; i++) {
        const moved = free[i] ? clamp((x[i] as number) + alpha * (direction[i] as number), lower[i] as number, upper[i] as number) : (x[i] as number);
        trial[i] = moved;
        decrease += (gradient[i] as number) * (moved - (x[i] as number));
      }
      trialValue = objective(trial, trialGradient);
      evaluations++;
      if (Number.isFinite(trialValue) && trialValue <= value + ARMIJO * decrease) {
        accepted = true;
        break;
      }
      alpha *= 0.5;
    }
    if (!accepted) {
      if (steps.length === 0) break;
      steps.length = 0;
      changes.length = 0;
      continue;
    }

    const step = new Float64Array(dim);
    const change = new Float64Array(dim);
    let curvature = 0;
    let changeNorm = 0;
    for (let i = 0; i < dim; i++) {
      step[i] = (trial[i] as number) - (x[i] as number);
      change[i] = (trialGradient[i] as number) - (gradient[i] as number);
      curvature += (step[i] as number) * (change[i] as number);
      changeNorm += (change[i] as number) ** 2;
    }
    // Keep only pairs with positive curvature, so the implicit inverse Hessian stays positive definite.
    if (curvature > 1e-10 * changeNorm) {
      steps.push(step);
      changes.push(change);
      if (steps.length > memory) {
        steps.shift();
        changes.shift();
      }
    }
    const improvement = value - trialValue;
    [x, trial] = [trial, x];
    [gradient, trialGradient] = [trialGradient, gradient];
    value = trialValue;
    if (improvement <= relativeTolerance * Math.max(Math.abs(value), 1)) {
      converged = true;
      iteration++;
      break;
    }
  }
  return { x, value, iterations: iteration, evaluations, converged };
}

/**
 * L-BFGS two-loop recursion restricted to the free variables: direction = −H·g with H the implicit
 * inverse Hessian of the stored pairs. Without pairs, steepest descent scaled to at most unit length.
 */
function quasiNewtonDirection(gradient: Float64Array, free: Uint8Array, steps: readonly Float64Array[], changes: readonly Float64Array[], out: Float64Array): void {
  const dim = gradient.length;
  for (let i = 0; i < dim; i++) out[i] = free[i] ? (gradient[i] as number) : 0;
  const pairs = steps.length;
  if (pairs === 0) {
    let largest = 0;
    for (let i = 0; i < dim; i++) largest = Math.max(largest, Math.abs(out[i] as number));
    const scale = largest > 1 ? 1 / largest : 1;
    for (let i = 0; i < dim; i++) out[i] = -(out[i] as number) * scale;
    return;
  }
  const alphas = new Float64Array(pairs);
  const rhos = new Float64Array(pairs);
  for (let p = pairs - 1; p >= 0; p--) {
    const s = steps[p] as Float64Array;
    const y = changes[p] as Float64Array;
    const sy = maskedDot(s, y, free);
    rhos[p] = sy > 0 ? 1 / sy : 0;
    const a = (rhos[p] as number) * maskedDot(s, out, free);
    alphas[p] = a;
    for (let i = 0; i < dim; i++) if (free[i]) out[i] = (out[i] as number) - a * (y[i] as number);
  }
  const lastS = steps[pairs - 1] as Float64Array;
  const lastY = changes[pairs - 1] as Float64Array;
  const yy = maskedDot(lastY, lastY, free);
  const gamma = yy > 0 ? maskedDot(lastS, lastY, free) / yy : 1;
  for (let i = 0; i < dim; i++) out[i] = (out[i] as number) * (gamma > 0 ? gamma : 1);
  for (let p = 0; p < pairs; p++) {
    const s = steps[p] as Float64Array;
    const y = changes[p] as Float64Array;
    const b = (rhos[p] as number) * maskedDot(y, out, free);
    for (let i = 0; i < dim; i++) if (free[i]) out[i] = (out[i] as number) + ((alphas[p] as number) - b) * (s[i] as number);
  }
  for (let i = 0; i < dim; i++) out[i] = free[i] ? -(out[i] as number) : 0;
}

function maskedDot(a: Float64Array, b: Float64Array, mask: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) if (mask[i]) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

function clamp(value: number, low: number, high: number): number {
  return value < low ? low : value > high ? high : value;
}
