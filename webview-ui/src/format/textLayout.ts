/**
 * Measuring and wrapping short labels (parameter and metric names) before they are drawn, so a chart
 * or a table can make room for them: parallel axis titles and the table's column headers use the
 * same break points (after _ - . and at camelCase humps) and the same measure.
 */

export interface Font {
  /** In CSS pixels. */
  readonly size: number;
  readonly family: string;
  /** A CSS font weight: 'bold', 600, … (default normal). */
  readonly weight?: string | number;
}

let measureContext: CanvasRenderingContext2D | null | undefined;

/** The width of one line of text in `font` (about 0.62 em a character where there is no canvas). */
export function textWidth(text: string, font: Font): number {
  if (measureContext === undefined) measureContext = document.createElement('canvas').getContext('2d');
  if (!measureContext) return text.length * font.size * 0.62;
  measureContext.font = `${font.weight ?? 'normal'} ${font.size}px ${font.family}`;
  return measureContext.measureText(text).width;
}

export function widestLine(text: string, font: Font): number {
  return Math.max(...text.split('\n').map((line) => textWidth(line, font)));
}

/** Where a name may wrap: after _ - . and before a capital that follows a lower-case letter. */
export function breakPoints(name: string): string[] {
  return name.split(/(?<=[_\-.])|(?<=[a-z])(?=[A-Z])/).filter(Boolean);
}

/**
 * The name in lines no wider than `width`: whole parts where they fit, a part too long for a line of
 * its own broken between characters. No character is dropped.
 */
export function wrapName(name: string, width: number, font: Font): string {
  const lines: string[] = [];
  let line = '';
  for (const part of breakPoints(name)) {
    if (line !== '' && textWidth(line + part, font) > width) {
      lines.push(line);
      line = '';
    }
    line += part;
    while (textWidth(line, font) > width && line.length > 1) {
      let cut = line.length - 1;
      while (cut > 1 && textWidth(line.slice(0, cut), font) > width) cut--;
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}

/**
 * The width of the name's widest line when it may take two lines, split at the break point that
 * makes it narrowest (`learning_` over `rate`). A browser wrapping the name at the same points into
 * that width gives the same two lines.
 */
export function twoLineWidth(name: string, font: Font): number {
  const parts = breakPoints(name);
  let best = textWidth(name, font);
  for (let split = 1; split < parts.length; split++) {
    best = Math.min(best, Math.max(textWidth(parts.slice(0, split).join(''), font), textWidth(parts.slice(split).join(''), font)));
  }
  return best;
}
