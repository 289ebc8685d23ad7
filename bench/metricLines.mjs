// Metric-lines benchmark: how long a study takes to journal a command trial that prints many metric
// lines (`value=… step=…`), and how many journal appends that costs, through the built CLI as a user
// runs it. Each report is one journal op; the runner batches reports into few appends and the replay
// keeps each trial snapshot O(1), so the time should grow linearly with the lines.
//   npm run bench:metrics -- [--lines 2000,20000,50000] [--repeats 3]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');

function parseArgs(argv) {
  const options = { lines: [2_000, 20_000, 50_000], repeats: 3 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--lines') options.lines = argv[++i].split(',').map(Number);
    else if (argv[i] === '--repeats') options.repeats = Number(argv[++i]);
    else throw new Error(`unknown flag ${argv[i]}`);
  }
  return options;
}

/** One run of a one-trial study whose command prints `lines` metric lines, a few at a time. */
function runOnce(lines) {
  const dir = mkdtempSync(join(tmpdir(), 'tuneboard-bench-metrics-'));
  try {
    writeFileSync(join(dir, 'chatty.mjs'), [
      `for (let i = 0; i < ${lines}; i++) {`,
      '  process.stdout.write(`value=${1 / (i + 1)} step=${i}\\n`);',
      '  if (i % 20 === 0) await new Promise((resolve) => setImmediate(resolve));',
      '}',
    ].join('\n'));
    writeFileSync(join(dir, 'chatty.tune.yaml'), [
      'name: chatty',
      'objective: { metric: value, direction: minimize }',
      'search: { sampler: random, trials: 1, parallel: 1 }',
      'space:',
      '  x: { float: [0, 1] }',
      'trial:',
      '  command: [node, chatty.mjs]',
    ].join('\n'));
    const started = performance.now();
    const run = spawnSync(process.execPath, [CLI, 'run', 'chatty.tune.yaml', '--json'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30 });
    const seconds = (performance.now() - started) / 1000;
    if (run.status !== 0) throw new Error(`run failed (${run.status}): ${run.stderr}`);
    const journal = readFileSync(join(dir, '.tuneboard', 'chatty.jsonl'), 'utf8');
    const reports = journal.split('\n').filter((line) => /"op_code": ?7\b/.test(line)).length;
    if (reports !== lines) throw new Error(`the journal holds ${reports} reports, not ${lines}`);
    return seconds;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const options = parseArgs(process.argv.slice(2));
console.log(`metric lines of one command trial, journalled through \`tuneboard run\` (median of ${options.repeats})\n`);
console.log('| lines | seconds | µs per line |');
console.log('|---:|---:|---:|');
for (const lines of options.lines) {
  const times = Array.from({ length: options.repeats }, () => runOnce(lines)).sort((a, b) => a - b);
  const median = times[times.length >> 1];
  console.log(`| ${lines.toLocaleString('en')} | ${median.toFixed(2)} | ${((median * 1e6) / lines).toFixed(1)} |`);
}
