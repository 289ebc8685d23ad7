/**
 * A trial draft (params, their distributions, attrs) as journal records: SET_TRIAL_PARAM per param then
 * the attrs for a trial that exists, or the same as CREATE_TRIAL fields for a new one. Refuses what
 * Optuna's replay would drop (a param whose distribution differs from the study's earlier trials') and
 * what a journal cannot hold (a value outside its distribution, or not finite).
 */
import { compatible, describeDistribution, distributionToJson, toInternal, type Distribution, type ParamValue } from '../distributions';
import type { JournalReplay } from './journalReplay';
import type { CreateTrialOp, JournalOp } from './journalOps';
import type { StudyRecord, TrialDraft } from './storage';
import { StorageError } from './storageError';

/** SET_TRIAL_PARAM per param, then the draft's user and system attrs, for trial `trialId`. */
export function trialDraftOps(replay: JournalReplay, study: StudyRecord, workerId: string, trialId: number, draft: TrialDraft): JournalOp[] {
  const ops: JournalOp[] = [];
  for (const [name, value] of Object.entries(draft.params)) {
    const distribution = draft.distributions[name];
    if (!distribution) throw new StorageError(`param "${name}" has no distribution`);
    const earlier = replay.paramDistribution(study.id, name);
    if (earlier && !compatible(earlier, distribution)) {
      throw new StorageError(`param "${name}" is ${describeDistribution(distribution)}, but earlier trials of study "${study.name}" have it as ${describeDistribution(earlier)}; Optuna would drop the new value`);
    }
    ops.push({ op_code: 5, worker_id: workerId, trial_id: trialId, param_name: name, param_value_internal: internalValue(name, distribution, value), distribution: jsonOf(distribution) });
  }
  for (const [key, value] of Object.entries(draft.userAttrs ?? {})) ops.push({ op_code: 8, worker_id: workerId, trial_id: trialId, user_attr: { [key]: value } });
  for (const [key, value] of Object.entries(draft.systemAttrs ?? {})) ops.push({ op_code: 9, worker_id: workerId, trial_id: trialId, system_attr: { [key]: value } });
  return ops;
}

/** A new trial's params, distributions and attrs as CREATE_TRIAL fields, checked as trialDraftOps checks them. */
export function trialDraftFields(replay: JournalReplay, study: StudyRecord, draft: TrialDraft): Pick<CreateTrialOp, 'params' | 'distributions' | 'user_attrs' | 'system_attrs'> {
  const params: Record<string, number> = {};
  const distributions: Record<string, string> = {};
  for (const op of trialDraftOps(replay, study, '', -1, { params: draft.params, distributions: draft.distributions })) {
    if (op.op_code !== 5) continue;
    params[op.param_name] = op.param_value_internal;
    distributions[op.param_name] = op.distribution;
  }
  return { params, distributions, user_attrs: { ...draft.userAttrs }, system_attrs: { ...draft.systemAttrs } };
}

/** Distributions are frozen: each one's JSON text is built once (every ask writes the space's). */
const distributionTexts = new WeakMap<Distribution, string>();

function jsonOf(distribution: Distribution): string {
  let text = distributionTexts.get(distribution);
  if (text === undefined) {
    text = distributionToJson(distribution);
    distributionTexts.set(distribution, text);
  }
  return text;
}

function internalValue(name: string, distribution: Distribution, value: ParamValue): number {
  let internal: number;
  try {
    internal = toInternal(distribution, value);
  } catch (error) {
    throw new StorageError(`param "${name}": ${(error as Error).message}`);
  }
  if (!Number.isFinite(internal)) throw new StorageError(`param "${name}" is ${internal}; a journal holds only finite params`);
  return internal;
}
