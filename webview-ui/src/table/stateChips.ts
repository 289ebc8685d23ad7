/**
 * Toggle chips that filter the table by trial state, each with how many trials are in that state. The
 * states are the read model's display states, so failed and stopped trials are filtered apart.
 */
import { DISPLAY_STATE_MEANINGS, type DisplayState } from '../../../src/core/studyView/displayState';
import { codicon, createElement } from '../layout/createElement';
import { ALL_STATES, type LeaderboardStore } from '../store/leaderboardStore';

const LABELS: Readonly<Record<DisplayState, string>> = {
  complete: 'Complete',
  pruned: 'Pruned',
  failed: 'Failed',
  stopped: 'Stopped',
  running: 'Running',
  waiting: 'Waiting',
};

const ICONS: Readonly<Record<DisplayState, string>> = {
  complete: 'pass',
  pruned: 'circle-slash',
  failed: 'error',
  stopped: 'debug-stop',
  running: 'sync',
  waiting: 'clock',
};

export class StateChips {
  readonly element: HTMLElement;
  private readonly chips = new Map<DisplayState, { button: HTMLButtonElement; count: HTMLElement }>();

  constructor(private readonly store: LeaderboardStore) {
    this.element = createElement('div', { class: 'tb-state-chips', role: 'group', 'aria-label': 'Show trials by state' });
    for (const state of ALL_STATES) {
      const count = createElement('span', { class: 'tb-chip-count' });
      const button = createElement('button', { class: 'tb-chip', type: 'button', 'data-state': state }, codicon(ICONS[state]), createElement('span', {}, LABELS[state]), count);
      button.addEventListener('click', () => this.toggle(state));
      this.chips.set(state, { button, count });
      this.element.append(button);
    }
  }

  update(): void {
    const counts = this.store.stateCounts();
    const shown = this.store.filters.states;
    for (const [state, { button, count }] of this.chips) {
      const pressed = shown.has(state);
      count.textContent = String(counts[state]);
      button.setAttribute('aria-pressed', String(pressed));
      button.title = `${pressed ? 'Hide' : 'Show'} ${LABELS[state].toLowerCase()} trials (${counts[state]}): trials that ${DISPLAY_STATE_MEANINGS[state]}`;
      // States no trial is in stay out of the way, unless the user hid them.
      button.hidden = counts[state] === 0 && pressed;
    }
  }

  private toggle(state: DisplayState): void {
    const states = new Set(this.store.filters.states);
    if (states.has(state)) states.delete(state);
    else states.add(state);
    this.store.setFilters({ states });
  }
}
