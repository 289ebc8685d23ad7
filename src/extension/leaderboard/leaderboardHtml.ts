/**
 * The leaderboard page: a strict Content-Security-Policy (scripts only with this load's nonce, no
 * eval, nothing remote), the webview bundle and its stylesheets. Pure: the panel fills in webview
 * URIs, the page tests (test/webview) fill in a local server's, so both load the very same page.
 */

export interface LeaderboardPageAssets {
  /** `webview.cspSource`: the origin the bundle, styles and font are served from. */
  readonly cspSource: string;
  /** Fresh per load (see makeNonce). */
  readonly nonce: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  /** VS Code Elements draws icons with the codicon font, found through the link with this id. */
  readonly codiconUri: string;
  readonly title: string;
}

export function leaderboardHtml(assets: LeaderboardPageAssets): string {
  const { cspSource, nonce } = assets;
  // 'unsafe-inline' styles only: ECharts and the virtual table position elements with inline styles.
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'unsafe-inline'`,
    `img-src ${cspSource} data: blob:`,
    `font-src ${cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(assets.codiconUri)}" id="vscode-codicon-stylesheet">
<link rel="stylesheet" href="${escapeAttribute(assets.styleUri)}">
<title>${escapeText(assets.title)}</title>
</head>
<body>
<div id="app" role="application" aria-label="${escapeAttribute(assets.title)}"></div>
<script nonce="${nonce}" src="${escapeAttribute(assets.scriptUri)}"></script>
</body>
</html>`;
}

/** 32 characters from [A-Za-z0-9], from the platform's CSPRNG. */
export function makeNonce(randomBytes: (size: number) => Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(32)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}
