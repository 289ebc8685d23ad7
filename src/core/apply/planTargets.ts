/**
 * One Apply over every file at once, for the editor and `tuneboard apply` alike: each `apply:` target
 * planned with its map, and the config itself when the values are to be pinned in its space. Both
 * sides read the files their own way (open documents, or the disk) and hand the texts in here, so
 * what gets written, and what is listed as not placed or skipped, is decided in one place.
 */
import type { ParamValue } from '../distributions';
import { pinSpaceInConfig } from './pinSpace';
import { applyEdits, planParamEdits } from './plan';
import { describeStale, type InactiveParams, NO_INACTIVE_PARAMS, type StaleTarget } from './inactiveTargets';
import type { MissingParam, ParamPlacement, TextEditPlan } from './types';

/** A file to plan: an `apply:` target with its map, or the config whose space is pinned. */
export interface ApplyFileInput {
  /** How the file is named in messages and plans (its language comes from the extension). */
  readonly file: string;
  readonly text: string;
  readonly kind: 'apply' | 'pin';
  readonly map: Readonly<Record<string, string>>;
}

export interface ApplyFilePlan {
  readonly file: string;
  readonly kind: 'apply' | 'pin';
  /** The text the plan was made from: the edits' offsets point into it. */
  readonly text: string;
  /** Every edit, those whose value already holds (`unchanged`) included. */
  readonly edits: readonly TextEditPlan[];
  /** Params written (for a pin: each pinned param, as one placement). */
  readonly placed: readonly ParamPlacement[];
  readonly missing: readonly MissingParam[];
  /** Places naming a param inactive in the trial, left untouched (describeStale says each); none for a pin. */
  readonly stale: readonly StaleTarget[];
  /** Things to know although every edit is valid, e.g. that pinning leaves nothing to tune. */
  readonly warnings: readonly string[];
}

/** `inactive`: the params the trial lacks (inactiveParamsForApply), reported where an apply: file names them. */
export function planApplyFiles(files: readonly ApplyFileInput[], params: Readonly<Record<string, ParamValue>>, inactive: InactiveParams = NO_INACTIVE_PARAMS): ApplyFilePlan[] {
  return files.map((input) => {
    const { file, text, kind } = input;
    if (kind === 'pin') {
      const pin = pinSpaceInConfig(text, file, params);
      const placed = pin.edits.map((edit) => ({ param: edit.param, name: edit.param, edits: [edit], skipped: [] }));
      return { file, kind, text, edits: pin.edits, placed, missing: pin.missing, stale: [], warnings: pin.warnings };
    }
    const plan = planParamEdits(text, file, params, input.map, inactive);
    return { file, kind, text, edits: plan.placed.flatMap((placement) => placement.edits), placed: plan.placed, missing: plan.missing, stale: plan.stale, warnings: [] };
  });
}

/**
 * What to report as not placed: a param that no `apply:` file placed, with where each of them looked
 * (a param written into one file is not missing from the others), then what a pin could not pin.
 */
export function paramsNotPlaced(plans: readonly ApplyFilePlan[]): { readonly file: string; readonly kind: 'apply' | 'pin'; readonly missing: MissingParam }[] {
  const placedSomewhere = new Set(plans.filter((plan) => plan.kind === 'apply').flatMap((plan) => plan.placed.map((placement) => placement.param)));
  return plans.flatMap((plan) =>
    plan.missing.filter((missing) => plan.kind === 'pin' || !placedSomewhere.has(missing.param)).map((missing) => ({ file: plan.file, kind: plan.kind, missing })),
  );
}

/** Every stale place over the apply: files, once per param and file: `train.py:14: momentum not applied: inactive in trial #12 (optimizer = adam)`. */
export function staleLines(plans: readonly ApplyFilePlan[]): string[] {
  return plans.flatMap((plan) => plan.stale.map((stale) => `${plan.file}:${stale.line}: ${describeStale(stale)}`));
}

/** The file's new text, or null when every value already holds (nothing to write). */
export function changedText(plan: ApplyFilePlan): string | null {
  const edits = plan.edits.filter((edit) => !edit.unchanged);
  return edits.length === 0 ? null : applyEdits(plan.text, edits);
}
