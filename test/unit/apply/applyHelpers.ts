import { join } from 'node:path';
import type { ParamValue } from '../../../src/core/distributions';
import { applyEdits, explainMissing, planParamEdits, type ApplyPlan, type MissingParam } from '../../../src/core/apply';

/** Plans the params into `text` and applies every edit: the new text, the plan, and the edited lines. */
export function applyParams(
  text: string,
  fileName: string,
  params: Readonly<Record<string, ParamValue>>,
  map?: Readonly<Record<string, string>>,
): { text: string; plan: ApplyPlan; lines: Record<string, number[]> } {
  const plan = planParamEdits(text, fileName, params, map);
  const edits = plan.placed.flatMap((placement) => placement.edits);
  const lines = Object.fromEntries(plan.placed.map((placement) => [placement.param, placement.edits.map((edit) => edit.line)]));
  return { text: applyEdits(text, edits), plan, lines };
}

/** Lines joined with \n, so expected files read as code in the tests. */
export function lines(...rows: string[]): string {
  return rows.join('\n');
}

export const EXAMPLES = join(__dirname, '..', '..', '..', 'examples');

/** What a missing param's message says: the patterns looked for, then each place skipped and why. */
export function lookedFor(missing: MissingParam | undefined): string {
  return missing ? explainMissing(missing) : '';
}
