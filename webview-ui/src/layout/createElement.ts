/** Builds DOM nodes in one expression, so views read as the markup they make. */

type Attributes = Readonly<Record<string, string | number | boolean | null | undefined>>;
type Child = Node | string | null | undefined | false;

/**
 * `createElement('button', { class: 'chip', 'aria-pressed': true }, 'Complete')`. Attributes that are
 * null, undefined or false are left out; `true` sets an empty attribute, except for aria-* where it
 * means "true".
 */
export function createElement<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  setAttributes(node, attributes);
  for (const child of children) if (child !== null && child !== undefined && child !== false) node.append(child);
  return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function createSvgElement<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: SVGElement[]): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, tag);
  setAttributes(node, attributes);
  node.append(...children);
  return node;
}

export function setAttributes(node: Element, attributes: Attributes): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) node.removeAttribute(name);
    else if (value === true) node.setAttribute(name, name.startsWith('aria-') ? 'true' : '');
    else node.setAttribute(name, String(value));
  }
}

/** A codicon glyph (the font VS Code Elements uses too); decorative, so hidden from screen readers. */
export function codicon(name: string, extraClass = ''): HTMLElement {
  return createElement('span', { class: `codicon codicon-${name} ${extraClass}`.trim(), 'aria-hidden': true });
}
