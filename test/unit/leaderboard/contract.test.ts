/** The host's guard on messages from the leaderboard page, and the page's Content-Security-Policy. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { leaderboardHtml, makeNonce } from '../../../src/extension/leaderboard/leaderboardHtml';
import { MAX_SAVE_BYTES, parseWebviewMessage } from '../../../src/protocol/leaderboard';

describe('parseWebviewMessage', () => {
  it('accepts every message of the contract in its exact shape', () => {
    const valid = [
      { type: 'ready' },
      { type: 'studyAction', action: 'stop' },
      { type: 'studyAction', action: 'tuneAgain' },
      { type: 'applyParams', number: 0 },
      { type: 'copyParams', number: 12 },
      { type: 'rerunParams', number: 3 },
      { type: 'requestDetail', number: 9999 },
      { type: 'openLog', number: 1 },
      { type: 'saveExport', format: 'csv', content: 'number,value\n0,1\n' },
      { type: 'saveImage', format: 'png', name: 'iris-history', content: 'data:image/png;base64,iVBORw0KGgo=' },
      { type: 'saveImage', format: 'svg', name: 'iris history', content: '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>' },
    ];
    for (const message of valid) assert.deepEqual(parseWebviewMessage(message), message);
  });

  it('takes the detail pane’s Insert params with a trial number, and drops it without one', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'insertParams', number: 7 }), { type: 'insertParams', number: 7 });
    assert.deepEqual(parseWebviewMessage({ type: 'insertParams', number: 0, text: 'import os' }), { type: 'insertParams', number: 0 });
    for (const number of [undefined, -1, 2.5, '7', Number.NaN, Infinity, 2 ** 53, null]) assert.equal(parseWebviewMessage({ type: 'insertParams', number }), null, String(number));
  });

  it('drops extra fields, so nothing unchecked reaches the handlers', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'applyParams', number: 2, configPath: '/etc/passwd' }), { type: 'applyParams', number: 2 });
  });

  it('refuses anything else: unknown types, bad numbers, unknown actions and formats, unsafe names, wrong content', () => {
    const invalid: unknown[] = [
      null, 'ready', 42, {}, { type: 'eval', code: '1' },
      { type: 'applyParams' }, { type: 'applyParams', number: -1 }, { type: 'applyParams', number: 1.5 }, { type: 'applyParams', number: '3' },
      { type: 'studyAction', action: 'deleteStudy' },
      { type: 'saveExport', format: 'xlsx', content: 'x' }, { type: 'saveExport', format: 'csv', content: 7 },
      { type: 'saveExport', format: 'csv', content: 'x'.repeat(MAX_SAVE_BYTES + 1) },
      { type: 'saveImage', format: 'png', name: '../../.bashrc', content: 'data:image/png;base64,AA==' },
      { type: 'saveImage', format: 'png', name: 'chart', content: 'data:text/html;base64,PHNjcmlwdD4=' },
      { type: 'saveImage', format: 'svg', name: 'chart', content: '<html><svg></svg></html>' },
      { type: 'saveImage', format: 'gif', name: 'chart', content: 'data:image/gif;base64,AA==' },
    ];
    for (const message of invalid) assert.equal(parseWebviewMessage(message), null, JSON.stringify(message)?.slice(0, 80));
  });
});

describe('leaderboard page', () => {
  const assets = { cspSource: 'https://file+.vscode-resource.vscode-cdn.net', nonce: makeNonce((n) => randomBytes(n)), scriptUri: 'https://x/leaderboard.js', styleUri: 'https://x/leaderboard.css', codiconUri: 'https://x/codicon.css', title: 'Leaderboard: <iris> & "co"' };

  it('allows scripts only with its nonce and nothing remote', () => {
    const html = leaderboardHtml(assets);
    const csp = /Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, new RegExp(`script-src 'nonce-${assets.nonce}'(;|$)`));
    assert.doesNotMatch(csp, /unsafe-eval|script-src[^;]*unsafe-inline|https?:\/\/(?!file\+)/);
    assert.equal((html.match(/<script /g) ?? []).length, 1);
    assert.match(html, new RegExp(`<script nonce="${assets.nonce}" src="https://x/leaderboard.js">`));
    assert.match(html, /id="vscode-codicon-stylesheet"/, 'VS Code Elements finds the codicon font by this id');
  });

  it('escapes the study name in the title', () => {
    const html = leaderboardHtml(assets);
    assert.match(html, /<title>Leaderboard: &lt;iris&gt; &amp; "co"<\/title>/);
    assert.doesNotMatch(html, /<iris>/);
  });

  it('makes a fresh 32-character nonce each time', () => {
    const a = makeNonce((n) => randomBytes(n));
    const b = makeNonce((n) => randomBytes(n));
    assert.match(a, /^[A-Za-z0-9]{32}$/);
    assert.notEqual(a, b);
  });
});
