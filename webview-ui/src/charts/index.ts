/**
 * The leaderboard's charts, as tabs: optimisation history, learning curves, parallel coordinates,
 * parameter importance, the slice plot and (for a multi-objective study) the Pareto chart and the
 * hypervolume over trials. Each chart is created the first time its tab is shown,
 * follows the store live, and re-colours itself when the VS Code theme changes.
 */
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import type { WebviewMessage } from '../../../src/protocol/leaderboard';
import type { LeaderboardStore } from '../store/leaderboardStore';
import './charts.css';
import type { ChartDefinition } from './chartDefinition';
import { ChartPanel } from './chartPanel';
import { readPalette, watchTheme } from './chartTheme';
import { curvesChart } from './curvesChart';
import { getInstanceByDom } from './echarts';
import type { EChartsType } from './echarts';
import { historyChart } from './historyChart';
import { hypervolumeChart } from './hypervolumeChart';
import { importanceChart } from './importanceChart';
import { paretoChart } from './paretoChart';
import { parallelChart } from './parallelChart';
import { sliceChart } from './sliceChart';

export type { ChartKind } from './chartDefinition';

/** Read access to the chart instances for the page tests (test/webview/charts.test.ts). */
export interface ChartsTestHook {
  instanceOf(element: HTMLElement): EChartsType | undefined;
}

declare global {
  interface Window {
    readonly tuneboardCharts?: ChartsTestHook;
  }
}

export function mountCharts(container: HTMLElement, store: LeaderboardStore, host: { post(message: WebviewMessage): void }): { dispose(): void } {
  const context = { store, host, palette: readPalette() };
  const panels: ChartPanel[] = [];
  // Choosing another parameter redraws the slice at once.
  const slice: ChartDefinition = sliceChart(store, () => panels[definitions.indexOf(slice)]?.invalidate());
  const pareto: ChartDefinition = paretoChart(store, () => panels[definitions.indexOf(pareto)]?.invalidate());
  // A multi-objective study's history shows the objective chosen in its toolbar.
  const history: ChartDefinition = historyChart(store, () => panels[definitions.indexOf(history)]?.invalidate());
  const definitions: ChartDefinition[] = [history, curvesChart(store), parallelChart(store), importanceChart(store), slice, pareto, hypervolumeChart(store)];

  const multiObjectiveTabs: HTMLElement[] = [];
  // Only a study with several objectives has a Pareto chart and a hypervolume to show.
  const showParetoTab = (): void => {
    for (const tab of multiObjectiveTabs) tab.hidden = (store.header?.objectives?.length ?? 0) < 2;
  };
  const tabs = document.createElement('vscode-tabs');
  tabs.className = 'tb-chart-tabs';
  tabs.setAttribute('aria-label', 'Charts');
  for (const definition of definitions) {
    const panel = new ChartPanel(definition, context);
    panels.push(panel);
    const header = document.createElement('vscode-tab-header');
    header.slot = 'header';
    header.textContent = definition.tab;
    header.title = definition.title;
    header.dataset.chartTab = definition.kind;
    if (definition.kind === 'pareto' || definition.kind === 'hypervolume') multiObjectiveTabs.push(header);
    const tabPanel = document.createElement('vscode-tab-panel');
    tabPanel.className = 'tb-chart-tab-panel';
    tabPanel.append(panel.element);
    tabs.append(header, tabPanel);
  }
  container.append(tabs);

  const activate = (index: number): void => panels.forEach((panel, i) => (i === index ? panel.show() : panel.hide()));
  tabs.addEventListener('vsc-tabs-select', (event) => activate(event.detail.selectedIndex));
  activate(tabs.selectedIndex);
  showParetoTab();

  const unsubscribe = store.subscribe((changes) => {
    // A param asked for by the host: its slice plot comes to the front (the slice picks the param itself).
    if (changes.has('focusParam')) {
      tabs.selectedIndex = definitions.indexOf(slice);
      activate(tabs.selectedIndex);
    }
    if (changes.has('header')) showParetoTab();
    for (const panel of panels) panel.onStoreChange(changes);
  });
  const stopWatchingTheme = watchTheme((palette) => {
    for (const panel of panels) panel.setPalette(palette);
  });
  if (!window.tuneboardCharts) {
    Object.defineProperty(window, 'tuneboardCharts', { value: Object.freeze({ instanceOf: (element: HTMLElement) => getInstanceByDom(element) }) });
  }

  return {
    dispose() {
      unsubscribe();
      stopWatchingTheme();
      for (const panel of panels) panel.dispose();
      tabs.remove();
    },
  };
}
