/**
 * The second pass over a conditional space: final names, conditions and order.
 * - A name written in several sibling branches of one choice is one parameter when its definition is
 *   the same in each, else one parameter per branch named `<branch>.<name>` (`sgd.lr`, `adam.lr`).
 * - `each: layers` makes `units` into `units_0` … `units_{max-1}`; `units_i` is active when layers > i.
 * - `when: { model: cnn }` and a branch both become ActiveWhen conditions (activeParams.ts).
 * - Parents come before the parameters they condition; cycles and parameters that can never be
 *   active are problems at the key that causes them.
 */
import { sameDistribution } from '../samplers/intersectionSearchSpace';
import { choiceKey, describeDistribution, toInternal, contains, type Distribution, type ParamValue } from '../distributions';
import { renameKeyFix, replaceValueFix } from '../config/fixes';
import { isRecord, kindOf, show, type Issues } from '../config/issues';
import type { KeyPath } from '../problems';
import { suggestName } from '../suggest';
import type { ActiveWhen, SearchSpace, SpaceConditions } from '../samplers/sampler';
import { MAX_EACH, type Declaration } from './declarations';
import { eachCopyName, qualifiedName, variantsOf } from './names';

/** A declaration with its distribution (null when its range was invalid: a problem is reported already). */
export interface TypedDeclaration extends Declaration {
  readonly distribution: Distribution | null;
  readonly grid?: number;
}

export interface ResolvedSpace {
  readonly space: SearchSpace;
  /** Where each param is written (an `each:` copy: its declaration), for problems found after parsing. */
  readonly paths: Readonly<Record<string, KeyPath>>;
  readonly gridPoints: Readonly<Record<string, number>>;
  readonly conditions: SpaceConditions;
}

/** One final parameter before `each` copies it. */
interface Param {
  name: string;
  readonly declarations: readonly TypedDeclaration[];
  readonly distribution: Distribution;
  readonly grid?: number;
  conditions: ActiveWhen[];
  /** The parameter `each:` counts by, and where it is written. */
  each: { readonly parent: string; readonly at: KeyPath } | null;
}

export function resolveConditions(decls: readonly TypedDeclaration[], namePattern: RegExp, issues: Issues): ResolvedSpace {
  const finalNames = nameDeclarations(decls, namePattern, issues);
  const params = new Map<string, Param>();
  decls.forEach((decl, i) => {
    const name = finalNames[i];
    if (name === undefined || decl.distribution === null) return;
    const existing = params.get(name);
    if (existing) (existing.declarations as TypedDeclaration[]).push(decl);
    else params.set(name, { name, declarations: [decl], distribution: decl.distribution, grid: decl.grid, conditions: [], each: null });
  });
  const broken = new Set(decls.flatMap((d, i) => (finalNames[i] === undefined || d.distribution === null ? [d.name, ...(d.branch ? [qualifiedName(d.branch.value, d.name)] : [])] : [])));
  for (const param of params.values()) {
    const first = param.declarations[0] as TypedDeclaration;
    if (first.branch) {
      const parent = finalNames[first.branch.parent];
      if (parent !== undefined && params.has(parent)) param.conditions.push({ parent, values: param.declarations.map((d) => d.branch?.value ?? '') });
    }
    if (first.when) readWhen(param, first.when, params, broken, issues);
    if (first.each) param.each = readEach(param, first.each, params, broken, issues);
  }
  const expanded = expandEach([...params.values()], params, issues);
  const ordered = orderParents(expanded, issues);
  reportNeverActive(ordered, issues);
  return {
    space: Object.fromEntries(ordered.map((p) => [p.name, p.distribution])),
    paths: Object.fromEntries(ordered.map((p) => [p.name, (p.declarations[0] as TypedDeclaration).at])),
    gridPoints: Object.fromEntries(ordered.filter((p) => p.grid !== undefined).map((p) => [p.name, p.grid as number])),
    conditions: Object.fromEntries(ordered.filter((p) => p.conditions.length > 0).map((p) => [p.name, p.conditions])),
  };
}

