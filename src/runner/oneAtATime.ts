/**
 * A periodic journal task that never overlaps itself: a call while the previous run is still going is
 * skipped. While Redis is unreachable one run waits out its retries (~30 s), longer than any interval,
 * and runs piling up in the run's write queue would keep it from ever ending.
 */
export function oneAtATime(task: () => Promise<unknown>): () => void {
  let running = false;
  return () => {
    if (running) return;
    running = true;
    void task().catch(() => undefined).finally(() => (running = false));
  };
}
