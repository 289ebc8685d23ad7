/**
 * Transient notes from the host ("Copied params of trial 12", "Cannot apply: …"): shown under the
 * header, announced to screen readers, gone after a few seconds (errors stay longer) or when dismissed.
 */
import { codicon, createElement } from '../layout/createElement';

const SHOWN_MS = { info: 5000, error: 12000 } as const;

export class NoticeBanner {
  readonly element = createElement('div', { class: 'tb-notices', 'aria-live': 'polite' });

  show(level: 'info' | 'error', text: string): void {
    const close = createElement('button', { class: 'tb-notice-close', type: 'button', title: 'Dismiss', 'aria-label': 'Dismiss' }, codicon('close'));
    const notice = createElement('div', { class: `tb-notice ${level}`, role: level === 'error' ? 'alert' : 'status' },
      codicon(level === 'error' ? 'error' : 'info'), createElement('span', { class: 'tb-notice-text' }, text), close);
    const timer = window.setTimeout(() => notice.remove(), SHOWN_MS[level]);
    close.addEventListener('click', () => {
      window.clearTimeout(timer);
      notice.remove();
    });
    // The newest on top; at most three at once.
    this.element.prepend(notice);
    while (this.element.children.length > 3) this.element.lastElementChild?.remove();
  }
}
