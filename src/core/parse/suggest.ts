// "Did you mean …?" for mistyped command words, stages, topics: the closest candidate by edit distance,
// offered only when it is close enough that the suggestion helps rather than puzzles.

// Words longer than this cannot be a typo of any vocabulary word; capping keeps the O(n·m) cheap.
const MAX_COMPARED = 64;

/** Levenshtein distance (insert, delete, substitute each cost 1), by code point. */
export function editDistance(a: string, b: string): number {
  const s = Array.from(a);
  const t = Array.from(b);
  if (s.length === 0) return t.length;
  if (t.length === 0) return s.length;
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const row = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = row;
  }
  return prev[t.length] ?? 0;
}

/** Close enough to suggest: a small absolute distance, or ≤ 40% of the candidate's length. */
function closeEnough(word: string, candidate: string, distance: number): boolean {
  const length = Array.from(word).length;
  if (distance <= 2 && distance < length) return true;
  if (distance <= Math.floor(candidate.length * 0.4)) return true;
  // An abbreviation ("stak" for stakeholder) is a good guess even when far in edits.
  return length >= 3 && candidate.startsWith(word);
}

/** The closest candidate to `word` (case-insensitive), or null when none is reasonably close. */
export function closest(word: string, candidates: readonly string[]): string | null {
  const w = word.toLowerCase();
  if (w === '' || Array.from(w).length > MAX_COMPARED) return null;
  let best: { candidate: string; distance: number } | null = null;
  for (const candidate of candidates) {
    const c = candidate.toLowerCase();
    const edits = editDistance(w, c);
    if (!closeEnough(w, c, edits)) continue;
    // A typed abbreviation ("stakeh") beats a word a couple of edits away ("stage").
    const distance = Array.from(w).length >= 3 && c.startsWith(w) ? 0.5 : edits;
    if (best === null || distance < best.distance) best = { candidate, distance };
  }
  return best?.candidate ?? null;
}

/** " Did you mean `x`?" to append to a sentence, or "" when there is nothing worth suggesting. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const guess = closest(word, candidates);
  return guess === null ? '' : ` Did you mean \`${guess}\`?`;
}
