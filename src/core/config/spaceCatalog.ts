/**
 * What the editor's completion and hover know about a `space:` being typed, conditional forms
 * included: where a parameter's own map is (under space: or inside a branch), which parameters a
 * `when:` may name and which an `each:` may count by, the values a parent takes, the names a `${…}`
 * may use (`name?` for one that is not in every trial), and when a declared parameter is active.
 * The space is read leniently: a mistake elsewhere in it must not empty these lists.
 */
import { describeConditions } from '../activeParams';
import { describeDistribution, type Distribution } from '../distributions';
import type { KeyPath } from '../problems';
import type { SearchSpace, SpaceConditions } from '../samplers/sampler';
import { eachCopyName, MAX_EACH, parseSpace, qualifiedName, variantsOf } from '../space';
import { collectDeclarations, type Declaration } from '../space/declarations';
import { inactiveWhen } from './conditionalRefs';
import { isRecord, Issues } from './issues';

/** The parsed space of the document, whatever problems it has. */
interface LenientSpace {
  readonly space: SearchSpace;
  readonly conditions: SpaceConditions;
  /** Where each param is declared (an `each:` copy: at its original). */
  readonly paths: Readonly<Record<string, KeyPath>>;
  readonly declarations: readonly Declaration[];
}

export function lenientSpace(root: unknown): LenientSpace {
  const raw = isRecord(root) ? root.space : undefined;
  if (!isRecord(raw)) return { space: {}, conditions: {}, paths: {}, declarations: [] };
  const { space, conditions, paths } = parseSpace(raw);
  return { space, conditions, paths, declarations: collectDeclarations(raw, ['space'], new Issues()) };
}

/** `space.<name>`, or a parameter inside a branch: `space.optimizer.choice.sgd.momentum`. */
export function isParamPath(path: KeyPath): boolean {
  if (path[0] !== 'space' || path.length < 2 || (path.length - 2) % 3 !== 0) return false;
  for (let i = 2; i < path.length; i += 3) if (path[i] !== 'choice') return false;
  return true;
}

/** A branch's map of parameters: `space.optimizer.choice.sgd`. */
export function isBranchPath(path: KeyPath): boolean {
  return path.length >= 4 && isParamPath(path.slice(0, -2)) && path[path.length - 2] === 'choice';
}

export interface SpaceParamEntry {
  readonly name: string;
  readonly doc: string;
}

/** Parameters a `when:` of the parameter at `paramPath` may name: choices and ints other than itself. */
export function whenParents(paramPath: KeyPath, root: unknown): SpaceParamEntry[] {
  const lenient = lenientSpace(root);
  const own = new Set(finalNames(paramPath, lenient));
  return Object.entries(lenient.space)
    .filter(([name, d]) => !own.has(name) && (d.type === 'categorical' || d.type === 'int'))
    .map(([name, d]) => ({ name, doc: `Active only when '${name}' takes the values given (it takes ${describeDistribution(d)}).` }));
}

/** Int parameters within 0–64 that an `each:` may count copies by. */
export function eachCounts(paramPath: KeyPath, root: unknown): SpaceParamEntry[] {
  const lenient = lenientSpace(root);
  const own = new Set(finalNames(paramPath, lenient));
  return Object.entries(lenient.space)
    .filter(([name, d]) => !own.has(name) && d.type === 'int' && d.low >= 0 && d.high <= MAX_EACH)
    .map(([name, d]) => ({ name, doc: `One copy per layer: ${describeDistribution(d)}, so copies _0 … _${(d as Extract<Distribution, { type: 'int' }>).high - 1}.` }));
}

/** The values a `when:` may name for `parent`: a choice's choices, an int's values (up to MAX_EACH of them). */
export function parentValues(parent: string, root: unknown): string[] {
  const d = lenientSpace(root).space[parent];
  if (d?.type === 'categorical') return d.choices.map(String);
  if (d?.type !== 'int' || (d.high - d.low) / d.step >= MAX_EACH) return [];
  const values: string[] = [];
  for (let v = d.low; v <= d.high; v += d.step) values.push(String(v));
  return values;
}

export interface PlaceholderName {
  /** As it goes inside `${…}`: `momentum?` for a parameter some trials lack. */
  readonly name: string;
  readonly doc: string;
}

