/**
 * Where each parameter of a parsed space is written in the `space:` section, so a problem found after
 * parsing points at its line: `momentum` opened by `optimizer: { choice: { sgd: { momentum } } }` →
 * space.optimizer.choice.sgd.momentum, `sgd.lr` → the `lr` in sgd's branch, `units_2` (a copy made by
 * `each:`) → space.units.
 */
import type { KeyPath } from '../problems';
import { collectDeclarations, type Declaration } from '../space/declarations';
import { qualifiedName } from '../space';
import { isRecord, Issues } from './issues';

/** A copy made by `each:`: the declared name and the layer index. */
const EACH_COPY = /^(.+)_(0|[1-9][0-9]*)$/;

export function spaceParamPaths(rawSpace: unknown, path: KeyPath = ['space']): (name: string) => KeyPath {
  // The space's own problems are reported by parseSpace; this pass only reads where things are.
  const declarations = isRecord(rawSpace) ? collectDeclarations(rawSpace, path, new Issues()) : [];
  const namesOf = (d: Declaration): string[] => (d.branch ? [d.name, qualifiedName(d.branch.value, d.name)] : [d.name]);
  return (name) => {
    const written = declarations.find((d) => namesOf(d).includes(name));
    if (written) return written.at;
    const base = EACH_COPY.exec(name)?.[1];
    const copied = base === undefined ? undefined : declarations.find((d) => d.each !== null && namesOf(d).includes(base));
    return copied?.at ?? [...path, name];
  };
}
