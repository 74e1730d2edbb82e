/**
 * Matching notes against the static index, in the browser (no request beyond the index file).
 * Same lexical embedder and snippet code as the CLI; vector ranking only, aggregated per review
 * the same way as `match` (sum of reciprocal-rank scores of the review's top chunks).
 */
import { LexicalEmbedder } from './lexical.ts';
import { bestSnippet } from './snippets.ts';
import type { StaticIndex } from './static-index.ts';

export interface BrowserHit {
  id: string;
  title: string;
  score: number;
  severity: string;
  date: string;
  failureModes: string[];
  services: string[];
  matchedSections: string[];
  snippets: string[];
}

/** Prepares an index for repeated queries. */
export function staticMatcher(index: StaticIndex): (notes: string, k?: number) => BrowserHit[] {
  const embedder = LexicalEmbedder.fromState(index.lexical);
  return (notes, k = 5) => {
    if (!notes.trim()) return [];
    const query = embedder.embedOne(notes);
    const scored = index.chunks
      .map((c, i) => {
        let s = 0;
        c.indices.forEach((d, j) => (s += (query[d] ?? 0) * (c.values[j] ?? 0)));
        return { i, s };
      })
      .filter((x) => x.s > 0)
      .sort((a, b) => b.s - a.s)
      .slice(0, Math.max(k * 8, 40));
    const byReview = new Map<number, { score: number; chunks: number[] }>();
    scored.forEach(({ i }, rank) => {
      const chunk = index.chunks[i];
      if (!chunk) return;
      const entry = byReview.get(chunk.review) ?? { score: 0, chunks: [] };
      entry.score += 1 / (60 + rank + 1);
      entry.chunks.push(i);
      byReview.set(chunk.review, entry);
    });
    return [...byReview.entries()]
      .sort((a, b) => b[1].score - a[1].score)
      .slice(0, k)
      .flatMap(([r, entry]) => {
        const review = index.reviews[r];
        if (!review) return [];
        const top = entry.chunks.slice(0, 3).map((i) => index.chunks[i]!);
        return [
          {
            ...review,
            score: Number(entry.score.toFixed(5)),
            matchedSections: top.map((c) => c.section),
            snippets: top.map((c) => bestSnippet(c.text, notes, embedder)),
          },
        ];
      });
  };
}
