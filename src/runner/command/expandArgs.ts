/**
 * Fills `${name}` placeholders in a command trial's argv with the trial's params (`$${` stays a
 * literal `${`). Each argument stays one argument (there is no shell), so values with spaces or
 * quotes pass through untouched.
 */
import { fillPlaceholders, type ParamValue } from '../../core';

export function expandArgs(argv: readonly string[], params: Readonly<Record<string, ParamValue>>): string[] {
  return argv.map((arg) =>
    fillPlaceholders(arg, (name) => {
      if (!Object.hasOwn(params, name)) {
        throw new Error(`the command refers to \${${name}}, which is not a parameter (parameters: ${Object.keys(params).join(', ')})`);
      }
      return formatParam(params[name] ?? null);
    }),
  );
}

/** A param as a command-line word: numbers in full precision (String round-trips), booleans as true/false. */
export function formatParam(value: ParamValue): string {
  if (value === null) return 'null';
  return String(value);
}
