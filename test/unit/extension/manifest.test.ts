/** The manifest and the code agree: every contributed command is registered, every menu names one. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';

const repo = resolve(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as {
  activationEvents: string[];
  contributes: { commands: { command: string }[]; menus: Record<string, { command: string }[]> };
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const registered = new Set(sources(join(repo, 'src', 'extension')).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/registerCommand\('([\w.]+)'/g)].map((m) => m[1]!)));

describe('extension manifest', () => {
  it('registers every command it contributes, and contributes every command it registers', () => {
    const contributed = new Set(manifest.contributes.commands.map((c) => c.command));
    assert.deepEqual([...contributed].filter((c) => !registered.has(c)), [], 'contributed but never registered');
    // tuneboard.revealStudy is internal (the status bar's multi-study click), so it has no palette entry.
    assert.deepEqual([...registered].filter((c) => !contributed.has(c) && c !== 'tuneboard.revealStudy'), [], 'registered but not in the manifest');
  });

  it('names only contributed commands in its menus', () => {
    const contributed = new Set(manifest.contributes.commands.map((c) => c.command));
    for (const [menu, items] of Object.entries(manifest.contributes.menus)) {
      for (const item of items) assert.ok(contributed.has(item.command), `${menu} names ${item.command}`);
    }
  });

  it('activates to restore a leaderboard after a reload', () => {
    assert.ok(manifest.activationEvents.includes('onWebviewPanel:tuneboard.leaderboard'));
    assert.match(readFileSync(join(repo, 'src/extension/leaderboard/leaderboardPanel.ts'), 'utf8'), /LEADERBOARD_VIEW_TYPE = 'tuneboard\.leaderboard'/);
  });
});
