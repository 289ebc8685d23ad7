/**
 * "Apply best params" as text edits: where YAML, JSON, Python and JS/TS files give a param's name a
 * literal value, and how to pin params in a config's space. Pure: the editor and the CLI apply the
 * returned offset edits themselves.
 */
export { applyEdits, explainMissing, languageForFile, paramsByPlainName, plainNameOf, planParamEdits } from './plan';
export { PARAM_PRECISION, paramsAsWritten, valueAsWritten } from './formatValue';
export { pinSpaceInConfig } from './pinSpace';
export { changedText, paramsNotPlaced, planApplyFiles, staleLines, type ApplyFileInput, type ApplyFilePlan } from './planTargets';
export { describeStale, type InactiveParams, inactiveParamsForApply, NO_INACTIVE_PARAMS, type StaleTarget } from './inactiveTargets';
export type { ApplyLanguage, ApplyPlan, MissingParam, ParamPlacement, PinPlan, SkippedMatch, TextEditPlan } from './types';
