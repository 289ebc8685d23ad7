/* global window, document, sessionStorage, MutationObserver, MessageChannel, requestAnimationFrame, structuredClone */
// Runs in the page before the leaderboard's script (page.addInitScript, see pageHarness.ts), doing
// what VS Code's webview host does: `acquireVsCodeApi()`, theme variables and body classes. Plain
// browser JavaScript on purpose: functions that tsx compiled would carry its `__name` helper, which
// does not exist in the page. `__HARNESS_CONFIG__` is replaced with the JSON of the page's options.
(() => {
  // eslint-disable-next-line no-undef
  const config = __HARNESS_CONFIG__;
  const STATE_KEY = '__tuneboardWebviewState';
  const THEME_CLASSES = ['vscode-light', 'vscode-dark', 'vscode-high-contrast', 'vscode-high-contrast-light'];

  // The webview's state survives a reload of the page (as VS Code keeps it across a webview reload).
  let state = config.state;
  const saved = sessionStorage.getItem(STATE_KEY);
  if (saved !== null) state = JSON.parse(saved);

  window.__posted = [];
  let acquired = false;
  window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('An instance of the VS Code API has already been acquired');
    acquired = true;
    return Object.freeze({
      // VS Code structured-clones what the page posts: anything that cannot be cloned throws here too.
      postMessage: (message) => void window.__posted.push(structuredClone(message)),
      getState: () => (state === undefined ? undefined : structuredClone(state)),
      setState: (next) => {
        state = structuredClone(next);
        sessionStorage.setItem(STATE_KEY, JSON.stringify(next));
        return next;
      },
    });
  };

  let theme = config.theme;
  const applyTheme = () => {
    const root = document.documentElement;
    if (root) {
      for (const name of [...root.style]) if (name.startsWith('--vscode-')) root.style.removeProperty(name);
      for (const [name, value] of Object.entries(theme.variables)) root.style.setProperty(`--vscode-${name}`, value);
    }
    const body = document.body;
    if (body) {
      body.classList.remove(...THEME_CLASSES);
      body.classList.add(...theme.bodyClasses);
      body.dataset.vscodeThemeKind = theme.bodyClasses[theme.bodyClasses.length - 1];
    }
    return Boolean(root && body);
  };
  if (!applyTheme()) {
    const observer = new MutationObserver(() => applyTheme() && observer.disconnect());
    observer.observe(document, { childList: true, subtree: true });
  }

  document.addEventListener('securitypolicyviolation', (event) => {
    console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline code'}`);
  });

  // Resolves after the next frame has been painted (a task queued from a frame callback runs after paint).
  const afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  }));

  window.__harness = {
    /** Posts host messages as VS Code does and resolves once the page handled them all and painted. */
    deliver: (messages) => new Promise((resolve) => {
      let left = messages.length;
      if (left === 0) return resolve(afterPaint());
      // Registered after the app's own listener, so it runs after the app handled each message.
      const onMessage = () => {
        if (--left > 0) return;
        window.removeEventListener('message', onMessage);
        resolve(afterPaint().then(afterPaint));
      };
      window.addEventListener('message', onMessage);
      for (const message of messages) window.postMessage(message, '*');
    }),
    setTheme: (next) => {
      theme = next;
      applyTheme();
      return afterPaint();
    },
    afterPaint,
    state: () => state,
  };
})();
