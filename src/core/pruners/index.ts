/** Pruners by name, from a checked spec (`search.pruner` in a config). */
import { PercentilePruner } from './percentile';
import { NopPruner, type Pruner } from './pruner';
import type { PrunerSpec } from './spec';

export { NopPruner, type Pruner } from './pruner';
export { PercentilePruner, nanPercentile } from './percentile';
export { parsePrunerSpec, PRUNER_TYPES, type PrunerSpec, type PrunerType } from './spec';

/** Thrown for a pruner the config accepts but this version cannot run yet. */
export class UnsupportedPrunerError extends Error {
  override name = 'UnsupportedPrunerError';
}

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
    case 'asha':
    case 'hyperband':
      throw new UnsupportedPrunerError(`pruner '${spec.type}' is not available in this version yet; use median, percentile or none`);
    default:
      throw new TypeError(`unknown pruner ${JSON.stringify(spec satisfies never)}`);
  }
}

/** A one-line description for logs: `median(n_startup_trials=5, n_warmup_steps=3)`. */
export function describePruner(spec: PrunerSpec): string {
  const { type, ...options } = spec;
  const parts = Object.entries(options).map(([key, value]) => `${key}=${String(value)}`);
  return parts.length > 0 ? `${type}(${parts.join(', ')})` : type;
}
