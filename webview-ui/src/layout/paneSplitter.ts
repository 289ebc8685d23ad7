/**
 * A horizontal splitter between two stacked panes (the charts above the trial details): a WAI-ARIA
 * window splitter (role separator, focusable, aria-valuenow the lower pane's share of the height in
 * percent). Drag it with the pointer, or focus it and use Up/Down (Shift: bigger steps), Home/End
 * (the lower pane at its smallest/largest) and Enter (back to the default). The upper pane's share is
 * what the saved view keeps, as `NN.N%`.
 */
import { createElement } from './createElement';

export interface PaneSplitterOptions {
  readonly upper: HTMLElement;
  readonly lower: HTMLElement;
  /** The lower pane's name, for the splitter's label ("Resize <name>"). */
  readonly lowerName: string;
  /** The upper pane's share of the height in percent at first, and on Enter. */
  readonly defaultPercent: number;
  readonly savedPercent?: number;
  /** Neither pane gets less than this many pixels (unless the whole box is smaller). */
  readonly minUpperPx: number;
  readonly minLowerPx: number;
  /** The splitter was moved by the user (for the saved view). */
  readonly onMoved: () => void;
}

const KEY_STEP_PERCENT = 2;

export class PaneSplitter {
  /** The box holding the upper pane, the splitter and the lower pane. */
  readonly element: HTMLElement;
  readonly handle: HTMLElement;
  private percent: number;

  constructor(private readonly options: PaneSplitterOptions) {
    const { upper, lower } = options;
    if (!lower.id) lower.id = `tb-pane-${Math.random().toString(36).slice(2, 8)}`;
    this.handle = createElement('div', {
      class: 'tb-pane-splitter', role: 'separator', tabindex: 0, 'aria-orientation': 'horizontal',
      'aria-label': `Resize ${options.lowerName}`, 'aria-controls': lower.id, 'aria-valuemin': 0, 'aria-valuemax': 100,
      title: `Drag to resize ${options.lowerName} (or focus and use ↑/↓)`,
    });
    this.element = createElement('div', { class: 'tb-pane-stack' }, upper, this.handle, lower);
    upper.classList.add('tb-pane-upper');
    lower.classList.add('tb-pane-lower');
    this.percent = options.savedPercent ?? options.defaultPercent;
    this.handle.addEventListener('pointerdown', (event) => this.onPointerDown(event));
    this.handle.addEventListener('keydown', (event) => this.onKeyDown(event));
    this.handle.addEventListener('dblclick', () => this.set(this.options.defaultPercent, true));
    new ResizeObserver(() => this.apply()).observe(this.element);
    this.apply();
  }

  /** The upper pane's share, e.g. `55.0%`. */
  get position(): string {
    return `${this.percent.toFixed(1)}%`;
  }

  /** The upper pane's share in percent that keeps both panes at least their minimum height. */
  private bounds(): { min: number; max: number } {
    const height = this.element.clientHeight - this.handle.offsetHeight;
    if (height <= 0) return { min: 0, max: 100 };
    const min = Math.min(50, (100 * this.options.minUpperPx) / height);
    const max = Math.max(50, 100 - (100 * this.options.minLowerPx) / height);
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
    // A share of the height the two panes have, the splitter's own left out.
    this.options.upper.style.flexBasis = `calc(${(shown / 100).toFixed(4)} * (100% - ${this.handle.offsetHeight}px))`;
    // The value is the size of the pane the splitter controls, the details below it.
    this.handle.setAttribute('aria-valuenow', String(Math.round(100 - shown)));
    this.handle.setAttribute('aria-valuemin', String(Math.round(100 - max)));
    this.handle.setAttribute('aria-valuemax', String(Math.round(100 - min)));
  }

  private onPointerDown(event: PointerEvent): void {
    if (event.button !== 0) return;
    event.preventDefault();
    this.handle.setPointerCapture(event.pointerId);
    this.handle.classList.add('active');
    const move = (moved: PointerEvent): void => {
      const box = this.element.getBoundingClientRect();
      const height = box.height - this.handle.offsetHeight;
      if (height > 0) this.set((100 * (moved.clientY - box.top - this.handle.offsetHeight / 2)) / height, false);
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
    let next: number;
    switch (event.key) {
      case 'ArrowUp':
        next = this.percent - step;
        break;
      case 'ArrowDown':
        next = this.percent + step;
        break;
      case 'Home':
        next = max; // the details at their smallest
        break;
      case 'End':
        next = min; // the details at their largest
        break;
      case 'Enter':
        next = this.options.defaultPercent;
        break;
      default:
        return;
    }
    event.preventDefault();
    this.set(next, true);
  }
}
