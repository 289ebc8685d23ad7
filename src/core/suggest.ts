/**
 * "Did you mean …?" for misspelt keys and names. A name the input abbreviates or cuts short is a
 * likelier meaning than one a letter away (`lr` is `learning_rate`, not `l2`), so those are tried
 * first; then the closest name within a small edit distance.
 */

export function suggestName(input: string, known: readonly string[]): string | null {
  const needle = input.toLowerCase();
  if (needle === '' || known.length === 0) return null;
  const exact = known.find((k) => k.toLowerCase() === needle);
  if (exact !== undefined) return exact;
  const tiers: ((name: string, candidate: string) => boolean)[] = [
    // `lr` → learning_rate, `bs` → batch_size, and the other way round.
    (name, candidate) => needle.length >= 2 && (initials(candidate) === needle || initials(input) === name),
    // `lear` → learning_rate, `epoch` → epochs.
    (name) => needle.length >= 2 && name.startsWith(needle),
    // `rate` → learning_rate.
    (name) => needle.length >= 3 && name.includes(needle),
  ];
  for (const matches of tiers) {
    const found = closest(needle, known.filter((k) => matches(k.toLowerCase(), k)));
    if (found !== null) return found.name;
  }
  const best = closest(needle, known);
  // Allow roughly one typo per three characters, and at least one.
  if (best !== null && best.distance <= Math.max(1, Math.floor(input.length / 3))) return best.name;
  // A known name with a few letters added or cut off the end (`cwdir` for `cwd`) is also a likely slip.
  const stem = known.find((k) => {
    const name = k.toLowerCase();
    return name.length >= 3 && needle.length >= 3 && Math.abs(name.length - needle.length) <= 3 && (name.startsWith(needle) || needle.startsWith(name));
  });
  return stem ?? null;
}

/** The candidate nearest to `needle` by edit distance; the first listed wins a tie. */
function closest(needle: string, candidates: readonly string[]): { name: string; distance: number } | null {
  let best: { name: string; distance: number } | null = null;
  for (const name of candidates) {
    const distance = editDistance(needle, name.toLowerCase());
    if (best === null || distance < best.distance) best = { name, distance };
  }
  return best;
}

/** First letters of the words of a multi-word name (`learning_rate`, `batch-size`, `learningRate` → lr, bs, lr); '' for one word. */
function initials(name: string): string {
  const words = name.split(/[_\-.\s]+|(?<=[a-z0-9])(?=[A-Z])/).filter((word) => word !== '');
  return words.length < 2 ? '' : words.map((word) => word[0] ?? '').join('').toLowerCase();
}

/** Damerau–Levenshtein distance (optimal string alignment): a swap of two letters counts as one edit. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((d[i - 1]?.[j] ?? 0) + 1, (d[i]?.[j - 1] ?? 0) + 1, (d[i - 1]?.[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, (d[i - 2]?.[j - 2] ?? 0) + 1);
      (d[i] as number[])[j] = value;
    }
  }
  return d[a.length]?.[b.length] ?? 0;
}
