/**
 * A small panel anchored under a button (filter editors, the column chooser). One is open at a time;
 * Escape or a click outside closes it and gives focus back to the button that opened it.
 */
import { createElement } from './createElement';

export class Popover {
  private static open: Popover | null = null;
  readonly element: HTMLElement;
  private readonly onDocumentPointer = (event: PointerEvent): void => {
    const path = event.composedPath();
    if (!path.includes(this.element) && !path.includes(this.anchor)) this.close();
  };

  private constructor(private readonly anchor: HTMLElement, content: HTMLElement, label: string) {
    this.element = createElement('div', { class: 'tb-popover', role: 'dialog', 'aria-label': label }, content);
    this.element.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      event.stopPropagation();
      this.close();
      this.anchor.focus();
    });
  }

  /** Opens `content` under `anchor`, closing any other popover; a second click on the same anchor closes it. */
  static toggle(anchor: HTMLElement, content: () => HTMLElement, label: string): Popover | null {
    const same = Popover.open?.anchor === anchor;
    Popover.open?.close();
    if (same) return null;
    const popover = new Popover(anchor, content(), label);
    popover.show();
    return popover;
  }

  static closeAll(): void {
    Popover.open?.close();
  }

  close(): void {
    if (Popover.open !== this) return;
    Popover.open = null;
    this.element.remove();
    this.anchor.setAttribute('aria-expanded', 'false');
    document.removeEventListener('pointerdown', this.onDocumentPointer, true);
  }

  private show(): void {
    Popover.open = this;
    document.body.append(this.element);
    const box = this.anchor.getBoundingClientRect();
    const width = this.element.offsetWidth;
    this.element.style.left = `${Math.max(4, Math.min(box.left, window.innerWidth - width - 4))}px`;
    this.element.style.top = `${box.bottom + 4}px`;
    this.anchor.setAttribute('aria-expanded', 'true');
    document.addEventListener('pointerdown', this.onDocumentPointer, true);
    const first = this.element.querySelector<HTMLElement>('vscode-textfield, vscode-checkbox, button, input, [tabindex="0"]');
    first?.focus();
  }
}
