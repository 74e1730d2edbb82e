/**
 * Matching notes against the static index, in the browser (no request beyond the index file).
 * Same lexical embedder, snippet code and relevance rule as the CLI; vector ranking only,
 * aggregated per review the same way as `match` (sum of reciprocal-rank scores of the review's
 * top chunks), then judged by src/lib/search/relevance.ts: an empty list is "no close match".
 */
import { LexicalEmbedder } from './lexical.ts';
import { bestSnippet } from './snippets.ts';
import {
  candidateTerms,
  judgeMatches,
  queryTerms,
  termEvidence,
  whyLine,
  type MatchStrength,
} from './relevance.ts';
import type { StaticIndex } from './static-index.ts';

export interface BrowserHit {
  id: string;
  title: string;
  /** Rank-fusion score, used for ordering only (never shown). */
  score: number;
  strength: MatchStrength;
  /** One line: the matched words and the section they were found in. */
  why: string;
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
  const chunkTerms = new Map<number, Set<string>>();
  const termsOf = (i: number) => {
    let terms = chunkTerms.get(i);
    if (!terms) chunkTerms.set(i, (terms = candidateTerms(index.chunks[i]?.text ?? '')));
    return terms;
  };
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
    const terms = queryTerms(notes, (t) => embedder.idf(t));
    const candidates = [...byReview.entries()]
      .sort((a, b) => b[1].score - a[1].score)
      .slice(0, k)
      .map(([review, entry]) => {
        const labels = index.reviews[review];
        const all = new Set([
          ...entry.chunks.flatMap((i) => [...termsOf(i)]),
          ...candidateTerms(
            labels ? [labels.title, ...labels.services, ...labels.failureModes].join('\n') : '',
          ),
        ]);
        return { review, entry, evidence: termEvidence(terms, all) };
      });
    return judgeMatches(candidates, (c) => ({
      score: c.entry.score,
      evidence: c.evidence,
    })).flatMap(({ item: { review: r, entry, evidence }, strength }) => {
      const review = index.reviews[r];
      if (!review) return [];
      const top = entry.chunks.slice(0, 3).map((i) => index.chunks[i]!);
      const rarest = terms.words.find((w) => w.word === evidence.terms[0]);
      const section = entry.chunks.find((i) => termsOf(i).has(rarest?.tokens[0] ?? ''));
      return [
        {
          ...review,
          score: Number(entry.score.toFixed(5)),
          strength,
          why: whyLine({
            terms: evidence.terms,
            section: section === undefined ? undefined : index.chunks[section]?.section,
          }),
          matchedSections: top.map((c) => c.section),
          snippets: top.map((c) => bestSnippet(c.text, notes, embedder)),
        },
      ];
    });
  };
}
