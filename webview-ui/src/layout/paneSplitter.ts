/**
 * A splitter between two panes, side by side (the table beside the charts) or stacked (the charts
 * above the trial details): a WAI-ARIA window splitter (role separator, focusable, aria-valuenow the
 * controlled pane's share in percent). Drag it with the pointer, or focus it and use the arrow keys
 * (Shift: bigger steps), Home/End (the controlled pane at its smallest/largest) and Enter or a double
 * click (back to the default). One rule for every split of the page: the first pane's share is what
 * the saved view keeps, as `NN.N%`.
 */
import { createElement } from './createElement';

/** `row`: the panes side by side (a vertical splitter); `column`: stacked (a horizontal one). */
export type PaneDirection = 'row' | 'column';

export interface PaneSplitterOptions {
  readonly first: HTMLElement;
  readonly second: HTMLElement;
  readonly direction: PaneDirection;
  /** The pane the splitter's value is the size of, and its name ("Resize <name>"). */
  readonly controls: 'first' | 'second';
  readonly controlledName: string;
  /** The first pane's share in percent at first, and on Enter. */
  readonly defaultPercent: number;
  readonly savedPercent?: number;
  /** Neither pane gets less than this many pixels (unless the whole box is smaller). */
  readonly minFirstPx: number;
  readonly minSecondPx: number;
  /** The splitter was moved by the user (for the saved view). */
  readonly onMoved: () => void;
}

const KEY_STEP_PERCENT = 2;

export class PaneSplitter {
  /** The box holding the first pane, the splitter and the second pane. */
  readonly element: HTMLElement;
  readonly handle: HTMLElement;
  private percent: number;
  private direction: PaneDirection;

  constructor(private readonly options: PaneSplitterOptions) {
    const { first, second } = options;
    const controlled = options.controls === 'first' ? first : second;
    if (!controlled.id) controlled.id = `tb-pane-${Math.random().toString(36).slice(2, 8)}`;
    this.handle = createElement('div', {
      class: 'tb-pane-splitter', role: 'separator', tabindex: 0,
      'aria-label': `Resize ${options.controlledName}`, 'aria-controls': controlled.id, 'aria-valuemin': 0, 'aria-valuemax': 100,
    });
    this.element = createElement('div', { class: 'tb-pane-stack' }, first, this.handle, second);
    first.classList.add('tb-pane-first');
    second.classList.add('tb-pane-second');
    this.direction = options.direction;
    this.percent = options.savedPercent ?? options.defaultPercent;
    this.handle.addEventListener('pointerdown', (event) => this.onPointerDown(event));
    this.handle.addEventListener('keydown', (event) => this.onKeyDown(event));
    this.handle.addEventListener('dblclick', () => this.set(this.options.defaultPercent, true));
    new ResizeObserver(() => this.apply()).observe(this.element);
    this.setDirection(options.direction);
  }

  /** The first pane's share, e.g. `55.0%`. */
  get position(): string {
    return `${this.percent.toFixed(1)}%`;
  }

  /** Side by side or stacked (a narrow panel stacks what sits side by side in a wide one). */
  setDirection(direction: PaneDirection): void {
    this.direction = direction;
    this.element.classList.toggle('tb-pane-row', direction === 'row');
    // The separator lies across the direction the panes follow each other in.
    this.handle.setAttribute('aria-orientation', direction === 'row' ? 'vertical' : 'horizontal');
    this.handle.title = `Drag to resize ${this.options.controlledName} (or focus and use ${direction === 'row' ? '←/→' : '↑/↓'})`;
    this.apply();
  }

  private handleSize(): number {
    return this.direction === 'row' ? this.handle.offsetWidth : this.handle.offsetHeight;
  }

  /** The first pane's share in percent that keeps both panes at least their minimum size. */
  private bounds(): { min: number; max: number } {
    const size = (this.direction === 'row' ? this.element.clientWidth : this.element.clientHeight) - this.handleSize();
    if (size <= 0) return { min: 0, max: 100 };
    const min = Math.min(50, (100 * this.options.minFirstPx) / size);
    const max = Math.max(50, 100 - (100 * this.options.minSecondPx) / size);
    return { min, max };
  }

  private set(percent: number, byUser: boolean): void {
    const { min, max } = this.bounds();
    const next = Math.max(min, Math.min(max, percent));
    if (Math.abs(next - this.percent) < 0.05) return;
    this.percent = next;
    this.apply();
    if (byUser) this.options.onMoved();
  }

  private apply(): void {
    const { min, max } = this.bounds();
    const shown = Math.max(min, Math.min(max, this.percent));
    // A share of the room the two panes have, the splitter's own left out.
    this.options.first.style.flexBasis = `calc(${(shown / 100).toFixed(4)} * (100% - ${this.handleSize()}px))`;
    // The value is the size of the pane the splitter controls.
    const first = this.options.controls === 'first';
    this.handle.setAttribute('aria-valuenow', String(Math.round(first ? shown : 100 - shown)));
    this.handle.setAttribute('aria-valuemin', String(Math.round(first ? min : 100 - max)));
    this.handle.setAttribute('aria-valuemax', String(Math.round(first ? max : 100 - min)));
  }

  private onPointerDown(event: PointerEvent): void {
    if (event.button !== 0) return;
    event.preventDefault();
    this.handle.setPointerCapture(event.pointerId);
    this.handle.classList.add('active');
    const move = (moved: PointerEvent): void => {
      const box = this.element.getBoundingClientRect();
      const row = this.direction === 'row';
      const size = (row ? box.width : box.height) - this.handleSize();
      const offset = row ? moved.clientX - box.left : moved.clientY - box.top;
      if (size > 0) this.set((100 * (offset - this.handleSize() / 2)) / size, false);
    };
    const end = (): void => {
      this.handle.classList.remove('active');
      this.handle.removeEventListener('pointermove', move);
      this.handle.removeEventListener('pointerup', end);
      this.handle.removeEventListener('pointercancel', end);
      this.options.onMoved();
    };
    this.handle.addEventListener('pointermove', move);
    this.handle.addEventListener('pointerup', end);
    this.handle.addEventListener('pointercancel', end);
  }

  private onKeyDown(event: KeyboardEvent): void {
    const step = (event.shiftKey ? 5 : 1) * KEY_STEP_PERCENT;
    const { min, max } = this.bounds();
    // Home/End give the controlled pane its smallest/largest size.
    const smallest = this.options.controls === 'first' ? min : max;
    const largest = this.options.controls === 'first' ? max : min;
    const keys: Readonly<Record<string, number>> = this.direction === 'row'
      ? { ArrowLeft: this.percent - step, ArrowRight: this.percent + step }
      : { ArrowUp: this.percent - step, ArrowDown: this.percent + step };
    const others: Readonly<Record<string, number>> = { Home: smallest, End: largest, Enter: this.options.defaultPercent };
    const next = keys[event.key] ?? others[event.key];
    if (next === undefined) return;
    event.preventDefault();
    this.set(next, true);
  }
}
