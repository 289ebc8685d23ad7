/** The column chooser: a checkbox per column in a popover; unticking hides the column (and exports skip it). */
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import { codicon, createElement } from '../layout/createElement';
import { Popover } from '../layout/popover';
import type { ColumnId, LeaderboardStore } from '../store/leaderboardStore';
import { allColumns } from './columns';

export class ColumnChooser {
  readonly element: HTMLButtonElement;

  constructor(private readonly store: LeaderboardStore) {
    this.element = createElement('button', { class: 'tb-tool-button tb-columns-button', type: 'button', title: 'Choose columns', 'aria-haspopup': 'dialog', 'aria-expanded': 'false' },
      codicon('list-selection'), createElement('span', {}, 'Columns'));
    this.element.addEventListener('click', () => Popover.toggle(this.element, () => this.content(), 'Columns'));
  }

  private content(): HTMLElement {
    const boxes = allColumns(this.store).map((column) => {
      const label = column.id === 'value' ? `${column.label} (objective)` : column.id.startsWith('metric:') ? `${column.label} (final metric)` : column.label;
      const box = createElement('vscode-checkbox', { label, class: 'tb-column-choice', 'data-column': column.id });
      box.checked = !this.store.hidden.has(column.id);
      box.addEventListener('change', () => this.setShown(column.id, box.checked));
      return box;
    });
    const showAll = createElement('button', { class: 'tb-link-button', type: 'button' }, 'Show all');
    showAll.addEventListener('click', () => {
      this.store.setHidden(new Set());
      for (const box of boxes) box.checked = true;
    });
    return createElement('div', { class: 'tb-column-chooser' },
      createElement('div', { class: 'tb-popover-title' }, 'Columns', showAll),
      createElement('div', { class: 'tb-column-list' }, ...boxes));
  }

  private setShown(id: ColumnId, shown: boolean): void {
    const hidden = new Set(this.store.hidden);
    if (shown) hidden.delete(id);
    else hidden.add(id);
    this.store.setHidden(hidden);
  }
}
