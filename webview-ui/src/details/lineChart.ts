/**
 * A small line chart of one metric per step, as inline SVG: the curve, its range on the y axis, the
 * first and last step on the x axis, and the last value in the title. Colours come from the theme
 * through CSS, so a theme change restyles it without a redraw.
 */
import { createElement, createSvgElement } from '../layout/createElement';
import { scaleCurve } from '../layout/curveScale';
import { formatNumber } from '../format/valueFormat';

const WIDTH = 240;
const HEIGHT = 96;
const PAD = { left: 48, right: 8, top: 6, bottom: 18 };

/** Axis ends need only 3 significant digits (the exact last value is in the title). */
function axisNumber(value: number): string {
  return formatNumber(Number(value.toPrecision(3)));
}

export function lineChart(metric: string, points: readonly (readonly [number, number])[]): HTMLElement {
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const { finite, points: points2d, minY, maxY, x, y } = scaleCurve(points, { left: PAD.left, top: PAD.top, width: plotW, height: plotH });
  const last = finite[finite.length - 1];
  const title = createElement('div', { class: 'tb-chart-title' }, createElement('span', {}, metric),
    createElement('span', { class: 'tb-chart-last' }, last ? `${formatNumber(last[1])} @${last[0]}` : 'no values'));
  const figure = createElement('figure', { class: 'tb-line-chart', 'data-metric': metric }, title);
  if (finite.length === 0) return figure;

  const steps = finite.map(([step]) => step);
  const values = finite.map(([, value]) => value);
  const [minX, maxX] = [Math.min(...steps), Math.max(...steps)];

  const text = (content: string, attributes: Record<string, string | number>): SVGTextElement => {
    const node = createSvgElement('text', { class: 'tb-axis-label', ...attributes });
    node.textContent = content;
    return node;
  };
  const svg = createSvgElement('svg', { class: 'tb-line-chart-svg', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, width: WIDTH, height: HEIGHT, role: 'img', 'aria-label': `${metric} per step, from ${formatNumber(values[0])} to ${formatNumber(last?.[1])}` },
    createSvgElement('line', { class: 'tb-axis', x1: PAD.left, y1: PAD.top + plotH, x2: WIDTH - PAD.right, y2: PAD.top + plotH }),
    createSvgElement('line', { class: 'tb-axis', x1: PAD.left, y1: PAD.top, x2: PAD.left, y2: PAD.top + plotH }),
    text(axisNumber(maxY), { x: PAD.left - 4, y: PAD.top + 8, 'text-anchor': 'end' }),
    text(axisNumber(minY), { x: PAD.left - 4, y: PAD.top + plotH, 'text-anchor': 'end' }),
    text(String(minX), { x: PAD.left, y: HEIGHT - 4, 'text-anchor': 'start' }),
    text(String(maxX), { x: WIDTH - PAD.right, y: HEIGHT - 4, 'text-anchor': 'end' }),
    createSvgElement('polyline', { class: 'tb-line', points: points2d, fill: 'none' }),
  );
  if (finite.length === 1) svg.append(createSvgElement('circle', { class: 'tb-point', cx: x(minX), cy: y(values[0] ?? 0), r: 2.5 }));
  figure.append(svg);
  return figure;
}
