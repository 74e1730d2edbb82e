/**
 * The site's own search vocabulary, built at build time (/search-vocabulary.json): every word a
 * reader could find in a review (title, impact, body, services, failure-mode names, tags,
 * tickets, action items). The search page uses it to tell a query with no real match ("no
 * review mentions …") from one Pagefind can answer, and to suggest "did you mean" spellings.
 * Pure and browser-safe.
 */

export interface Vocabulary {
  version: 1;
  /** Lower-case words, sorted. */
  words: string[];
  /** Labels worth suggesting first (service and failure-mode names, tags, tickets), lower case. */
  labels: string[];
}

/** Words as the reader types them: letters and digits, with inner `-`, `_`, `.` kept. */
const WORD = /[\p{L}\p{N}]+(?:[-_.][\p{L}\p{N}]+)*/gu;

/** The lower-case words of a text, with the parts of joined words (`cl_waiting` → `cl`, `waiting`). */
function wordsOf(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(WORD)) {
    out.push(m[0]);
    if (/[-_.]/.test(m[0])) out.push(...m[0].split(/[-_.]+/).filter(Boolean));
  }
  return out;
}

/** Builds the vocabulary from the texts of every review and the labels. */
export function buildVocabulary(texts: Iterable<string>, labels: Iterable<string>): Vocabulary {
  const words = new Set<string>();
  const labelSet = new Set<string>();
  for (const text of texts) for (const w of wordsOf(text)) words.add(w);
  for (const label of labels) {
    const lower = label.toLowerCase().trim();
    if (!lower) continue;
    labelSet.add(lower);
    for (const w of wordsOf(lower)) words.add(w);
  }
  return { version: 1, words: [...words].sort(), labels: [...labelSet].sort() };
}

/** Optimal string alignment distance (edits, with adjacent swaps), stopping early above `max`. */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, prev2[j - 2]! + 1);
      cur.push(v);
      best = Math.min(best, v);
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

/** A prepared vocabulary for lookups. */
export interface VocabularyIndex {
  has(word: string): boolean;
  /** Whether the query word is in the vocabulary, whole or (3+ letters) as the start of a word. */
  knows(word: string): boolean;
  /** Up to `n` close spellings of an unknown word, labels first, then by distance. */
  suggest(word: string, n?: number): string[];
  /**
   * A query cut into the parts a reader means: the longest labels it holds as whole words
   * ("clock skew", "payments-api"), then each other word, in the query's order.
   */
  parts(query: string): string[];
}

export function indexVocabulary(vocabulary: Vocabulary): VocabularyIndex {
  const words = new Set(vocabulary.words);
  const sorted = vocabulary.words;
  const labels = new Set(vocabulary.labels);
  const hasPrefix = (p: string) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < p) lo = mid + 1;
      else hi = mid;
    }
    return lo < sorted.length && sorted[lo]!.startsWith(p);
  };
  const knows = (word: string) => {
    const w = word.toLowerCase();
    if (words.has(w)) return true;
    if (w.length >= 3 && hasPrefix(w)) return true;
    const parts = wordsOf(w).filter((p) => p !== w);
    return parts.length > 1 && parts.every((p) => words.has(p));
  };
  // Labels as word lists, longest first, so "retry storm" wins over "retry".
  const labelWords = [...labels]
    .map((l) => [...l.matchAll(WORD)].map((m) => m[0]))
    .filter((l) => l.length > 0)
    .sort((a, b) => b.length - a.length);
  return {
    has: (w) => words.has(w.toLowerCase()),
    parts(query) {
      const whole = [...query.toLowerCase().matchAll(WORD)].map((m) => m[0]);
      const out: string[] = [];
      for (let i = 0; i < whole.length;) {
        const label = labelWords.find((l) => l.every((w, j) => whole[i + j] === w));
        const take = label?.length ?? 1;
        out.push(whole.slice(i, i + take).join(' '));
        i += take;
      }
      return [...new Set(out)];
    },
    knows,
    suggest(word, n = 3) {
      const w = word.toLowerCase();
      const max = w.length <= 4 ? 1 : 2;
      const scored: { s: string; d: number; label: boolean }[] = [];
      for (const candidate of [...labels, ...sorted]) {
        if (candidate === w || candidate.length < 3) continue;
        const d = editDistance(w, candidate, max);
        if (d <= max) scored.push({ s: candidate, d, label: labels.has(candidate) });
      }
      const seen = new Set<string>();
      return scored
        .sort((a, b) => a.d - b.d || Number(b.label) - Number(a.label) || a.s.localeCompare(b.s))
        .filter((x) => !seen.has(x.s) && seen.add(x.s))
        .slice(0, n)
        .map((x) => x.s);
    },
  };
}

/** A query's words (as `wordsOf`, whole words only) that the vocabulary does not know. */
export function unknownWords(query: string, index: VocabularyIndex): string[] {
  const whole = [...query.toLowerCase().matchAll(WORD)].map((m) => m[0]);
  return [...new Set(whole)].filter((w) => !index.knows(w));
}
