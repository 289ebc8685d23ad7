/**
 * Hovering the learning curves: the curve nearest the pointer (within a few pixels, so thin lines
 * need no pixel-exact aim, and one curve can be picked out of thousands) is drawn on top in the text
 * colour and named in a tooltip; a click selects its trial. ECharts' own picking in large mode hits
 * only under the 1 px stroke and cannot emphasise one curve of a batch, so the series are silent and
 * the emphasis is one zrender polyline added beside them: hovering never re-renders the batches.
 */
import type { Curve, CurveGroup } from './curveData';
import { graphic } from './echarts';
import type { EChartsType } from './echarts';

/** How far from a curve (px) the pointer may be and still pick it. */
const PICK_PX = 6;

export interface CurveHoverOptions {
  /** The groups as last drawn, topmost last; hidden ones (legend) are skipped. */
  readonly groups: () => readonly CurveGroup[];
  readonly isShown: (group: CurveGroup) => boolean;
  /** The tooltip's lines for a trial's curve: the first is its title. */
  readonly describe: (number: number, group: CurveGroup) => readonly string[];
  /** The emphasis stroke (the theme's text colour). */
  readonly color: () => string;
  readonly select: (number: number) => void;
}

interface Picked {
  readonly number: number;
  readonly group: CurveGroup;
  readonly curve: Curve;
}

export class CurveHover {
  private readonly tip: HTMLElement;
  private readonly line = new graphic.Polyline({ name: 'tb-hovered-curve', silent: true, z: 7, shape: { points: [] }, style: { fill: 'none', lineWidth: 2.5 } });
  private picked: Picked | null = null;
  private frame = 0;

  constructor(private readonly chart: EChartsType, private readonly options: CurveHoverOptions) {
    this.tip = document.createElement('div');
    this.tip.className = 'tb-curve-tip';
    this.tip.setAttribute('role', 'tooltip');
    this.tip.hidden = true;
    chart.getDom().append(this.tip);
    const zr = chart.getZr();
    this.line.ignore = true;
    zr.add(this.line);
    zr.on('mousemove', (event) => {
      const { offsetX, offsetY } = event;
      cancelAnimationFrame(this.frame);
      // At most one search a frame, however fast the pointer moves.
      this.frame = requestAnimationFrame(() => this.hover(offsetX, offsetY));
    });
    zr.on('globalout', () => {
      cancelAnimationFrame(this.frame);
      this.clear();
    });
    zr.on('click', () => {
      if (this.picked) options.select(this.picked.number);
    });
  }

  /** After every redraw: the batches moved or changed, so the emphasis is stale. */
  clear(): void {
    this.picked = null;
    this.tip.hidden = true;
    this.line.ignore = true;
    this.line.markRedraw();
  }

  private hover(x: number, y: number): void {
    const picked = this.chart.containPixel({ gridIndex: 0 }, [x, y]) ? this.pick(x, y) : null;
    if (!picked) return this.clear();
    if (picked.number !== this.picked?.number) {
      this.picked = picked;
      const points: number[][] = [];
      for (let i = 0; i < picked.curve.points.length; i += 2) points.push(this.chart.convertToPixel({ gridIndex: 0 }, [picked.curve.points[i] as number, picked.curve.points[i + 1] as number]));
      this.line.setShape({ points });
      this.line.setStyle({ stroke: this.options.color() });
      this.line.ignore = false;
      this.line.markRedraw();
      const [title = '', ...rest] = this.options.describe(picked.number, picked.group);
      const heading = document.createElement('b');
      heading.textContent = title;
      this.tip.replaceChildren(heading, ...rest.flatMap((line) => [document.createElement('br'), document.createTextNode(line)]));
      this.tip.hidden = false;
    }
    // Beside the pointer, flipped to stay inside the chart.
    const box = this.chart.getDom();
    const left = x + 14 + this.tip.offsetWidth > box.clientWidth ? x - 14 - this.tip.offsetWidth : x + 14;
    const top = y + 14 + this.tip.offsetHeight > box.clientHeight ? y - 14 - this.tip.offsetHeight : y + 14;
    this.tip.style.transform = `translate(${Math.max(0, left)}px, ${Math.max(0, top)}px)`;
  }

  /** The curve nearest to the pointer, in pixels; on a tie the one drawn on top. */
  private pick(x: number, y: number): Picked | null {
    // The axes are linear: one offset and scale per axis maps data to pixels.
    const [ox = 0, oy = 0] = this.chart.convertToPixel({ gridIndex: 0 }, [0, 0]);
    const [ux = 0, uy = 0] = this.chart.convertToPixel({ gridIndex: 0 }, [1, 1]);
    const sx = ux - ox;
    const sy = uy - oy;
    let best: Picked | null = null;
    let bestDistance = PICK_PX * PICK_PX;
    const groups = this.options.groups();
    for (let g = groups.length - 1; g >= 0; g--) {
      const group = groups[g] as CurveGroup;
      if (!this.options.isShown(group)) continue;
      for (let index = 0; index < group.curves.length; index++) {
        const curve = group.curves[index] as Curve;
        const distance = squaredDistance(curve.points, x, y, ox, oy, sx, sy);
        if (distance < bestDistance) {
          bestDistance = distance;
          best = { number: group.numbers[index] as number, group, curve };
        }
      }
    }
    return best;
  }
}

/** The squared pixel distance from (x, y) to a polyline given in data units. */
function squaredDistance(points: Float64Array, x: number, y: number, ox: number, oy: number, sx: number, sy: number): number {
  let nearest = Infinity;
  let ax = ox + (points[0] as number) * sx;
  let ay = oy + (points[1] as number) * sy;
  if (points.length === 2) return (x - ax) ** 2 + (y - ay) ** 2;
  for (let i = 2; i < points.length; i += 2) {
    const bx = ox + (points[i] as number) * sx;
    const by = oy + (points[i + 1] as number) * sy;
    const dx = bx - ax;
    const dy = by - ay;
    const length = dx * dx + dy * dy;
    const t = length === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / length));
    const d = (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2;
    if (d < nearest) nearest = d;
    ax = bx;
    ay = by;
  }
  return nearest;
}
