// Seeded fuzzing: mangled example configs never make parseConfig throw, and every problem sits inside the file.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig } from '../../../src/core/config';
import { Rng } from '../../../src/core/rng';
import { brokenFixtures, exampleConfigs, validFixtures } from '../../fixtures/configs';

const MUTATIONS = 2000;
const NOISE = ['[', ']', '{', '}', ':', ',', '-', '"', "'", '\t', '\n', ' ', '#', '&a', '*a', '!!', '?', '|', '>', '%', '@', '`', '${', '\u0000', '\ufffd', 'é', '1e9', '-0', '.inf', '~'];

/** One random edit: delete, duplicate or replace characters or lines, insert noise, swap lines, or truncate. */
function mutate(text: string, rng: Rng): string {
  const at = rng.int(0, text.length);
  const lines = text.split('\n');
  const line = rng.int(0, lines.length - 1);
  switch (rng.int(0, 7)) {
    case 0:
      return text.slice(0, at) + text.slice(at + rng.int(1, 8));
    case 1:
      return text.slice(0, at) + text.slice(at, at + rng.int(1, 12)) + text.slice(at);
    case 2:
      return text.slice(0, at) + (NOISE[rng.int(0, NOISE.length - 1)] ?? '') + text.slice(at);
    case 3:
      return text.slice(0, at) + String.fromCharCode(rng.int(0, 0x2fff)) + text.slice(at + 1);
    case 4:
      lines.splice(line, 1);
      return lines.join('\n');
    case 5:
      lines.splice(line, 0, lines[rng.int(0, lines.length - 1)] ?? '');
      return lines.join('\n');
    case 6: {
      const other = rng.int(0, lines.length - 1);
      [lines[line], lines[other]] = [lines[other] ?? '', lines[line] ?? ''];
      return lines.join('\n');
    }
    default:
      return text.slice(0, at);
  }
}

describe('parseConfig fuzz', () => {
  it(`survives ${MUTATIONS} seeded mutations of the example and fixture configs`, () => {
    const seeds = [...exampleConfigs(), ...validFixtures(), ...brokenFixtures()].map((f) => f.text);
    const rng = new Rng(20240611);
    for (let i = 0; i < MUTATIONS; i++) {
      let text = seeds[rng.int(0, seeds.length - 1)] ?? '';
      for (let edits = rng.int(1, 4); edits > 0; edits--) text = mutate(text, rng);
      const lineCount = text.split('\n').length;
      let result: ReturnType<typeof parseConfig>;
      try {
        result = parseConfig(text, 'fuzz.tune.yaml');
      } catch (error) {
        assert.fail(`mutation ${i} threw ${String(error)} on:\n${text}`);
      }
      for (const problem of result.problems) {
        assert.doesNotMatch(problem.message, /internal error/, `mutation ${i}:\n${text}`);
        const { start, end } = problem;
        assert.ok(start && end, `mutation ${i}: problem without a position: ${problem.message}`);
        assert.ok(start.line >= 1 && start.line <= lineCount && start.col >= 1, `mutation ${i}: start ${start.line}:${start.col} outside the file`);
        assert.ok(end.line >= start.line && end.line <= lineCount, `mutation ${i}: end ${end.line}:${end.col} outside the file`);
        const lineText = text.split('\n')[start.line - 1] ?? '';
        assert.ok(start.col <= lineText.length + 1, `mutation ${i}: column ${start.col} past the end of line ${start.line}`);
      }
      if (result.config === null) assert.ok(result.problems.some((p) => p.severity === 'error'), `mutation ${i}: no config and no error`);
    }
  });
});
