/** Multi-objective rules after Optuna 3.1: dominance (plain and constrained), ranks, crowding, the front, hypervolume. */
export {
  constrainedDominates,
  dominates,
  satisfiesConstraints,
  toMinimized,
  totalViolation,
  trialDominates,
  valuesOf,
} from './dominance';
export { crowdingDistances, sortByCrowdingDistance, type CrowdingMember } from './crowding';
export { feasibleTrials, frontHypervolume, paretoFront, type FrontOptions } from './front';
export { hypervolume, toMinimizedPoint } from './hypervolume';
export { fastNonDominatedSort, nonDominatedRanks, type DominanceTest } from './nonDominatedSort';
