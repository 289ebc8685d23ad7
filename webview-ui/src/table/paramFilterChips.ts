/**
 * The active parameter filters as chips (set here or by brushing the parallel-coordinates chart):
 * clicking a chip edits it, its × removes it. "Filter" opens a list of what can be filtered.
 */
import { codicon, createElement } from '../layout/createElement';
import { Popover } from '../layout/popover';
import type { LeaderboardStore } from '../store/leaderboardStore';
import { describeFilter, filterEditor, filterLabel, filterTargets, type FilterTarget } from './paramFilterEditor';

export class ParamFilterChips {
  readonly element: HTMLElement;
  private readonly chips: HTMLElement;
  private readonly addButton: HTMLButtonElement;
  private key = '';

  constructor(private readonly store: LeaderboardStore) {
    this.chips = createElement('div', { class: 'tb-filter-chips', role: 'list', 'aria-label': 'Parameter filters' });
    this.addButton = createElement('button', { class: 'tb-tool-button', type: 'button', title: 'Filter by a parameter or the objective', 'aria-haspopup': 'dialog', 'aria-expanded': 'false' },
      codicon('filter'), createElement('span', {}, 'Filter'));
    this.addButton.addEventListener('click', () => Popover.toggle(this.addButton, () => this.targetList(), 'Filter by'));
    this.element = createElement('div', { class: 'tb-param-filters' }, this.addButton, this.chips);
  }

  update(): void {
    // Runs on every batch of trials: cheap unless the filters changed.
    const filters = [...this.store.filters.params];
    const key = JSON.stringify(filters) + JSON.stringify(this.store.header?.objectives ?? this.store.header?.metric);
    if (key === this.key) return;
    this.key = key;
    this.chips.replaceChildren(...filters.map(([name, filter]) => {
      const label = filterLabel(this.store, name);
      const text = describeFilter(label, filter);
      const edit = createElement('button', { class: 'tb-filter-chip-edit', type: 'button', title: `Edit the filter on ${label}`, 'aria-haspopup': 'dialog' }, text);
      const remove = createElement('button', { class: 'tb-filter-chip-remove', type: 'button', title: `Remove the filter on ${label}`, 'aria-label': `Remove filter ${text}` }, codicon('close'));
      edit.addEventListener('click', () => {
        const target = filterTargets(this.store).find((candidate) => candidate.key === name);
        if (target) Popover.toggle(edit, () => this.editor(target), `Filter by ${label}`);
      });
      remove.addEventListener('click', () => this.store.setParamFilter(name, null));
      return createElement('div', { class: 'tb-filter-chip', role: 'listitem', 'data-param': label }, edit, remove);
    }));
  }

  private editor(target: FilterTarget): HTMLElement {
    return filterEditor(this.store, target, () => Popover.closeAll());
  }

  private targetList(): HTMLElement {
    const targets = filterTargets(this.store);
    const list = createElement('div', { class: 'tb-target-list', role: 'menu' });
    if (targets.length === 0) list.append(createElement('div', { class: 'tb-popover-note' }, 'No parameters yet.'));
    for (const target of targets) {
      const item = createElement('button', { class: 'tb-target', type: 'button', role: 'menuitem' }, target.label);
      item.addEventListener('click', () => {
        Popover.closeAll();
        Popover.toggle(this.addButton, () => this.editor(target), `Filter by ${target.label}`);
      });
      list.append(item);
    }
    return list;
  }
}
