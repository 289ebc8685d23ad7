/** Terminal layout for the CLI's views; how values read is the read model's (src/core/studyView/format.ts). */
export { formatClock, truncate } from '../../protocol/studyEventLog';

/** The width to lay text out in: the terminal's, else $COLUMNS (as shells set it), else 100. */
export function terminalWidth(stream: { readonly columns?: number } = process.stdout): number {
  const columns = stream.columns;
  if (columns !== undefined && columns > 0) return columns;
  const fromEnv = Number(process.env.COLUMNS);
  return Number.isSafeInteger(fromEnv) && fromEnv > 0 ? fromEnv : 100;
}
