// What `npm run demo` prints after the study: did the search beat its random start? The best of the
// first `startup` trials (sampled at random) beside the best of all, with their accuracy for reading.

/** @typedef {{ number: number, state: string, value: number | null, user_attrs?: { metrics?: Record<string, number> } }} ExportedTrial */

/**
 * @param {readonly ExportedTrial[]} trials  as `tuneboard export --json` writes them
 * @param {{ direction: 'minimize' | 'maximize', startup: number }} options
 */
export function searchSummary(trials, { direction, startup }) {
  const sign = direction === 'minimize' ? 1 : -1;
  const complete = trials.filter((t) => t.state === 'complete' && typeof t.value === 'number');
  const bestOf = (list) => list.reduce((best, t) => (best === null || sign * (t.value - best.value) < 0 ? t : best), null);
  const startupBest = bestOf(complete.filter((t) => t.number < startup));
  const best = bestOf(complete);
  const searched = trials.some((t) => t.number >= startup);
  return { startupBest, best, searched, improved: searched && best !== null && startupBest !== null && best.number >= startup };
}

/** The lines the demo prints; `metric` names the objective, `extra` another metric shown beside it. */
export function formatSearchSummary(summary, { metric, extra, startup, total }) {
  const describe = (t) => {
    const other = t.user_attrs?.metrics?.[extra];
    return `#${t.number} ${metric} ${t.value.toFixed(4)}${typeof other === 'number' ? `  (${extra} ${other.toFixed(4)})` : ''}`;
  };
  const { startupBest, best } = summary;
  if (!summary.searched || !startupBest || !best) {
    return [`Search vs its random start: the study has no trials past the first ${startup} (random) ones to compare.`];
  }
  const labels = [`best of the first ${startup}:`, `best of all ${total}:`];
  const width = Math.max(...labels.map((label) => label.length)) + 1;
  const lines = [
    `Search vs its random start (trials #0–#${startup - 1} are sampled at random; TPE learns from them after):`,
    `  ${labels[0].padEnd(width)}${describe(startupBest)}`,
    `  ${labels[1].padEnd(width)}${describe(best)}`,
  ];
  if (!summary.improved) lines.push(`  This time the search did not beat its random start (the best is #${best.number}).`);
  return lines;
}
