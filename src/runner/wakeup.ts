/** Lets the study loop sleep until something happens (a trial ended, an interrupt) or a deadline passes. */
export class Wakeup {
  private pending: (() => void) | null = null;
  private notified = false;

  notify(): void {
    this.notified = true;
    this.pending?.();
  }

  /** Resolves at the next `notify()` (or at once if one came since the last wait), or after `ms`. */
  async wait(ms?: number): Promise<void> {
    if (this.notified) {
      this.notified = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = ms === undefined ? null : setTimeout(done, ms);
      function done(): void {
        if (timer) clearTimeout(timer);
        resolve();
      }
      this.pending = done;
    });
    this.pending = null;
    this.notified = false;
  }
}
