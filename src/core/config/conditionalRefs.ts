/**
 * A command's `${name}` must have a value in every trial. In a conditional space a parameter that
 * may be inactive is written `${name?}`, so its argument (and flag) is dropped instead: saying so
 * while the config is typed beats a trial failing at run time.
 */
import { describeConditions } from '../activeParams';
import { choiceKey, describeDistribution, type Distribution, type ParamValue } from '../distributions';
import type { KeyPath } from '../problems';
import type { SearchSpace, SpaceConditions } from '../samplers/sampler';
import { variantsOf } from '../space';
import { placeholderFix } from './fixes';
import type { Issues } from './issues';
import { placeholdersOf } from './placeholders';

export function checkConditionalPlaceholders(command: readonly string[], space: SearchSpace, conditions: SpaceConditions, issues: Issues): void {
  // A param whose definition has a problem is missing from `space`, which can make a same-named branch
  // sibling look conditional: refs to such names wait until that problem is fixed (no cascade).
  const broken = new Set(issues.list.filter((p) => p.severity === 'error' && p.path[0] === 'space').flatMap((p) => p.path.filter((_, i) => i % 3 === 1).map(String)));
  command.forEach((arg, i) => {
    for (const ref of placeholdersOf(arg).refs) {
      if (ref.optional || broken.has(ref.name)) continue;
      const when = inactiveWhen(ref.name, space, conditions);
      if (when === null) continue;
      const at: KeyPath = ['trial', 'command', i];
      const fix = placeholderFix(at, ref.name, `${ref.name}?`);
      issues.error(at, `\${${ref.name}} is not in every trial (${when}): write \${${ref.name}?} so the argument, and the flag before it, is left out of trials without it`, undefined, fix);
    }
  });
}

/** Null when `name` has a value in every trial; else when it is inactive, in words. */
export function inactiveWhen(name: string, space: SearchSpace, conditions: SpaceConditions): string | null {
  if (Object.hasOwn(space, name)) {
    const own = conditions[name];
    return own === undefined || own.length === 0 || inEveryTrial(name, space, conditions) ? null : `it is only active when ${describeConditions(own)}`;
  }
  const variants = variantsOf(name, Object.keys(space));
  if (variants.length === 0) return null;
  // Branch variants cover every trial when they split one always-active choice between them.
  const parents = new Set(variants.flatMap((v) => (conditions[v] ?? []).map((c) => c.parent)));
  const [parent] = parents;
  const choice = parent === undefined ? undefined : space[parent];
  const covered = parents.size === 1 && parent !== undefined && !conditions[parent]?.length && choice?.type === 'categorical' && variants.every((v) => conditions[v]?.length === 1) &&
    choice.choices.every((c) => variants.some((v) => conditions[v]?.[0]?.values.includes(c)));
  return covered ? null : `its branch variants ${variants.join(', ')} do not cover every value of ${parent === undefined || choice === undefined ? 'their parent' : `${parent} (${describeDistribution(choice)})`}`;
}

/**
 * A param whose conditions hold for every value their parents take is in every trial (`units_0` of
 * `each: layers` with layers in [1, 3]). `seen` stops at a cycle, which the space reports itself.
 */
function inEveryTrial(name: string, space: SearchSpace, conditions: SpaceConditions, seen: ReadonlySet<string> = new Set()): boolean {
  if (seen.has(name)) return false;
  const trail = new Set([...seen, name]);
  return (conditions[name] ?? []).every((c) => takesOnly(space[c.parent], c.values) && inEveryTrial(c.parent, space, conditions, trail));
}

/** True when every value `d` can take is among `values`. */
function takesOnly(d: Distribution | undefined, values: readonly ParamValue[]): boolean {
  const keys = new Set(values.map(choiceKey));
  if (d?.type === 'categorical') return d.choices.every((c) => keys.has(choiceKey(c)));
  if (d?.type !== 'int' || (d.high - d.low) / d.step + 1 > keys.size) return false;
  for (let v = d.low; v <= d.high; v += d.step) if (!keys.has(choiceKey(v))) return false;
  return true;
}
