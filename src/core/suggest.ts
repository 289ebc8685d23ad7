/** "Did you mean …?" for misspelt keys and names: the closest known name within a small edit distance. */

export function suggestName(input: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  const needle = input.toLowerCase();
  for (const candidate of known) {
    const distance = editDistance(needle, candidate.toLowerCase());
    if (distance < bestDistance) {
      bestDistance = distance;
      best = candidate;
    }
  }
  // Allow roughly one typo per three characters, and at least one.
  const limit = Math.max(1, Math.floor(input.length / 3));
  if (bestDistance <= limit) return best;
  // A known name with a few letters added or cut off the end (`cwdir` for `cwd`) is also a likely slip.
  const stem = known.find((k) => {
    const name = k.toLowerCase();
    return name.length >= 3 && needle.length >= 3 && Math.abs(name.length - needle.length) <= 3 && (name.startsWith(needle) || needle.startsWith(name));
  });
  return stem ?? null;
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
