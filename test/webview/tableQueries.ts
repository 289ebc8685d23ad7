/** Reading the trial table as a user sees it: the rendered rows in order, their cells, selection. */
import type { Page } from 'playwright-core';
import type { LeaderboardPage } from './pageHarness';

export interface RenderedRow {
  readonly number: number;
  /** Cell text by column id (`rank`, `number`, `value`, `param:lr`, …). */
  readonly cells: Readonly<Record<string, string>>;
  readonly selected: boolean;
  readonly best: boolean;
  /** 1-based position in the grid, the header being row 1. */
  readonly rowIndex: number;
}

/** The rows the virtual table has in the DOM (the window plus overscan), top to bottom. */
export async function renderedRows(page: Page): Promise<RenderedRow[]> {
  const rows = await page.locator('.tb-grid-body .tb-row:not([hidden])').evaluateAll((elements) =>
    elements.map((element) => ({
      number: Number(element.dataset.number),
      cells: Object.fromEntries([...element.children].map((cell) => [cell.dataset.column, cell.textContent])),
      selected: element.getAttribute('aria-selected') === 'true',
      best: element.classList.contains('best'),
      rowIndex: Number(element.getAttribute('aria-rowindex')),
    })));
  return (rows as RenderedRow[]).sort((a, b) => a.rowIndex - b.rowIndex);
}

export async function renderedNumbers(page: Page): Promise<number[]> {
  return (await renderedRows(page)).map((row) => row.number);
}

/** Rows whose box lies within the grid's scrolled viewport, below the sticky header. */
export async function rowsInView(page: Page): Promise<number[]> {
  const numbers = await page.locator('.tb-grid').evaluate((grid) => {
    const view = grid.getBoundingClientRect();
    const headerBottom = grid.querySelector('.tb-grid-head').getBoundingClientRect().bottom;
    return [...grid.querySelectorAll('.tb-grid-body .tb-row:not([hidden])')]
      .filter((row) => {
        const box = row.getBoundingClientRect();
        return box.top >= headerBottom - 1 && box.bottom <= view.bottom + 1;
      })
      .map((row) => ({ number: Number(row.dataset.number), index: Number(row.getAttribute('aria-rowindex')) }))
      .sort((a, b) => a.index - b.index)
      .map((row) => row.number);
  });
  return numbers as number[];
}

export async function selectedNumber(page: Page): Promise<number | null> {
  const selected = (await renderedRows(page)).filter((row) => row.selected);
  return selected[0]?.number ?? null;
}

export async function headerLabels(page: Page): Promise<string[]> {
  return page.locator('.tb-head-cell .tb-head-label').allTextContents();
}

export async function sortState(page: Page): Promise<Record<string, string>> {
  const cells = await page.locator('.tb-head-cell').evaluateAll((elements) =>
    elements.map((element) => [element.dataset.column, element.getAttribute('aria-sort')]));
  return Object.fromEntries(cells as [string, string][]);
}

export async function rowCountText(page: Page): Promise<string> {
  return (await page.locator('.tb-row-count').textContent()) ?? '';
}

export async function gridScrollTop(page: Page): Promise<number> {
  return page.locator('.tb-grid').evaluate((grid) => grid.scrollTop as number);
}

/** Clicks a column header (sorts by it) and waits for the table to redraw. */
export async function clickHeader(lb: LeaderboardPage, columnId: string): Promise<void> {
  await lb.page.locator(`.tb-head-cell[data-column="${columnId}"] .tb-sort-button`).click();
  await lb.settle();
}
