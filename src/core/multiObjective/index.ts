/** Multi-objective rules after Optuna 3.1: dominance (plain and constrained), ranks, crowding, the front, hypervolume, subset selection. */
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
export { greedyHypervolumeSubset, hypervolumeContributions } from './hssp';
export { fastNonDominatedSort, nonDominatedRanks, type DominanceTest } from './nonDominatedSort';
export { wfgHypervolume } from './wfg';
