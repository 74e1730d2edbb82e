/**
 * The "why" of a match: a full-text query from notes, and the sentence of a matched section
 * that shares the most (IDF-weighted) words with the notes. Pure and browser-safe.
 */
import { flattenExcerpt } from '../markdown/flatten.ts';
import { LIST_MARKER } from '../markdown/lines.ts';
import { queryWords, tokenize } from './tokenize.ts';
import type { LexicalEmbedder } from './lexical.ts';

/** Longest snippet, in characters. */
const SNIPPET_LENGTH = 220;

/**
 * The full-text query for notes: their distinct plain words; with a fitted lexical embedder,
 * only the `limit` rarest (highest IDF) ones, which keeps long notes fast and on-topic.
 */
export function ftsQueryOf(
  notes: string,
  lexical?: Pick<LexicalEmbedder, 'idf'>,
  limit = 48,
): string {
  let words = queryWords(notes, 2000);
  if (lexical)
    words = words
      .map((w, i) => ({ w, i, idf: lexical.idf(w) }))
      .sort((a, b) => b.idf - a.idf || a.i - b.i)
      .slice(0, limit)
      .sort((a, b) => a.i - b.i)
      .map((x) => x.w);
  else words = words.slice(0, limit);
  return words.join(' ');
}

const plain = flattenExcerpt;

/** Where a section's text splits into candidate snippets: blank lines, list items, sentence ends. */
const SENTENCE_OR_ITEM_BREAK = new RegExp(
  String.raw`\n\s*\n|\n(?=\s*${LIST_MARKER}\s)|(?<=[.!?])\s+(?=[A-Z\x60"(])`,
);

/** The sentence of `text` that best explains the match with `notes`, shortened to SNIPPET_LENGTH. */
export function bestSnippet(
  text: string,
  notes: string,
  lexical?: Pick<LexicalEmbedder, 'idf'>,
): string {
  const wanted = new Set(tokenize(notes).unigrams);
  const sentences = text.split(SENTENCE_OR_ITEM_BREAK).map(plain).filter(Boolean);
  let best = sentences[0] ?? '';
  let bestScore = -1;
  for (const sentence of sentences) {
    const terms = new Set(tokenize(sentence).unigrams);
    let score = 0;
    for (const t of terms) if (wanted.has(t)) score += lexical ? lexical.idf(t) : 1;
    if (score > bestScore) {
      bestScore = score;
      best = sentence;
    }
  }
  return best.length <= SNIPPET_LENGTH
    ? best
    : `${best.slice(0, SNIPPET_LENGTH - 1).replace(/\s+\S*$/, '')}…`;
}
