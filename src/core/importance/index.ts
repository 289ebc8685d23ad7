/** Parameter importance (fANOVA over a random forest, as Optuna 3.1 computes it). */
export { computeImportance, type ImportanceOptions, type ImportanceOutcome, type ImportanceUnavailable, type ParamImportances } from './fanovaImportance';
export { importanceInputFromTrials, INACTIVE_VALUE, MAX_IMPORTANCE_TRIALS, type ImportanceInput, type ImportanceParam, withImputationNote } from './importanceInput';
