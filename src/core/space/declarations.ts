/**
 * The first pass over a `space:` section: every parameter written in it, flattened out of `choice:`
 * branches, with its `when:` and `each:` taken apart from its range. Later passes give each one its
 * distribution (space.ts) and its final name and conditions (conditions.ts).
 *
 *   optimizer: { choice: { sgd: { momentum: { float: [0, 0.99] } }, adam: null } }
 *   → optimizer (choices sgd, adam), momentum (branch optimizer = sgd)
 */
import { isRecord, Issues, kindOf, show } from '../config/issues';
import type { KeyPath } from '../problems';
import { eachCopyName } from './names';

/** One parameter as written. */
export interface Declaration {
  /** The name as written (final names may qualify it: see conditions.ts). */
  readonly name: string;
  /** Its range, choices or fixed value as written, without `when`/`each` (a branching choice keeps its map). */
  readonly spec: unknown;
  readonly at: KeyPath;
  /** The branch it is written in: the index of the branching declaration and the branch's value. */
  readonly branch: { readonly parent: number; readonly value: string } | null;
  readonly when: { readonly raw: unknown; readonly at: KeyPath } | null;
  readonly each: { readonly raw: unknown; readonly at: KeyPath } | null;
}

/** Keys that say when a parameter exists, as opposed to what values it takes. */
const CONDITION_KEYS = ['when', 'each'];

/** Every parameter of `raw` (a map), parents before the parameters of their branches. */
export function collectDeclarations(raw: Readonly<Record<string, unknown>>, path: KeyPath, issues: Issues): Declaration[] {
  const out: Declaration[] = [];
  walk(raw, path, null, out, issues);
  return out;
}

function walk(map: Readonly<Record<string, unknown>>, path: KeyPath, branch: Declaration['branch'], out: Declaration[], issues: Issues): void {
  for (const [name, written] of Object.entries(map)) {
    const at = [...path, name];
    const { spec, when, each } = splitConditions(written, at);
    const branches = isRecord(spec) && isRecord(spec.choice) ? spec.choice : null;
    const index = out.length;
    out.push({ name, spec, at, branch, when, each });
    if (!branches) continue;
    for (const [value, subspace] of Object.entries(branches)) {
      const branchAt = [...at, 'choice', value];
      // A branch with no parameters of its own: `adam: null`, `adam: {}` or `adam:`.
      if (subspace === null || subspace === undefined) continue;
      if (!isRecord(subspace)) {
        issues.error(branchAt, `branch ${show(value)} of '${name}' must be a map of the parameters it opens (or null for none), got ${kindOf(subspace)}`);
        continue;
      }
      walk(subspace, branchAt, { parent: index, value }, out, issues);
    }
  }
}

function splitConditions(written: unknown, at: KeyPath): Pick<Declaration, 'spec' | 'when' | 'each'> {
  if (!isRecord(written) || !CONDITION_KEYS.some((key) => written[key] !== undefined)) return { spec: written, when: null, each: null };
  const { when, each, ...spec } = written;
  return {
    spec,
    when: when === undefined ? null : { raw: when, at: [...at, 'when'] },
    each: each === undefined ? null : { raw: each, at: [...at, 'each'] },
  };
}

/**
 * Every name a `${name}` or an apply entry may refer to, read leniently from the raw section, so one
 * mistake in a range does not also make each reference to it an error: written names, branch
 * parameters, `<branch>.<name>` qualified names and `name_i` per-layer names.
 */
export function declaredNames(raw: unknown): string[] {
  if (!isRecord(raw)) return [];
  const names = new Set<string>();
  const declarations = collectDeclarations(raw, [], new Issues());
  const visit = (map: Readonly<Record<string, unknown>>, branch: string | null): void => {
    for (const [name, written] of Object.entries(map)) {
      if (isRecord(written) && written.each !== undefined) {
        // Only its copies are parameters: `${units}` would have no value in any trial.
        const copies = copiesOf(written.each, declarations);
        for (let i = 0; i < copies; i++) names.add(eachCopyName(name, i));
      } else {
        names.add(name);
        if (branch !== null) names.add(`${branch}.${name}`);
      }
      const branches = isRecord(written) && isRecord(written.choice) ? written.choice : null;
      for (const [value, subspace] of Object.entries(branches ?? {})) if (isRecord(subspace)) visit(subspace, value);
    }
  };
  visit(raw, null);
  return [...names];
}

/**
 * How many copies `each: count` makes: the count's high (`units_5` with layers in [1, 3] is no name),
 * or the limit when that range is not readable, whose problem is reported at the count.
 */
function copiesOf(count: unknown, declarations: readonly Declaration[]): number {
  const spec = declarations.find((d) => d.name === count)?.spec;
  const bounds: unknown = isRecord(spec) ? spec.int : undefined;
  const high: unknown = Array.isArray(bounds) ? bounds[1] : undefined;
  return typeof high === 'number' && Number.isSafeInteger(high) && high >= 0 && high <= MAX_EACH ? high : MAX_EACH;
}

/** At most this many copies per `each:` (`units_0` … `units_63`): a layer count, not a dimension count. */
export const MAX_EACH = 64;

export { CONDITION_KEYS };
