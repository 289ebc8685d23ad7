// Bundles each runtime entry point with esbuild. `--watch` rebuilds on change.
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // TensorFlow.js loads its backends (native addons, .wasm files) from node_modules at run time.
  external: ['@tensorflow/*'],
};

const builds = [
  // The engine as a library: `require('./dist/core.js')` from any Node script.
  { entryPoints: ['src/core/index.ts'], outfile: 'dist/core.js' },
  // The `tuneboard` command; the shebang makes the bin entry executable.
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // The VS Code extension host: `vscode` is provided by the editor; it must not load TensorFlow.js.
  // Minified (names kept, source map beside it): with the Redis client (ioredis) it would be about 950 KB.
  { entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode', '@tensorflow/*'], minify: true, keepNames: true },
  // The TensorFlow.js trainer on its own, for bench/train.mjs.
  { entryPoints: ['src/runner/trainer/index.ts'], outfile: 'dist/trainer.js' },
  // The leaderboard's parameter importance runs in a worker thread, so a forest fit never blocks the editor.
  { entryPoints: ['src/extension/leaderboard/importanceWorker.ts'], outfile: 'dist/importanceWorker.js' },
  // The leaderboard webview app (docs/design.md §6): a browser bundle of its own, with its CSS beside it.
  {
    entryPoints: ['webview-ui/src/main.ts'],
    outfile: 'dist/webview/leaderboard.js',
    platform: 'browser',
    format: 'iife',
    target: 'chrome114',
    minify: true,
    external: [],
    loader: { '.css': 'css' },
  },
];

// The codicon font VS Code Elements draws its icons with (the page links it by id, see leaderboardHtml.ts).
const codicons = dirname(createRequire(import.meta.url).resolve('@vscode/codicons/package.json'));
mkdirSync('dist/webview', { recursive: true });
for (const file of ['codicon.css', 'codicon.ttf']) copyFileSync(join(codicons, 'dist', file), join('dist/webview', file));

for (const options of builds) {
  const config = { ...common, ...options };
  if (watch) {
    const ctx = await esbuild.context(config);
    await ctx.watch();
  } else {
    await esbuild.build(config);
  }
}