/**
 * Every name a command's `${…}` or an apply map may use: the space's parameters (per-layer copies and
 * branch names included), and a name split across branches for whichever branch a trial took.
 */
export function referableNames(root: unknown): string[] {
  return referable(lenientSpace(root));
}

function referable({ space, declarations }: LenientSpace): string[] {
  const names = Object.keys(space);
  for (const decl of declarations) if (decl.branch !== null && !names.includes(decl.name) && Object.hasOwn(space, qualifiedName(decl.branch.value, decl.name))) names.push(decl.name);
  // A name whose range is broken is not in the parsed space, but it is still the user's parameter
  // (not one written with each:, whose copies are the names).
  for (const decl of declarations) if (decl.branch === null && decl.each === null && !names.includes(decl.name)) names.push(decl.name);
  return names;
}

/** The names for `${…}`; one some trials lack only as `name?`, since `${name}` would be an error. */
export function placeholderNames(root: unknown): PlaceholderName[] {
  const lenient = lenientSpace(root);
  return referable(lenient).map((name) => {
    const inactive = inactiveWhen(name, lenient.space, lenient.conditions);
    if (inactive === null) return { name, doc: `The trial's value of space parameter '${name}'.` };
    return { name: `${name}?`, doc: `The trial's value of '${name}', which not every trial has (${inactive}): in a trial without it, this argument and the flag before it are left out.` };
  });
}

/** When the parameter declared at `paramPath` is in a trial, in words; null when it always is. */
export function activityOf(paramPath: KeyPath, root: unknown): string | null {
  const lenient = lenientSpace(root);
  const decl = lenient.declarations.find((d) => samePath(d.at, paramPath));
  const names = finalNames(paramPath, lenient);
  if (decl === undefined || names.length === 0) return null;
  const conditioned = names.filter((n) => (lenient.conditions[n]?.length ?? 0) > 0);
  if (conditioned.length === 0) return null;
  if (decl.each !== null && names.length > 1) {
    const own = (lenient.conditions[names[0] as string] ?? []).slice(0, -1);
    const count = lenient.conditions[names[0] as string]?.at(-1)?.parent ?? 'its count';
    const extra = own.length > 0 ? `, and all only when ${describeConditions(own)}` : '';
    return `One copy per layer: ${names.join(', ')}; ${eachCopyName(decl.name, 'i')} is active when ${count} > i${extra}.`;
  }
  return names.map((n) => `${n === decl.name ? 'Active' : `As ${n}, active`} when ${describeConditions(lenient.conditions[n] ?? [])}.`).join(' ');
}

/**
 * Where `name` (as a command's `${name}` means it) is declared, and what it is: a parameter, or a name
 * split across branches into `<branch>.<name>` variants. Null when the space has no such name.
 */
export function definitionOf(name: string, root: unknown): { readonly at: KeyPath; readonly distribution?: Distribution; readonly activity: string | null; readonly variants: readonly string[] } | null {
  const { space, conditions, paths } = lenientSpace(root);
  const own = paths[name];
  const distribution = space[name];
  if (own !== undefined && distribution !== undefined) return { at: own, distribution, activity: inactiveWhen(name, space, conditions), variants: [] };
  const variants = variantsOf(name, Object.keys(space));
  const first = paths[variants[0] ?? ''];
  return first === undefined ? null : { at: first, activity: null, variants };
}

/** The parameters the declaration at `paramPath` became: itself, its `<branch>.<name>`, or its `each:` copies. */
function finalNames(paramPath: KeyPath, lenient: LenientSpace): string[] {
  const names = Object.entries(lenient.paths).filter(([, at]) => samePath(at, paramPath)).map(([name]) => name);
  if (names.length > 0) return names;
  // A name with the same definition in sibling branches is one param, written (and so placed) at its first.
  const decl = lenient.declarations.find((d) => samePath(d.at, paramPath));
  return decl?.branch && Object.hasOwn(lenient.space, decl.name) ? [decl.name] : [];
}

function samePath(a: KeyPath, b: KeyPath): boolean {
  return a.length === b.length && a.every((key, i) => String(key) === String(b[i]));
}