/**
 * Each declaration's final name (undefined when it clashes): names repeat only across sibling
 * branches of one choice, merged when the definitions match and qualified when they differ.
 */
function nameDeclarations(decls: readonly TypedDeclaration[], namePattern: RegExp, issues: Issues): (string | undefined)[] {
  const names: (string | undefined)[] = decls.map((d) => d.name);
  const byName = new Map<string, number[]>();
  decls.forEach((d, i) => byName.set(d.name, [...(byName.get(d.name) ?? []), i]));
  for (const [name, indices] of byName) {
    if (indices.length < 2) continue;
    const group = indices.map((i) => decls[i] as TypedDeclaration);
    const parent = group[0]?.branch?.parent;
    const siblings = parent !== undefined && group.every((d) => d.branch?.parent === parent) && new Set(group.map((d) => d.branch?.value)).size === group.length;
    if (!siblings) {
      for (const i of indices.slice(1)) {
        const first = group[0] as TypedDeclaration;
        issues.error((decls[i] as TypedDeclaration).at, `parameter '${name}' is already declared at ${formatAt(first.at)}; a name may repeat only in sibling branches of one choice`, 'key');
        names[i] = undefined;
      }
      continue;
    }
    if (group.some((d) => d.distribution === null)) continue;
    const same = group.every((d) => sameDistribution(d.distribution as Distribution, group[0]?.distribution as Distribution) && sameConditions(d, group[0] as TypedDeclaration));
    if (same) continue;
    for (const i of indices) {
      const decl = decls[i] as TypedDeclaration;
      const qualified = qualifiedName(decl.branch?.value ?? '', name);
      if (!namePattern.test(qualified)) {
        issues.error(decl.at, `'${name}' differs between branches, so each branch's gets its own name, but '${qualified}' is not a valid parameter name: rename the branch or the parameter`, 'key');
        names[i] = undefined;
      } else names[i] = qualified;
    }
  }
  // A qualified name may meet a name written as such.
  const seen = new Map<string, TypedDeclaration>();
  names.forEach((name, i) => {
    const decl = decls[i] as TypedDeclaration;
    const other = name === undefined ? undefined : seen.get(name);
    if (name === undefined) return;
    if (other && !(other.name === decl.name && other.branch?.parent === decl.branch?.parent)) {
      issues.error(decl.at, `parameter '${name}' (from ${formatAt(decl.at)}) clashes with the one at ${formatAt(other.at)}; rename one`, 'key');
      names[i] = undefined;
    } else if (!other) seen.set(name, decl);
  });
  return names;
}

function sameConditions(a: TypedDeclaration, b: TypedDeclaration): boolean {
  return JSON.stringify(a.when?.raw ?? null) === JSON.stringify(b.when?.raw ?? null) && JSON.stringify(a.each?.raw ?? null) === JSON.stringify(b.each?.raw ?? null);
}

/** `when: { parent: value | [values], … }`: each key a condition, all of which must hold. */
function readWhen(param: Param, when: NonNullable<Declaration['when']>, params: ReadonlyMap<string, Param>, broken: ReadonlySet<string>, issues: Issues): void {
  if (!isRecord(when.raw) || Object.keys(when.raw).length === 0) {
    issues.error(when.at, `when must map a parameter to the value (or list of values) it must take, e.g. when: { model: cnn }, got ${kindOf(when.raw)}`);
    return;
  }
  for (const [parentName, rawValues] of Object.entries(when.raw)) {
    const at = [...when.at, parentName];
    const parent = resolveParent(parentName, param.name, at, params, broken, issues, 'when');
    if (!parent) continue;
    if (parent.distribution.type === 'float') {
      issues.error(at, `when: '${parent.name}' is a float (${describeDistribution(parent.distribution)}), so no value of it can be named; a condition's parent must be a choice or an int`, 'key');
      continue;
    }
    const values = Array.isArray(rawValues) ? rawValues : [rawValues];
    if (values.length === 0) {
      issues.error(at, `when: list the values of '${parent.name}' that make '${param.name}' active`);
      continue;
    }
    const accepted: ParamValue[] = [];
    values.forEach((value: unknown, i) => {
      const valueAt = Array.isArray(rawValues) ? [...at, i] : at;
      if (parentTakes(parent.distribution, value)) accepted.push(value as ParamValue);
      else if (asBranchName(parent.distribution, value)) issues.error(valueAt, `'${parent.name}' never takes ${show(value)}: its branch names are strings, so quote it: "${String(value)}"`);
      else issues.error(valueAt, `'${parent.name}' never takes ${show(value)} (it takes ${describeDistribution(parent.distribution)}), so this condition never holds`);
    });
    if (accepted.length === values.length) param.conditions.push({ parent: parent.name, values: accepted });
  }
}

