/**
 * The engine's public API, bundled as dist/core.js, and the one way into the engine for the runner, the
 * CLI and the extension (test/unit/architecture/layers.test.ts checks that nothing imports past it).
 */
export { createStudy, type CreateStudyOptions } from './createStudy';
export { Study, InvalidParamError, type TellOptions, type TrialHandle, type TrialResult } from './study';
export { constraintValuesOf, describeConstraints, describeObjectives, parseConfig, primaryObjective, type ConfigFileReferences, type Constraint, type Objective, type StudyConfig } from './config';
export { declaredNames, defineSearchSpace, paramKeyIn, parseSpace, variantsOf } from './space';
export { ConfigError, formatProblem, formatKeyPath, type Problem, type Position, type KeyPath } from './problems';
export * from './distributions';
export { createSampler, GridSampler, RandomSampler, TpeSampler, SearchExhaustedError, parseSamplerSpec, SAMPLER_TYPES } from './samplers';
export type { ActiveWhen, Sampler, SamplerSpec, SamplerType, SearchSpace, SpaceConditions, StudyView } from './samplers';
export { activeSubspace, describeConditions, isActive, isConditional } from './activeParams';
export { createPruner, parsePrunerSpec, HyperbandPruner, NopPruner, PercentilePruner, SuccessiveHalvingPruner, PRUNER_TYPES } from './pruners';
export type { Pruner, PrunerSpec, PrunerType } from './pruners';
export { describeStorageLocation, isStorageUrl, openStorage, parseStorageLocation, StorageLocationError, type StorageLocation } from './storage';
export type { Storage, StudyRecord, TrialDraft } from './storage/storage';
export { mixSeed, Rng } from './rng';
export { isFinished, lastStep, trialDuration, type Direction, type FrozenTrial, type JsonValue, type TrialState } from './trial';
export { computeImportance, importanceInputFromTrials, MAX_IMPORTANCE_TRIALS, type ImportanceInput, type ImportanceOutcome, withImputationNote } from './importance';
// The read model: what every view shows about a study (best, ranking, counts, n/N, attrs, formats).
export * from './studyView';
// Copy Best Params' default format for the active editor's language.
export { formatForLanguage } from './studyView/paramFormats';
// Insert Best Params at the cursor, and the literal alone for completions.
export {
  insertLanguageOf,
  type InsertContext,
  type InsertContextKind,
  type InsertLanguage,
  type InsertSource,
  paramsInsertion,
  type ParamsInsertion,
  type ParamsInsertionRequest,
  paramValueText,
  type Placement,
  SUPPORTED_LANGUAGE_IDS,
  unsupportedLanguageMessage,
} from './insert';
export { type ApplyFileInput, type ApplyFilePlan, changedText, describeStale, explainMissing, type InactiveParams, inactiveParamsForApply, type MissingParam, NO_INACTIVE_PARAMS, type ParamPlacement, paramsAsWritten, paramsByPlainName, paramsNotPlaced, plainNameOf, pinSpaceInConfig, planApplyFiles, planParamEdits, type SkippedMatch, staleLines, type TextEditPlan, valueAsWritten } from './apply';
export { defaultStoragePath, defaultStudyName, parseGpuList, formatDuration, locateProblems, parseDuration, problemAt, type TrialConfig } from './config';
export { type Backend, type CommandTrialConfig, type DataConfig, type IdxDataConfig, isIdxData, type ModelKind, type TableDataConfig } from './config/types';
export { fillCommand, fillPlaceholders, type PlaceholderRef } from './config/placeholders';
// Completion, hover and quick fixes while a config is typed.
export * from './config/editing';
export { ACTIVATIONS, MODEL_PARAMS, modelParamOf, OPTIMIZERS, perLayerName, POOLINGS, REGRESSION_LOSSES, type ModelParam, type ModelParamRef } from './models/modelParams';
export { checkModelParams } from './models/checkModelParams';
export { studyOptionsOf } from './configuredStudy';
export { type ImportanceOptions, type ParamImportances } from './importance';
export { describePruner } from './pruners';
export { gridValues } from './samplers/grid';
export { ConditionalGrid, MAX_CONDITIONAL_GRID_POINTS } from './samplers/gridPoints';
export { type AppendOptions, FileJournalBackend, isWholeRecord, type JournalBackend, type JournalLine, JournalStorage, JournalUnreachableError, type LockOwner, LockWaitAbortedError, type OpenStorageOptions, readCompleteLines } from './storage';
export { suggestName } from './suggest';
export { feasibleTrials, frontHypervolume, paretoFront } from './multiObjective';
