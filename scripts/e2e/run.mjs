// `npm run test:e2e`: installs code-server and chromium if missing, packages the extension, then runs
// test/e2e/ (or the test files/folders given as arguments) against the fresh .vsix.
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const vsixDir = join(repoRoot, 'out', 'e2e');

function step(label, command, args, env = process.env) {
  const startedAt = performance.now();
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit', env });
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`test:e2e: ${label} failed after ${seconds}s`);
    process.exit(result.status ?? 1);
  }
  console.error(`test:e2e: ${label} took ${seconds}s`);
}

// Idempotent: a second run checks a marker file and exits at once.
step('install code-server', 'bash', [join(repoRoot, 'scripts', 'e2e', 'install-code-server.sh')]);
step('package the .vsix', process.execPath, [join(repoRoot, 'scripts', 'e2e', 'package-vsix.mjs'), '--out', vsixDir]);
const targets = process.argv.slice(2);
step('e2e tests', process.execPath, [join(repoRoot, 'scripts', 'run-tests.mjs'), ...(targets.length > 0 ? targets : ['test/e2e'])], {
  ...process.env,
  TUNEBOARD_E2E_VSIX: join(vsixDir, 'tuneboard.vsix'),
});
