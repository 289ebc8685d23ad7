/**
 * Names in a conditional space. A parameter written in sibling branches with different ranges is one
 * parameter per branch, `<branch>.<name>` (`sgd.lr`, `adam.lr`); only one of them is active in a
 * trial, so `${lr}` in a command and an apply target written `lr` mean whichever one the trial has.
 */

/** `units_2`: the copy for layer 2 that `each:` makes of `units` (and the trainer's per-layer name). */
export function eachCopyName(name: string, index: number | 'i'): string {
  return `${name}_${index}`;
}

/** `units_2` → { name: 'units', index: 2 }; null for a name that is no layer copy. */
export function eachCopyOf(name: string): { readonly name: string; readonly index: number } | null {
  const match = /^(.+)_(0|[1-9][0-9]*)$/.exec(name);
  return match ? { name: match[1] as string, index: Number(match[2]) } : null;
}

export function qualifiedName(branch: string, name: string): string {
  return `${branch}.${name}`;
}

/** The names in `names` that are branch variants of `name` (`sgd.lr` for `lr`). */
export function variantsOf(name: string, names: readonly string[]): string[] {
  return names.filter((n) => n !== name && n.endsWith(`.${name}`));
}

/** Which of a trial's params `name` means: itself, else its one active branch variant; undefined when inactive or unknown. */
export function paramKeyIn(name: string, params: Readonly<Record<string, unknown>>): string | undefined {
  if (Object.hasOwn(params, name)) return name;
  const variants = variantsOf(name, Object.keys(params));
  return variants.length === 1 ? variants[0] : undefined;
}
