/**
 * Pruners by name, from a checked spec (`search.pruner` in a config).
 *
 * Every pruner but pareto_asha judges the first objective reported per step; pareto_asha judges every objective. A k-fold trial trains its folds in lockstep
 * and reports the mean over folds after each epoch, so pruners judge that mean, never one fold.
 */
import { HyperbandPruner } from './hyperband';
import { ParetoAshaPruner } from './paretoAsha';
import { PercentilePruner } from './percentile';
import { NopPruner, type Pruner } from './pruner';
import type { PrunerSpec } from './spec';
import { SuccessiveHalvingPruner } from './successiveHalving';

export { NopPruner, KEEP_GOING, STOP, type Pruner, type PruneDecision } from './pruner';
export { PercentilePruner, nanPercentile } from './percentile';
export { SuccessiveHalvingPruner, completedRungKey } from './successiveHalving';
export { HyperbandPruner } from './hyperband';
export { ParetoAshaPruner } from './paretoAsha';
export { crc32, pythonLog } from './bracketMath';
export { MULTI_OBJECTIVE_PRUNERS, parsePrunerSpec, PRUNER_TYPES, prunerObjectivesProblem, type PrunerSpec, type PrunerType } from './spec';

export function createPruner(spec: PrunerSpec): Pruner {
  switch (spec.type) {
    case 'none':
      return new NopPruner();
    case 'median': {
      const { type: _type, ...options } = spec;
      return new PercentilePruner({ ...options, percentile: 50 }, 'median');
    }
    case 'percentile': {
      const { type: _type, ...options } = spec;
      return new PercentilePruner(options, 'percentile');
    }
    case 'asha': {
      const { type: _type, ...options } = spec;
      return new SuccessiveHalvingPruner(options);
    }
    case 'pareto_asha': {
      const { type: _type, ...options } = spec;
      return new ParetoAshaPruner(options);
    }
    case 'hyperband': {
      const { type: _type, ...options } = spec;
      return new HyperbandPruner(options);
    }
    default:
      throw new TypeError(`unknown pruner ${JSON.stringify(spec satisfies never)}`);
  }
}

/** A pruner object as given, or the pruner a spec names. */
export function resolvePruner(pruner: Pruner | PrunerSpec): Pruner {
  return 'prune' in pruner && typeof pruner.prune === 'function' ? pruner : createPruner(pruner as PrunerSpec);
}

/** A one-line description for logs: `median(n_startup_trials=5, n_warmup_steps=3)`. */
export function describePruner(spec: PrunerSpec): string {
  const { type, ...options } = spec;
  const parts = Object.entries(options).map(([key, value]) => `${key}=${String(value)}`);
  return parts.length > 0 ? `${type}(${parts.join(', ')})` : type;
}
