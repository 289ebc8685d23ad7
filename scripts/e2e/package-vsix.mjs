// Builds the extension and packages it as <out>/tuneboard.vsix for the end-to-end tests.
//   node scripts/e2e/package-vsix.mjs [--out <dir>]      (default out/e2e, gitignored)
// Prints the path of the package on the last line of stdout.
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function parseOutDir(argv) {
  const flagIndex = argv.indexOf('--out');
  return resolve(flagIndex >= 0 && argv[flagIndex + 1] ? argv[flagIndex + 1] : join(repoRoot, 'out', 'e2e'));
}

function run(command, args) {
  // stdin closed: vsce must never sit waiting for a y/N answer in CI.
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    console.error(`package-vsix: \`${command} ${args.join(' ')}\` failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
}

const startedAt = performance.now();
const outDir = parseOutDir(process.argv.slice(2));
const vsixPath = join(outDir, 'tuneboard.vsix');
mkdirSync(outDir, { recursive: true });

run('npm', ['run', 'build', '--silent']);

// vsce's own message names the file but not why it is missing; say where it should come from.
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const entryPoint = join(repoRoot, manifest.main ?? '');
if (!existsSync(entryPoint)) {
  console.error(`package-vsix: package.json "main" (${manifest.main}) was not built: scripts/build.mjs must bundle the extension entry.`);
  process.exit(1);
}

// The Marketplace page and the Extensions view show the package's README: the user-facing one in
// docs/marketplace/, not the repository's developer README.
const userReadme = join('docs', 'marketplace', 'README.md');
run('npx', [
  '--no-install', '@vscode/vsce', 'package', '--no-yarn', '-o', vsixPath, '--readme-path', userReadme,
  // The manifest has no repository field; that only warns here. LICENSE ships as it is.
  '--allow-missing-repository',
]);

const sizeMiB = statSync(vsixPath).size / 2 ** 20;
const seconds = (performance.now() - startedAt) / 1000;
console.error(`package-vsix: ${sizeMiB.toFixed(2)} MiB in ${seconds.toFixed(1)}s`);
console.log(vsixPath);
