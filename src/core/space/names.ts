/**
 * Names in a conditional space. A parameter written in sibling branches with different ranges is one
 * parameter per branch, `<branch>.<name>` (`sgd.lr`, `adam.lr`); only one of them is active in a
 * trial, so `${lr}` in a command and an apply target written `lr` mean whichever one the trial has.
 */

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
