/**
 * The log acquisitions the GP sampler maximises, built on its fitted GPs (each modelling standardised
 * values to minimise), as Optuna 4.5's GPSampler chooses them:
 *   one objective: log EI over the best feasible value (LogEI);
 *   several: log EHVI over the feasible front (LogEHVI, logEhvi.ts);
 *   with constraints: plus Σ_c log P(c ≤ 0) under each constraint's own GP (LogCEI, LogCEHVI), the
 *   constraints taken as independent of the objectives and of each other. With no feasible trial yet
 *   there is nothing to improve on, and the feasibility terms alone are maximised.
 */
import { logExpectedImprovement, logProbabilityBelow, STABILIZING_VARIANCE, type Acquisition } from './acquisition';
import type { GaussianProcess } from './gaussianProcess';
import type { LogEhvi } from './logEhvi';

/** A constraint's GP and the standardised value at or below which the constraint is met. */
export interface ConstraintModel {
  readonly gp: GaussianProcess;
  readonly threshold: number;
}

/** What is to be improved on: a best value (one objective) or a front's boxes (several). */
export type ImprovementTarget = { readonly kind: 'ei'; readonly gp: GaussianProcess; readonly best: number } | { readonly kind: 'ehvi'; readonly gps: readonly GaussianProcess[]; readonly ehvi: LogEhvi };

/** A log term and, when asked, its gradient added into `gradient`. */
type Term = (point: Float64Array, gradient: Float64Array | null) => number;

export function gpAcquisition(target: ImprovementTarget | null, constraints: readonly ConstraintModel[], lengthScales: readonly number[], dim: number): Acquisition {
  const meanGradient = new Float64Array(dim);
  const varianceGradient = new Float64Array(dim);
  /** Adds ∂/∂x of a term that depends on x through one GP's mean and variance. */
  const chain = (gradient: Float64Array, dMean: number, dVariance: number): void => {
    for (let d = 0; d < dim; d++) gradient[d] = (gradient[d] as number) + dMean * (meanGradient[d] as number) + dVariance * (varianceGradient[d] as number);
  };
  const predict = (gp: GaussianProcess, point: Float64Array, gradient: Float64Array | null) =>
    gradient ? gp.predict(point, meanGradient, varianceGradient) : gp.predict(point);

  const terms: Term[] = [];
  if (target?.kind === 'ei') {
    const { gp, best } = target;
    terms.push((point, gradient) => {
      const { mean, variance } = predict(gp, point, gradient);
      const ei = logExpectedImprovement(mean, variance, best);
      if (gradient) chain(gradient, ei.dMean, ei.dVariance);
      return ei.value;
    });
  } else if (target?.kind === 'ehvi') {
    terms.push(ehviTerm(target.gps, target.ehvi, dim));
  }
  for (const { gp, threshold } of constraints) {
    terms.push((point, gradient) => {
      const { mean, variance } = predict(gp, point, gradient);
      const feasible = logProbabilityBelow(mean, variance, threshold);
      if (gradient) chain(gradient, feasible.dMean, feasible.dVariance);
      return feasible.value;
    });
  }
  return {
    lengthScales,
    value: (point) => terms.reduce((sum, term) => sum + term(point, null), 0),
    valueWithGradient: (point, gradient) => {
      gradient.fill(0);
      return terms.reduce((sum, term) => sum + term(point, gradient), 0);
    },
  };
}

/** log EHVI through each objective's GP; the chain rule runs through σ_k = √(v_k + noise), ∂σ/∂v = 1/(2σ). */
function ehviTerm(gps: readonly GaussianProcess[], ehvi: LogEhvi, dim: number): Term {
  const m = gps.length;
  const means = new Float64Array(m);
  const sigmas = new Float64Array(m);
  const dMeans = new Float64Array(m);
  const dSigmas = new Float64Array(m);
  const meanGradients = gps.map(() => new Float64Array(dim));
  const varianceGradients = gps.map(() => new Float64Array(dim));
  return (point, gradient) => {
    gps.forEach((gp, k) => {
      const { mean, variance } = gradient ? gp.predict(point, meanGradients[k], varianceGradients[k]) : gp.predict(point);
      means[k] = mean;
      sigmas[k] = Math.sqrt(variance + STABILIZING_VARIANCE);
    });
    if (!gradient) return ehvi.evaluate(means, sigmas);
    const value = ehvi.evaluate(means, sigmas, dMeans, dSigmas);
    for (let k = 0; k < m; k++) {
      const dMean = dMeans[k] as number;
      const dVariance = (dSigmas[k] as number) / (2 * (sigmas[k] as number));
      const meanGradient = meanGradients[k] as Float64Array;
      const varianceGradient = varianceGradients[k] as Float64Array;
      for (let d = 0; d < dim; d++) gradient[d] = (gradient[d] as number) + dMean * (meanGradient[d] as number) + dVariance * (varianceGradient[d] as number);
    }
    return value;
  };
}
