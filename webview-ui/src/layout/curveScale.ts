/**
 * A curve of [step, value] points fitted into a box of an SVG (y grows upwards), for the table's
 * sparklines and the detail pane's line charts. Non-finite values are left out.
 */
export interface Box {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

export interface ScaledCurve {
  /** The finite points, in order. */
  readonly finite: readonly (readonly [number, number])[];
  /** The `points` attribute of a polyline through them. */
  readonly points: string;
  readonly minY: number;
  readonly maxY: number;
  x(step: number): number;
  y(value: number): number;
}

export function scaleCurve(curve: readonly (readonly [number, number])[], box: Box): ScaledCurve {
  const finite = curve.filter(([step, value]) => Number.isFinite(step) && Number.isFinite(value));
  let [minX, maxX, minY, maxY] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const [step, value] of finite) {
    minX = Math.min(minX, step);
    maxX = Math.max(maxX, step);
    minY = Math.min(minY, value);
    maxY = Math.max(maxY, value);
  }
  const spanX = maxX - minX || 1;
  const spanY = maxY - minY || 1;
  const x = (step: number): number => box.left + ((step - minX) / spanX) * box.width;
  const y = (value: number): number => box.top + box.height - ((value - minY) / spanY) * box.height;
  const points = finite.map(([step, value]) => `${x(step).toFixed(1)},${y(value).toFixed(1)}`).join(' ');
  return { finite, points, minY, maxY, x, y };
}
