/**
 * Smoke test of the packaged extension in a real VS Code (code-server 1.100 in headless Chromium):
 * it installs, activates, contributes its view container and explorer menu, and the runtime
 * shipped inside the .vsix trains a model. `npm run test:e2e` installs code-server and packages
 * the .vsix first; screenshots land in test-results/e2e/smoke/.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { codeServerBinary } from './codeServer';
import { defaultVsixPath, launchVsCode, repoRoot, type VsCodeSession } from './harness';

const execFileAsync = promisify(execFile);

interface ExtensionManifest {
  publisher: string;
  name: string;
  version: string;
}
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as ExtensionManifest;
const extensionId = `${manifest.publisher}.${manifest.name}`;

const missing = [
  [codeServerBinary, 'scripts/e2e/install-code-server.sh'],
  ['/usr/bin/chromium', 'apt-get install chromium'],
  [defaultVsixPath, 'node scripts/e2e/package-vsix.mjs'],
].filter(([path]) => path !== undefined && !existsSync(path));
// `npm run test:e2e` prepares all three; run alone on a laptop the file skips, in CI it fails.
const skip = missing.length > 0 && !process.env.CI ? `not prepared (${missing.map(([, fix]) => fix).join('; ')}): run npm run test:e2e` : false;

describe('e2e smoke: the packaged extension in code-server', { skip, timeout: 120_000 }, () => {
  let vscode: VsCodeSession;

  before(async () => {
    vscode = await launchVsCode({ testName: 'smoke', workspaceSource: 'examples' });
  });

  after(async () => {
    await vscode?.stop();
  });

  it('loads the workbench on a copy of examples/', async () => {
    await vscode.explorerRow('iris', 1).waitFor();
    await vscode.screenshot('01-workbench');
    assert.notEqual(vscode.workspaceDir, join(repoRoot, 'examples'), 'tests must not touch the repo files');
  });

  it('is installed and activates without an error', async () => {
    assert.ok((await vscode.installedExtensions()).includes(`${extensionId}@${manifest.version}`));
    await vscode.waitForActivation(extensionId);
  });

  it('shows its view container in the activity bar', async () => {
    await vscode.step('activity-bar', () => vscode.activityBar('Tuneboard').waitFor());
  });

  it('offers Tune in the explorer context menu of a *.tune.yaml', async () => {
    const configRow = await vscode.revealInExplorer('iris/iris.tune.yaml');
    await vscode.rightClick(configRow);
    await vscode.screenshot('02-iris-context-menu');
    await vscode.step('menu-tune', async () => {
      const tune = vscode.menuItem('Tune');
      await tune.waitFor();
      assert.equal(await tune.getAttribute('aria-disabled'), null, 'Tune is disabled');
    });
    await vscode.pressEscape();
  });

  it('trains a trial with the runtime shipped in the .vsix (nothing from the repo)', async () => {
    const extensionDir = join(vscode.extensionsDir, `${extensionId}-${manifest.version}`);
    const storageDir = mkdtempSync(join(tmpdir(), 'tuneboard-e2e-journal-'));
    try {
      // The wasm backend: it needs the .wasm files that .vscodeignore must keep.
      const { stdout } = await execFileAsync(
        process.execPath,
        [join(extensionDir, 'dist', 'cli.js'), 'run', join(vscode.workspaceDir, 'iris', 'iris.tune.yaml'),
          '--plain', '--trials', '1', '--parallel', '1', '--backend', 'wasm', '--storage', join(storageDir, 'iris.jsonl')],
        { cwd: storageDir, env: { ...process.env, NODE_PATH: '' }, timeout: 60_000 },
      );
      assert.match(stdout, /1 complete, 0 pruned, 0 failed/);
    } finally {
      rmSync(storageDir, { recursive: true, force: true });
    }
  });
});
