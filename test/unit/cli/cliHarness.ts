/** Running the built `tuneboard` (dist/cli.js) as users do, and building small studies for it to read. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createStudy } from '../../../src/core';
import { REPO_ROOT } from '../../fixtures/configs';

export const CLI = join(REPO_ROOT, 'dist', 'cli.js');
export const OPTUNA_JOURNAL = join(REPO_ROOT, 'test', 'fixtures', 'journals', 'optuna-3.1-sample.jsonl');

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(cwd: string, args: readonly string[], env: Readonly<Record<string, string>> = {}): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `npm test` builds first; rebuild here only when the bundle is missing or older than the sources. */
export function ensureBuilt(): void {
  if (existsSync(CLI) && statSync(CLI).mtimeMs >= newest(join(REPO_ROOT, 'src'))) return;
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO_ROOT, encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);
}

function newest(path: string): number {
  if (!statSync(path).isDirectory()) return statSync(path).mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** A value with every character a shell or CSV cares about. */
export const AWKWARD_LABEL = `it's "a, b" $HOME\\n`;
export const LONG_FAIL_REASON = `worker exited with code 137 (killed: out of memory?) while training epoch 12 of 40; ${'x'.repeat(200)} END`;

/**
 * `iris.tune.yaml` in `dir` and its journal: trials 0..7 with values 0.5, 0.9, fail, 0.7, pruned,
 * 0.95, fail (long reason), running. Maximize, so the ranking is #5, #1, #3, #0.
 */
export async function writeIrisStudy(dir: string): Promise<void> {
  const space = {
    learning_rate: { float: [1e-4, 1e-1], log: true },
    units: { int: [8, 256], log: true },
    dropout: { float: [0, 0.5], step: 0.05 },
    use_bias: [true, false],
    label: [AWKWARD_LABEL],
  };
  const yamlSpace = Object.entries(space).map(([name, spec]) => `  ${name}: ${JSON.stringify(spec)}`).join('\n');
  writeFileSync(
    join(dir, 'iris.tune.yaml'),
    `name: iris\nobjective: { metric: val_accuracy, direction: maximize }\nsearch: { sampler: random, trials: 20 }\nspace:\n${yamlSpace}\ntrial: { command: [python, train.py], metrics: stdout }\n`,
  );
  const study = await createStudy({ name: 'iris', space, direction: 'maximize', sampler: 'random', seed: 11, storage: join(dir, '.tuneboard', 'iris.jsonl') });
  const outcomes = [0.5, 0.9, 'fail', 0.7, 'pruned', 0.95, 'fail-long', 'running'] as const;
  for (const outcome of outcomes) {
    const trial = await study.ask();
    await study.report(trial, 0, 0.3);
    await study.report(trial, 1, 0.4);
    if (outcome === 'running') break;
    if (typeof outcome === 'number') {
      await study.setUserAttr(trial, 'backend', 'wasm');
      await study.tell(trial, outcome);
    } else if (outcome === 'pruned') await study.tell(trial, { state: 'pruned' });
    else await study.tell(trial, { state: 'fail', error: outcome === 'fail' ? 'CUDA out of memory' : LONG_FAIL_REASON });
  }
  await study.close();
}

/** RFC 4180 rows (quoted fields, doubled quotes, CRLF), parsed independently of the exporter. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = (): void => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const next = text[i + 1];
    if (quoted && c === '"' && next === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      endField();
    } else if (!quoted && c === '\r' && next === '\n') {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else {
      field += c;
    }
  }
  if (field !== '' || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}
