// Bundles each runtime entry point with esbuild. `--watch` rebuilds on change.
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
  { entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode', '@tensorflow/*'] },
  // The TensorFlow.js trainer on its own, for bench/train.mjs.
  { entryPoints: ['src/runner/trainer/index.ts'], outfile: 'dist/trainer.js' },
];

for (const options of builds) {
  const config = { ...common, ...options };
  if (watch) {
    const ctx = await esbuild.context(config);
    await ctx.watch();
  } else {
    await esbuild.build(config);
  }
}
