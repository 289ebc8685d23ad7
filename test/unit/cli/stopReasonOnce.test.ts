/** Why a study stopped is said once on a terminal: stdout's view says it, stderr repeats it only for scripts. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { repeatOnStderr } from '../../../src/cli/runCommand';

const tty = { isTTY: true };
const pipe = { isTTY: false };

describe('the reason a study stopped, on stderr', () => {
  it('is not repeated when stdout and stderr are one terminal', () => {
    assert.equal(repeatOnStderr(false, { stdout: tty, stderr: tty }), false);
  });

  it('is repeated when either goes elsewhere (a log file, a pipe, CI)', () => {
    assert.equal(repeatOnStderr(false, { stdout: pipe, stderr: tty }), true);
    assert.equal(repeatOnStderr(false, { stdout: tty, stderr: pipe }), true);
    assert.equal(repeatOnStderr(false, { stdout: pipe, stderr: pipe }), true);
  });

  it('is left to the events with --json', () => {
    assert.equal(repeatOnStderr(true, { stdout: pipe, stderr: pipe }), false);
  });
});
