/**
 * Where each parameter of a parsed space is written in the `space:` section, so a problem found after
 * parsing points at its line: `momentum` opened by `optimizer: { choice: { sgd: { momentum } } }` →
 * space.optimizer.choice.sgd.momentum, `sgd.lr` → the `lr` in sgd's branch, `units_2` (a copy made by
 * `each:`) → space.units. The space's parser knows; its problems are reported elsewhere.
 */
import type { KeyPath } from '../problems';
import { parseSpace } from '../space';

export function spaceParamPaths(rawSpace: unknown, path: KeyPath = ['space']): (name: string) => KeyPath {
  const { paths } = parseSpace(rawSpace, path);
  return (name) => paths[name] ?? [...path, name];
}
