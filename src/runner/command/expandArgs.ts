/**
 * Fills `${name}` placeholders in a command trial's argv with the trial's params (`$${` stays a
 * literal `${`; `${name?}` drops its argument, and its flag, when the param is inactive). Each
 * argument stays one argument (there is no shell), so values with spaces or quotes pass through
 * untouched.
 */
import { fillCommand, paramKeyIn, type ParamValue } from '../../core';

export function expandArgs(argv: readonly string[], params: Readonly<Record<string, ParamValue>>): string[] {
  return fillCommand(argv, ({ name, optional }) => {
    const key = paramKeyIn(name, params);
    if (key !== undefined) return formatParam(params[key] ?? null);
    if (optional) return null;
    throw new Error(`the command refers to \${${name}}, which is not a parameter of this trial (its parameters: ${Object.keys(params).join(', ')}); write \${${name}?} to drop the argument when the parameter is inactive`);
  });
}

/** A param as a command-line word: numbers in full precision (String round-trips), booleans as true/false. */
export function formatParam(value: ParamValue): string {
  if (value === null) return 'null';
  return String(value);
}
