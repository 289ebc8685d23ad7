/**
 * "Apply best params" as text edits: where YAML, JSON, Python and JS/TS files give a param's name a
 * literal value, and how to pin params in a config's space. Pure: the editor and the CLI apply the
 * returned offset edits themselves.
 */
export { applyEdits, explainMissing, languageForFile, planParamEdits } from './plan';
export { PARAM_PRECISION, paramsAsWritten, valueAsWritten } from './formatValue';
export { pinSpaceInConfig } from './pinSpace';
export { changedText, paramsNotPlaced, planApplyFiles, type ApplyFileInput, type ApplyFilePlan } from './planTargets';
export type { ApplyLanguage, ApplyPlan, MissingParam, ParamPlacement, PinPlan, SkippedMatch, TextEditPlan } from './types';
