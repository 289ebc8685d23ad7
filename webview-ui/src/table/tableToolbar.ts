/**
 * Above the table: the text filter, state chips, parameter filter chips, the column chooser, export
 * buttons and how many trials are shown.
 */
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { ExportFormat } from '../../../src/protocol/leaderboard';
import { codicon, createElement } from '../layout/createElement';
import type { HostPort } from '../store/hostPort';
import type { LeaderboardStore, StoreChange } from '../store/leaderboardStore';
import { ColumnChooser } from './columnChooser';
import { shownColumns } from './columns';
import { ParamFilterChips } from './paramFilterChips';
import { StateChips } from './stateChips';
import { exportTable } from './tableExport';

export class TableToolbar {
  readonly element: HTMLElement;
  private readonly textField: HTMLElementTagNameMap['vscode-textfield'];
  private readonly stateChips: StateChips;
  private readonly paramFilters: ParamFilterChips;
  private readonly count: HTMLElement;

  constructor(private readonly store: LeaderboardStore, private readonly host: HostPort) {
    this.textField = createElement('vscode-textfield', { class: 'tb-text-filter', placeholder: 'Filter: #12, relu, lr=0.01, failed…', 'aria-label': 'Filter trials by text' },
      codicon('search'));
    this.textField.firstElementChild?.setAttribute('slot', 'content-before');
    this.textField.addEventListener('input', () => this.store.setFilters({ text: this.textField.value }));
    this.stateChips = new StateChips(store);
    this.paramFilters = new ParamFilterChips(store);
    this.count = createElement('span', { class: 'tb-row-count', role: 'status', 'aria-live': 'polite' });
    const csv = this.exportButton('csv', 'CSV');
    const json = this.exportButton('json', 'JSON');
    this.element = createElement('div', { class: 'tb-toolbar', role: 'toolbar', 'aria-label': 'Table filters and export' },
      createElement('div', { class: 'tb-toolbar-line' }, this.textField, this.stateChips.element),
      createElement('div', { class: 'tb-toolbar-line' }, this.paramFilters.element, createElement('span', { class: 'tb-spacer' }),
        this.count, new ColumnChooser(store).element, csv, json));
    store.subscribe((changes) => this.onStoreChange(changes));
    this.update();
  }

  private exportButton(format: ExportFormat, label: string): HTMLButtonElement {
    const button = createElement('button', { class: 'tb-tool-button', type: 'button', 'data-export': format, title: `Save the table as ${label}: the rows and columns shown, in this order` },
      codicon('export'), createElement('span', {}, label));
    button.addEventListener('click', () => {
      const content = exportTable(format, shownColumns(this.store), this.store.visible());
      this.host.post({ type: 'saveExport', format, content });
    });
    return button;
  }

  private onStoreChange(changes: ReadonlySet<StoreChange>): void {
    if (changes.has('trials') || changes.has('view') || changes.has('space') || changes.has('header')) this.update();
  }

  private update(): void {
    if (this.textField.value !== this.store.filters.text) this.textField.value = this.store.filters.text;
    this.stateChips.update();
    this.paramFilters.update();
    const shown = this.store.visible().length;
    const total = this.store.rows().length;
    this.count.textContent = shown === total ? `${total.toLocaleString('en-US')} trials` : `${shown.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} trials`;
  }
}
