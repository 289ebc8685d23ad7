// What a newcomer and a Marketplace user read: the README's first commands and requirements, the
// README's CLI commands naming files that exist, the MIT LICENSE, and a .vsix that ships the
// user-facing README (docs/marketplace/README.md) rather than this repository's developer README.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT } from '../fixtures/configs';

const read = (file: string): string => readFileSync(join(REPO_ROOT, file), 'utf8');
const readme = read('README.md');
const manifest = JSON.parse(read('package.json')) as { license: string; engines: { node: string; vscode: string } };
const MARKETPLACE_README = 'docs/marketplace/README.md';

describe('README', () => {
  it('starts with `npm ci && npm run demo` and `npm test`', () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const commands = firstBlock.split('\n').filter(Boolean).map((line) => line.replace(/\s+#.*$/, '').trim());
    assert.deepEqual(commands.slice(0, 2), ['npm ci && npm run demo', 'npm test']);
  });

  it('states Node ≥ 20 and VS Code ≥ 1.90 near the top, as package.json requires', () => {
    const top = readme.split('\n').slice(0, 12).join('\n');
    assert.equal(manifest.engines.node, '>=20');
    assert.equal(manifest.engines.vscode, '^1.90.0');
    assert.match(top, /Node\.js ≥ 20/);
    assert.match(top, /VS Code ≥ 1\.90/);
  });

  it('every `node dist/cli.js <command> <file>` names a file that exists', () => {
    const uses = [...readme.matchAll(/node dist\/cli\.js \w+ ((?:examples|test)\/\S+\.(?:ya?ml|jsonl))/g)].map((m) => m[1] ?? '');
    assert.ok(uses.length >= 4);
    for (const file of uses) assert.ok(existsSync(join(REPO_ROOT, file)), file);
  });

  it('the commands after the demo read the study the demo writes', () => {
    const demo = read('scripts/demo.mjs');
    const demoConfig = /join\(repoRoot, 'examples', '(\w+)', '([\w.-]+)'\)/.exec(demo);
    assert.ok(demoConfig, 'scripts/demo.mjs names its config');
    const config = `examples/${demoConfig[1]}/${demoConfig[2]}`;
    const firstShow = /node dist\/cli\.js show (\S+)/.exec(readme)?.[1];
    const firstBest = /node dist\/cli\.js best (\S+)/.exec(readme)?.[1];
    assert.equal(firstShow, config);
    assert.equal(firstBest, config);
  });
});

describe('LICENSE', () => {
  it('is the MIT licence of the Tuneboard contributors, as package.json says', () => {
    const license = read('LICENSE');
    assert.equal(manifest.license, 'MIT');
    assert.match(license, /^MIT License\n\nCopyright \(c\) 2026 Tuneboard contributors\n/);
    assert.match(license, /THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND/);
  });
});

describe('the .vsix', () => {
  it('is packaged with the user-facing README', () => {
    const script = read('scripts/e2e/package-vsix.mjs');
    assert.match(script, /'--readme-path', userReadme/);
    assert.match(script, /const userReadme = join\('docs', 'marketplace', 'README\.md'\)/);
    assert.ok(!script.includes("'--skip-license'"), 'LICENSE exists: no need to skip it');
  });

  it('ships LICENSE and docs/marketplace/README.md, not the developer README or the other docs', () => {
    const listed = spawnSync('npx', ['--no-install', '@vscode/vsce', 'ls', '--no-dependencies', '--readme-path', MARKETPLACE_README], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(listed.status, 0, listed.stderr);
    const files = listed.stdout.split('\n').map((line) => line.trim()).filter(Boolean);
    assert.ok(files.includes('LICENSE'), files.join('\n'));
    assert.ok(files.includes(MARKETPLACE_README), files.join('\n'));
    assert.ok(!files.includes('README.md'), 'the developer README is left out');
    assert.deepEqual(files.filter((f) => f.startsWith('docs/') && f !== MARKETPLACE_README), []);
  });

  it('its README is for users: requirements, no repository-relative links, no developer commands', () => {
    const userReadme = read(MARKETPLACE_README);
    assert.match(userReadme, /VS Code 1\.90 or newer/);
    assert.match(userReadme, /Node\.js 20 or newer/);
    // vsce cannot resolve relative links without a repository URL: they would be broken on the Marketplace.
    assert.deepEqual([...userReadme.matchAll(/\]\((?!https?:|#)([^)]+)\)/g)].map((m) => m[1]), []);
    for (const devOnly of ['npm ci', 'npm test', 'npm run', 'dist/cli.js', 'node_modules', 'test/']) assert.ok(!userReadme.includes(devOnly), devOnly);
  });
});