/** `each: layers`: the int parameter whose value says how many copies are active. */
function readEach(param: Param, each: NonNullable<Declaration['each']>, params: ReadonlyMap<string, Param>, broken: ReadonlySet<string>, issues: Issues): Param['each'] {
  if (typeof each.raw !== 'string') {
    issues.error(each.at, `each names the int parameter that counts the copies, e.g. each: layers, got ${kindOf(each.raw)}`);
    return null;
  }
  const parent = resolveParent(each.raw, param.name, each.at, params, broken, issues, 'each');
  if (!parent) return null;
  const d = parent.distribution;
  if (d.type !== 'int') {
    issues.error(each.at, `each: '${parent.name}' must be an int parameter (a count of layers), but it is ${describeDistribution(d)}`);
    return null;
  }
  if (d.low < 0 || d.high > MAX_EACH) {
    issues.error(each.at, `each: '${parent.name}' must count between 0 and ${MAX_EACH} (it is ${describeDistribution(d)}); one copy of '${param.name}' is made per possible layer`);
    return null;
  }
  return { parent: parent.name, at: each.at };
}

/** `broken`: names declared with a problem reported already, so a condition naming one is not a second one. */
function resolveParent(name: string, child: string, at: KeyPath, params: ReadonlyMap<string, Param>, broken: ReadonlySet<string>, issues: Issues, key: 'when' | 'each'): Param | null {
  const parent = params.get(name);
  if (parent) {
    if (parent.name === child) {
      issues.error(at, `${key}: '${child}' cannot depend on itself`, 'key');
      return null;
    }
    return parent;
  }
  if (broken.has(name)) return null;
  const qualified = variantsOf(name, [...params.keys()]);
  const known = [...params.keys()].filter((n) => n !== child);
  const close = suggestName(name, known);
  const hint = qualified.length > 0 ? `; '${name}' differs between branches, so name one of ${qualified.map((n) => `'${n}'`).join(', ')}` : close ? `; did you mean '${close}'?` : ` (known: ${known.join(', ')})`;
  const fix = qualified.length > 0 || close === null ? undefined : key === 'when' ? renameKeyFix(at, close) : replaceValueFix(at, close);
  issues.error(at, `${key}: no parameter '${name}' in the space${hint}`, key === 'when' ? 'key' : undefined, fix);
  return null;
}

