/**
 * The study read model: what every view (CLI, Studies tree, status bar, notifications, leaderboard)
 * shows about a study, derived from its trials by one set of rules. Pure: no I/O, no editor.
 */
export { bestTrial, compareTrials, isBetter, isRanked, RANK_STATE_ORDER, rankTrials, type RankableTrial, topCompleteTrials } from './ranking';
export { budgetProgress, countStates, formatProgress, progressFraction, type BudgetProgress, type StateCounts } from './counts';
export { overviewOf, type StudyOverview } from './studyOverview';
export { formatBest, formatElapsed, formatNumber, formatParamValue, formatParams, formatPlacement, formatValue, jsonNumber, placementParts, type PlacementParts, stateLabel, WHOLE_PLACEMENT } from './format';
export { formatArgs, formatBestParams, formatTrialParams, PARAM_FORMAT_LABELS, PARAM_FORMATS, type ParamFormat, type ParamSource } from './paramFormats';
export * from './trialAttrs';
export { countDisplayStates, DISPLAY_STATE_MEANINGS, DISPLAY_STATES, displayState, displayStateLabel, displayStateOf, type DisplayState, lastRunStopped } from './displayState';
export { isFeasible, isMultiObjective, isParetoRanked, paretoRankable, paretoRanking, paretoRankingOfTrials, type ParetoRankable, type ParetoRanking, type ParetoStanding } from './paretoRanking';
export { hypervolumeHistory, hypervolumeReference, type HypervolumeHistory, type HypervolumePoint } from './hypervolumeHistory';
export { formatObjectiveValues, type FrontMember, frontInObjectiveOrder, noParamsReason } from './frontTrials';
export { INACTIVE_MARK, INACTIVE_TITLE, inactiveParamsOf, inactiveReason, isInactiveParam, leftOutNote, paramCellText, paramNamesOf, type ParamTrial } from './inactiveParams';
