/**
 * The layer rules, checked on every source file's imports (TypeScript's own pre-processor finds them,
 * so no import form slips through): which folder may import which, what the engine may never use, and
 * that the engine is reached through its barrel (src/core/index.ts). A rule broken names the file and
 * the import.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

const ROOT = resolve(__dirname, '..', '..', '..');

type Layer = 'core' | 'protocol' | 'redis' | 'runner' | 'configChecks' | 'cli' | 'extension' | 'webview';

/**
 * Which layers each layer may import from (itself included). `configChecks` (the files a config names:
 * data file, target column, apply targets) is shared by `validate` and the editor's diagnostics; it
 * reads table headers with the runner's data reader, and only that (checked below).
 */
const ALLOWED: Readonly<Record<Layer, readonly Layer[]>> = {
  core: ['core'],
  protocol: ['protocol', 'core'],
  // The journal on Redis (and the opener that picks file or Redis): Node-side, behind the engine's seam.
  redis: ['redis', 'core'],
  runner: ['runner', 'redis', 'protocol', 'core'],
  configChecks: ['configChecks', 'runner', 'core'],
  cli: ['cli', 'configChecks', 'runner', 'redis', 'protocol', 'core'],
  extension: ['extension', 'configChecks', 'redis', 'protocol', 'core'],
  webview: ['webview', 'protocol', 'core'],
};

/** Packages and Node modules the engine must never use: the editor, training, servers, processes and threads. */
const CORE_FORBIDDEN = [/^vscode$/, /^@tensorflow\//, /^(ioredis|redis|@redis\/)/, /^(node:)?(child_process|worker_threads|cluster)$/];
/** The editor's side renders and spawns; it never trains. */
const EXTENSION_FORBIDDEN = [/^@tensorflow\//];

function layerOf(file: string): Layer | null {
  const rel = relative(ROOT, file).split(sep);
  if (rel[0] === 'webview-ui') return 'webview';
  if (rel[0] !== 'src') return null;
  const folder = rel[1];
  return folder === 'core' || folder === 'protocol' || folder === 'redis' || folder === 'runner' || folder === 'configChecks' || folder === 'cli' || folder === 'extension' ? folder : null;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry) && !entry.endsWith('.d.ts') ? [path] : [];
  });
}

interface Import {
  readonly file: string;
  readonly specifier: string;
  /** The absolute path a relative import points at, without extension; null for packages. */
  readonly target: string | null;
}

function importsOf(file: string): Import[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles.map(({ fileName }) => ({
    file,
    specifier: fileName,
    target: fileName.startsWith('.') ? resolve(dirname(file), fileName) : null,
  }));
}

const FILES = [...sources(join(ROOT, 'src')), ...sources(join(ROOT, 'webview-ui', 'src'))];
const IMPORTS = FILES.flatMap(importsOf);

function describeImport(i: Import): string {
  return `${relative(ROOT, i.file)} imports '${i.specifier}'`;
}

describe('layer rules', () => {
  it('finds the sources and their imports', () => {
    assert.ok(FILES.filter((f) => layerOf(f) === 'core').length > 80, 'the walk reaches every engine file');
    assert.ok(IMPORTS.length > 500);
  });

  it('each folder imports only the layers below it (the extension never imports src/cli or src/runner)', () => {
    const broken = IMPORTS.filter((i) => {
      const from = layerOf(i.file);
      const to = i.target === null ? null : layerOf(i.target);
      return from !== null && to !== null && !ALLOWED[from].includes(to);
    });
    assert.deepEqual(broken.map(describeImport), []);
  });

  it('the engine (src/core) uses no editor, training library, server client, child process or thread', () => {
    const broken = IMPORTS.filter((i) => layerOf(i.file) === 'core' && i.target === null && CORE_FORBIDDEN.some((rule) => rule.test(i.specifier)));
    assert.deepEqual(broken.map(describeImport), []);
  });

  it('the engine never reads the `process` global (it runs in workers, tests and the webview alike)', () => {
    const offenders = FILES.filter((file) => layerOf(file) === 'core').filter((file) => {
      const code = stripComments(readFileSync(file, 'utf8'));
      return /(^|[^.\w$])process\s*\./.test(code);
    });
    assert.deepEqual(offenders.map((f) => relative(ROOT, f)), []);
  });

  it('the config file checks take only the data reader from the runner (the editor loads them: no training, no processes)', () => {
    const dataDir = join(ROOT, 'src', 'runner', 'data');
    const broken = IMPORTS.filter((i) => layerOf(i.file) === 'configChecks' && i.target !== null && layerOf(i.target) === 'runner' && !i.target.startsWith(dataDir + sep));
    assert.deepEqual(broken.map(describeImport), []);
    const dataImports = IMPORTS.filter((i) => i.file.startsWith(dataDir + sep) && i.target === null).map((i) => i.specifier);
    assert.deepEqual(dataImports.filter((specifier) => /tensorflow|child_process|worker_threads/.test(specifier)), []);
  });

  it('the extension host loads no training library', () => {
    const broken = IMPORTS.filter((i) => layerOf(i.file) === 'extension' && i.target === null && EXTENSION_FORBIDDEN.some((rule) => rule.test(i.specifier)));
    assert.deepEqual(broken.map(describeImport), []);
  });

  it('the runner, the CLI and the extension reach the engine through its barrel (src/core/index.ts)', () => {
    const coreDir = join(ROOT, 'src', 'core');
    const broken = IMPORTS.filter((i) => {
      const from = layerOf(i.file);
      // The webview page and the contracts it shares (src/protocol) take single pure modules: the barrel
      // would pull the Node-only storage into the browser bundle and its typecheck.
      if (from === null || from === 'core' || from === 'webview' || from === 'protocol' || i.target === null) return false;
      return layerOf(i.target) === 'core' && i.target !== coreDir;
    });
    assert.deepEqual(broken.map(describeImport), []);
  });
});

function stripComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}
