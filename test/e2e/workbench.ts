/**
 * What a test does in the VS Code 1.100 workbench, by the selectors docs/recipes.md lists. Every helper
 * saves `failed-<helper>.png` when it throws, so a red run shows where the workbench was.
 */
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';

export class Workbench {
  private failureCount = 0;

  constructor(
    readonly page: Page,
    /** test-results/e2e/<testName>/ */
    readonly screenshotDir: string,
  ) {}

  /** Saves <screenshotDir>/<step>.png of the whole window and returns its path. */
  async screenshot(step: string): Promise<string> {
    const path = join(this.screenshotDir, `${step.replace(/[^\w.-]+/g, '-')}.png`);
    await this.page.screenshot({ path, animations: 'disabled' });
    return path;
  }

  /** Runs `action`; if it throws, saves a numbered failed-<label>.png first. */
  async step<T>(label: string, action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      this.failureCount += 1;
      await this.screenshot(`failed-${this.failureCount}-${label}`).catch(() => undefined);
      throw error;
    }
  }

  /** Loads the workbench and waits until the explorer shows the workspace folder's files. */
  async open(url: string): Promise<void> {
    await this.step('open-workbench', async () => {
      await this.page.goto(url);
      await this.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
    });
  }

  /** Runs a command by its palette title, e.g. `Tuneboard: Tune`, through F1 and the quick input. */
  async runCommand(title: string): Promise<void> {
    await this.step(`runCommand-${title}`, async () => {
      const input = await this.openCommandPalette();
      await input.fill(`>${title}`);
      const row = this.page.locator('.quick-input-list .monaco-list-row', { has: this.page.getByText(title, { exact: true }) });
      await row.first().waitFor();
      await row.first().click();
      // Done when the palette closed or a command's own quick input replaced it (not a fixed wait).
      // (A string: the test tsconfig has no DOM types.)
      await this.page.waitForFunction(`(() => {
        const input = document.querySelector('.quick-input-widget input');
        return !input || !input.checkVisibility() || input.value !== ${JSON.stringify(`>${title}`)};
      })()`);
    });
  }

  /** The explorer row of a file or folder, by its exact name, at `level` (1 = top of the workspace). */
  explorerRow(name: string, level?: number): Locator {
    const rows = this.page.locator(`.explorer-folders-view .monaco-list-row${level === undefined ? '' : `[aria-level="${level}"]`}`);
    return rows.filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(name)}$`) }) });
  }

  /** Expands the folders down to `relPath` in the explorer and returns the row of its last part. */
  async revealInExplorer(relPath: string): Promise<Locator> {
    return this.step(`reveal-${relPath}`, async () => {
      const parts = relPath.split('/');
      for (const [index, folder] of parts.slice(0, -1).entries()) {
        const row = this.explorerRow(folder, index + 1);
        if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
        await row.and(this.page.locator('[aria-expanded="true"]')).waitFor();
      }
      const target = this.explorerRow(parts[parts.length - 1] ?? relPath, parts.length);
      await target.waitFor();
      return target;
    });
  }

  /** Right-clicks and waits for the context menu to open. */
  async rightClick(target: Locator): Promise<void> {
    await this.step('rightClick', async () => {
      await target.click({ button: 'right' });
      await this.page.locator('.monaco-menu').first().waitFor();
    });
  }

  /** An item of the open context menu, by its exact label. */
  menuItem(name: string): Locator {
    return this.page.getByRole('menuitem', { name, exact: true });
  }

  /** Closes an open menu, quick input or hover. */
  async pressEscape(): Promise<void> {
    await this.page.keyboard.press('Escape');
  }

  /** Opens a workspace file in an editor through Quick Open and waits for its tab. */
  async openFile(relPath: string): Promise<void> {
    await this.step(`openFile-${relPath}`, async () => {
      const input = await this.openCommandPalette();
      await input.fill(relPath);
      const fileName = relPath.split('/').pop() ?? relPath;
      await this.page.locator('.quick-input-list .monaco-list-row', { hasText: fileName }).first().waitFor();
      await input.press('Enter');
      await this.page.locator('.tabs-container .tab.active', { hasText: fileName }).waitFor();
    });
  }

  /** Puts the cursor of the active editor at a 1-based line and column (Go to Line/Column). */
  async goToLine(line: number, column: number): Promise<void> {
    await this.step(`goToLine-${line}-${column}`, async () => {
      await this.page.keyboard.press('Control+G');
      const input = this.page.locator('.quick-input-widget input');
      await input.waitFor();
      await input.fill(`:${line}:${column}`);
      await input.press('Enter');
      await input.waitFor({ state: 'hidden' });
    });
  }

  /** Ctrl+Space at a 1-based line and column of the active editor; the suggestion rows' texts once the widget shows. */
  async suggestAt(line: number, column: number, screenshot: string): Promise<string[]> {
    await this.goToLine(line, column);
    await this.page.keyboard.press('Control+Space');
    const rows = this.page.locator('.suggest-widget.visible .monaco-list-row');
    // On a loaded machine the workbench can drop the first Ctrl+Space (it was still closing Go to Line): ask once more.
    if (!(await rows.first().waitFor({ timeout: 5_000 }).then(() => true, () => false))) await this.page.keyboard.press('Control+Space');
    await this.step(`suggest-${screenshot}`, () => rows.first().waitFor({ timeout: 15_000 }));
    await this.screenshot(screenshot);
    return (await rows.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
  }

  /** The activity bar entry of a view container, e.g. `Tuneboard` or `Explorer`. */
  activityBar(title: string): Locator {
    return this.page.locator(`.activitybar .action-item a[aria-label^="${title}"]`);
  }

  /**
   * Opens the Problems panel and returns its rows as screen readers get them: a file row
   * (`4 problems in file x.tune.yaml of folder iris`), then one per problem (`Error: <message> at
   * line 2 and character 39. generated by tuneboard`). Rows present now: to wait for diagnostics
   * to arrive, use waitForProblem.
   */
  async problems(): Promise<string[]> {
    return this.step('problems', async () => {
      const rows = await this.openProblemsPanel();
      const labels = await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('aria-label') ?? ''));
      return labels.filter((label) => label.length > 0);
    });
  }

  /** Opens the Problems panel and waits for a row whose text contains `text`. */
  async waitForProblem(text: string | RegExp, timeoutMs = 20_000): Promise<Locator> {
    return this.step('waitForProblem', async () => {
      const row = (await this.openProblemsPanel()).filter({ hasText: text }).first();
      await row.waitFor({ timeout: timeoutMs });
      return row;
    });
  }

  /** The messages of the notification toasts on screen now. */
  async notifications(): Promise<string[]> {
    return rowTexts(this.page.locator('.notification-toast .notification-list-item-message'));
  }

  /** Waits for a toast whose message contains `text` and returns its locator. */
  async waitForNotification(text: string | RegExp, timeoutMs = 20_000): Promise<Locator> {
    return this.step('waitForNotification', async () => {
      const toast = this.page.locator('.notification-toast', { hasText: text }).first();
      await toast.waitFor({ timeout: timeoutMs });
      return toast;
    });
  }

  private async openProblemsPanel(): Promise<Locator> {
    await this.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
    const panel = this.page.locator('.markers-panel');
    await panel.waitFor();
    return panel.locator('.monaco-list-row');
  }

  private async openCommandPalette(): Promise<Locator> {
    const input = this.page.locator('.quick-input-widget input');
    await this.page.keyboard.press('F1');
    await input.waitFor();
    return input;
  }
}

async function rowTexts(rows: Locator): Promise<string[]> {
  const texts = await rows.allInnerTexts();
  return texts.map((text) => text.replace(/\s+/g, ' ').trim()).filter((text) => text.length > 0);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