function parentTakes(d: Distribution, value: unknown): boolean {
  if (!(typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')) return false;
  if (d.type === 'categorical') return d.choices.some((c) => choiceKey(c) === choiceKey(value));
  if (d.type === 'float' || typeof value !== 'number' || !Number.isInteger(value)) return false;
  return contains(d, toInternal(d, value));
}

/** `when: { flag: true }` for branches written `true:` and `false:`, which YAML reads as the strings "true" and "false". */
function asBranchName(d: Distribution, value: unknown): boolean {
  return d.type === 'categorical' && (typeof value === 'number' || typeof value === 'boolean') && d.choices.includes(String(value));
}

/** `units` with `each: layers` (1–4) → units_0 (layers ≥ 1) … units_3 (layers = 4). */
function expandEach(params: readonly Param[], byName: ReadonlyMap<string, Param>, issues: Issues): Param[] {
  const out: Param[] = [];
  const taken = new Set(params.map((p) => p.name));
  for (const param of params) {
    const layers = param.each === null ? undefined : byName.get(param.each.parent)?.distribution;
    if (param.each === null || layers?.type !== 'int') {
      out.push(param);
      continue;
    }
    const counts: number[] = [];
    for (let n = layers.low; n <= layers.high; n += layers.step) counts.push(n);
    for (let i = 0; i < layers.high; i++) {
      const name = eachCopyName(param.name, i);
      if (taken.has(name)) {
        issues.error(param.each.at, `each: the copy '${name}' of '${param.name}' clashes with the parameter '${name}'; rename one`);
        continue;
      }
      const values = counts.filter((n) => n > i);
      if (values.length === 0) continue;
      out.push({ ...param, name, conditions: [...param.conditions, { parent: param.each.parent, values }] });
    }
  }
  // A condition on a parameter that `each` turned into copies names no parameter any more.
  const names = new Set(out.map((p) => p.name));
  for (const param of out) {
    const gone = param.conditions.find((c) => !names.has(c.parent));
    const first = param.declarations[0] as TypedDeclaration;
    if (gone) issues.error(first.when?.at ?? first.at, `'${gone.parent}' has one copy per layer (each:), so a condition must name one copy, e.g. ${gone.parent}_0`);
  }
  return out;
}

/** Parents first, otherwise as written; a cycle is reported at the `when` that closes it. */
function orderParents(params: readonly Param[], issues: Issues): Param[] {
  const byName = new Map(params.map((p) => [p.name, p]));
  const state = new Map<string, 'visiting' | 'done'>();
  const out: Param[] = [];
  const visit = (param: Param, trail: string[]): void => {
    const seen = state.get(param.name);
    if (seen === 'done') return;
    if (seen === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(param.name)), param.name];
      const first = param.declarations[0] as TypedDeclaration;
      issues.error(first.when?.at ?? first.each?.at ?? first.at, `conditions form a cycle: ${cycle.join(' → ')}; a parameter cannot depend on itself`);
      return;
    }
    state.set(param.name, 'visiting');
    for (const condition of param.conditions) {
      const parent = byName.get(condition.parent);
      if (parent) visit(parent, [...trail, param.name]);
    }
    state.set(param.name, 'done');
    out.push(param);
  };
  for (const param of params) visit(param, []);
  return out;
}

/**
 * A parameter is active only when its parents are, so the values each ancestor may take for it are the
 * intersection along the chain; an empty one means it can never be active.
 */
function reportNeverActive(ordered: readonly Param[], issues: Issues): void {
  const allowed = new Map<string, Map<string, { keys: Set<string>; why: string[] }>>();
  for (const param of ordered) {
    const own = new Map<string, { keys: Set<string>; why: string[] }>();
    const narrow = (parent: string, keys: Set<string>, why: string): void => {
      const before = own.get(parent);
      own.set(parent, before ? { keys: new Set([...before.keys].filter((k) => keys.has(k))), why: [...before.why, why] } : { keys, why: [why] });
    };
    for (const condition of param.conditions) {
      const values = condition.values.map((v) => show(v)).join(' or ');
      narrow(condition.parent, new Set(condition.values.map((v) => choiceKey(v))), `${condition.parent} = ${values}`);
      for (const [ancestor, entry] of allowed.get(condition.parent) ?? []) {
        // Named by the nearest parent only: `(for 'b' to be active)`, not the whole chain.
        const needs = entry.why.map((why) => why.replace(/ \(for '[^']*' to be active\)$/, '')).join(' and ');
        narrow(ancestor, entry.keys, `${needs} (for '${condition.parent}' to be active)`);
      }
    }
    allowed.set(param.name, own);
    const empty = [...own.entries()].find(([, entry]) => entry.keys.size === 0);
    if (empty) {
      const first = param.declarations[0] as TypedDeclaration;
      issues.error(first.when?.at ?? first.at, `'${param.name}' can never be active: it needs ${empty[1].why.join(' and ')} at once, which no value of '${empty[0]}' meets`);
    }
  }
}

function formatAt(at: KeyPath): string {
  return at.map(String).join('.');
}
