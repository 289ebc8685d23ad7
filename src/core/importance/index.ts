/** Parameter importance (fANOVA over a random forest, as Optuna 3.1 computes it). */
export { computeImportance, type ImportanceOptions, type ImportanceOutcome, type ImportanceUnavailable, type ParamImportances } from './fanovaImportance';
export { importanceInputFromTrials, MAX_IMPORTANCE_TRIALS, type ImportanceInput, type ImportanceParam } from './importanceInput';
