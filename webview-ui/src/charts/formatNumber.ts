/** Objective values and parameters as people read them: 4 significant digits, exponent when tiny or huge. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value) && Math.abs(value) < 1e6) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e6)) return Number(value.toPrecision(3)).toExponential(); // 1e-4, 2.5e-5
  return String(Number(value.toPrecision(4)));
}
