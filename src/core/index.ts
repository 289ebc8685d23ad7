/** The engine's public API, bundled as dist/core.js. */
export { createStudy, type CreateStudyOptions } from './createStudy';
export { Study, FAIL_REASON_ATTR, FIXED_PARAMS_ATTR, InvalidParamError, type TrialHandle, type TrialResult } from './study';
export { parseConfig, type StudyConfig } from './config';
export { defineSearchSpace, parseSpace } from './space';
export { ConfigError, formatProblem, formatKeyPath, type Problem, type Position, type KeyPath } from './problems';
export * from './distributions';
export { createSampler, GridSampler, RandomSampler, TpeSampler, SearchExhaustedError, parseSamplerSpec, SAMPLER_TYPES } from './samplers';
export type { Sampler, SamplerSpec, SamplerType, SearchSpace, StudyView } from './samplers';
export { createPruner, parsePrunerSpec, HyperbandPruner, NopPruner, PercentilePruner, SuccessiveHalvingPruner, PRUNER_TYPES } from './pruners';
export type { Pruner, PrunerSpec, PrunerType } from './pruners';
export { openStorage } from './storage';
export type { Storage, StudyRecord, TrialDraft } from './storage/storage';
export { Rng } from './rng';
export { isFinished, lastStep, trialDuration, type Direction, type FrozenTrial, type JsonValue, type TrialState } from './trial';
export { computeImportance, importanceInputFromTrials, MAX_IMPORTANCE_TRIALS, type ImportanceInput, type ImportanceOutcome } from './importance';
