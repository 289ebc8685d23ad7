// Reading commands never need write access: a journal the user may only read (chmod 444, in a folder
// they cannot write) is shown, ranked and exported. Tests run as root here, which writes anyway, so
// the commands run as `nobody` through setpriv when we are root.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CLI, ensureBuilt, writeIrisStudy } from './cliHarness';

const NOBODY = 65534;
const isRoot = process.getuid?.() === 0;
const hasSetpriv = spawnSync('setpriv', ['--version'], { stdio: 'ignore' }).status === 0;
const skip = process.platform === 'win32' ? 'POSIX permissions only' : isRoot && !hasSetpriv ? 'root without setpriv cannot drop its write access' : false;

/** Runs `tuneboard args` as a user who cannot write to `dir` or the journal in it. */
function runAsReader(cwd: string, args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const command = isRoot
    ? ['setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath, CLI, ...args]] as const
    : [process.execPath, [CLI, ...args]] as const;
  const result = spawnSync(command[0], command[1], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('reading commands on a read-only journal', { skip }, () => {
  let dir: string;
  let journalDir: string;
  before(async () => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'tuneboard-readonly-'));
    await writeIrisStudy(dir);
    journalDir = join(dir, '.tuneboard');
    chmodSync(join(journalDir, 'iris.jsonl'), 0o444);
    chmodSync(journalDir, 0o555);
    chmodSync(dir, 0o755); // nobody can enter and read the config, but not write
  });
  after(() => {
    chmodSync(journalDir, 0o755);
    rmSync(dir, { recursive: true, force: true });
  });

  for (const args of [['show', 'iris.tune.yaml'], ['best', 'iris.tune.yaml'], ['export', 'iris.tune.yaml', '--csv'], ['show', '.tuneboard/iris.jsonl']]) {
    it(`tuneboard ${args.join(' ')} reads it and writes nothing`, () => {
      const before = statSync(join(journalDir, 'iris.jsonl'));
      const content = readFileSync(join(journalDir, 'iris.jsonl'));
      const { status, stdout, stderr } = runAsReader(dir, args);
      assert.equal(stderr, '');
      assert.equal(status, 0);
      assert.ok(stdout.length > 0);
      const afterRead = statSync(join(journalDir, 'iris.jsonl'));
      assert.deepEqual(readFileSync(join(journalDir, 'iris.jsonl')), content);
      assert.deepEqual([afterRead.mtimeMs, afterRead.ctimeMs], [before.mtimeMs, before.ctimeMs]);
      assert.deepEqual(readdirSync(journalDir), ['iris.jsonl'], 'no lock file');
    });
  }
});
