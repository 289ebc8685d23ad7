/**
 * The editor for one parameter's filter: a min/max range for a numeric parameter (or the objective),
 * checkboxes for a categorical one. Applying sets the store's param filter, the same one the parallel
 * coordinates brush sets.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { ParamValue } from '../../../src/core/distributions';
import type { ParamSpec } from '../../../src/protocol/leaderboard';
import { createElement } from '../layout/createElement';
import { objectiveFilterKey, objectiveOfFilterKey, type LeaderboardStore, type ParamFilter } from '../store/leaderboardStore';
import { objectiveValue } from '../store/paretoRows';
import { formatNumber, formatParam } from '../format/valueFormat';

/** What can be filtered: a parameter of the space, or the objective. */
export type FilterTarget = { readonly key: string; readonly label: string } & (
  | { readonly kind: 'range'; readonly low: number; readonly high: number }
  | { readonly kind: 'choices'; readonly choices: readonly ParamValue[] }
);

export function filterTargets(store: LeaderboardStore): FilterTarget[] {
  // A multi-objective study filters by each objective; a single one by its value.
  const objectives = store.header?.objectives && store.header.objectives.length > 1 ? store.header.objectives : [{ metric: store.header?.metric ?? 'value' }];
  const ranges = objectives.flatMap((objective, index): FilterTarget[] => {
    const values = store.rows().map((row) => (index === 0 ? row.value : objectiveValue(row, index))).filter((value): value is number => value !== null && Number.isFinite(value));
    return values.length === 0 ? [] : [{
      key: objectiveFilterKey(index), label: objective.metric, kind: 'range',
      low: values.reduce((a, b) => Math.min(a, b)), high: values.reduce((a, b) => Math.max(a, b)),
    }];
  });
  return [...ranges, ...store.space.map(toTarget)];
}

/** What a filter key is called: its objective's metric, or the parameter's name. */
export function filterLabel(store: LeaderboardStore, key: string): string {
  const objective = objectiveOfFilterKey(key);
  if (objective === null) return key;
  return (objective === 0 ? store.header?.metric : store.header?.objectives?.[objective]?.metric) ?? 'value';
}

function toTarget(spec: ParamSpec): FilterTarget {
  return spec.type === 'categorical'
    ? { key: spec.name, label: spec.name, kind: 'choices', choices: spec.choices }
    : { key: spec.name, label: spec.name, kind: 'range', low: spec.low, high: spec.high };
}

/** `lr 0.001–0.01`, `activation: relu, tanh`. */
export function describeFilter(label: string, filter: ParamFilter): string {
  return filter.kind === 'range'
    ? `${label} ${formatNumber(filter.min)}–${formatNumber(filter.max)}`
    : `${label}: ${filter.choices.map(formatParam).join(', ') || 'none'}`;
}

export function filterEditor(store: LeaderboardStore, target: FilterTarget, done: () => void): HTMLElement {
  const current = store.filters.params.get(target.key);
  const apply = createElement('vscode-button', { class: 'tb-filter-apply' }, 'Apply');
  const clear = createElement('vscode-button', { secondary: true, class: 'tb-filter-clear' }, 'Clear');
  clear.addEventListener('click', () => {
    store.setParamFilter(target.key, null);
    done();
  });
  const heading = createElement('div', { class: 'tb-popover-title' }, `Filter by ${target.label}`);
  const form = createElement('form', { class: 'tb-filter-editor' }, heading);
  let read: () => ParamFilter | null;

  if (target.kind === 'range') {
    const [min, max] = current?.kind === 'range' ? [current.min, current.max] : [target.low, target.high];
    // Text, not number fields: a number field would flag 0.0001 as invalid (its step is 1), and
    // numbers are checked on Apply anyway.
    const minField = createElement('vscode-textfield', { 'aria-label': 'Minimum', class: 'tb-filter-min' });
    const maxField = createElement('vscode-textfield', { 'aria-label': 'Maximum', class: 'tb-filter-max' });
    minField.value = String(min);
    maxField.value = String(max);
    const error = createElement('div', { class: 'tb-filter-error', role: 'alert' });
    form.append(createElement('div', { class: 'tb-filter-range' }, createElement('label', {}, 'min', minField), createElement('label', {}, 'max', maxField)), error);
    read = () => {
      const low = Number(minField.value);
      const high = Number(maxField.value);
      const valid = minField.value.trim() !== '' && maxField.value.trim() !== '' && Number.isFinite(low) && Number.isFinite(high) && low <= high;
      error.textContent = valid ? '' : 'Enter numbers with min ≤ max.';
      return valid ? { kind: 'range', min: low, max: high } : null;
    };
  } else {
    const chosen = current?.kind === 'choices' ? current.choices : target.choices;
    const boxes = target.choices.map((choice) => {
      const box = createElement('vscode-checkbox', { label: formatParam(choice), class: 'tb-filter-choice' });
      box.checked = chosen.includes(choice);
      return { choice, box };
    });
    form.append(createElement('div', { class: 'tb-filter-choices' }, ...boxes.map(({ box }) => box)));
    read = () => ({ kind: 'choices', choices: boxes.filter(({ box }) => box.checked).map(({ choice }) => choice) });
  }

  const submit = (): void => {
    const filter = read();
    if (!filter) return;
    store.setParamFilter(target.key, filter);
    done();
  };
  apply.addEventListener('click', submit);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      submit();
    }
  });
  form.append(createElement('div', { class: 'tb-popover-actions' }, apply, clear));
  return form;
}
