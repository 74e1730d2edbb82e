/**
 * The static similarity index the site's "Find similar incidents" page searches in the
 * browser: the lexical embedder's fitted IDF plus every section chunk as a sparse vector.
 * Built from the site's reviews at build time with the same lexical code the browser runs.
 */
import type { Review } from '../review/parse.ts';
import { reviewChunks } from './chunks.ts';
import { LexicalEmbedder, type LexicalState } from './lexical.ts';

/** Characters of section text kept for snippets. */
const STATIC_TEXT_LIMIT = 1500;

interface StaticReview {
  id: string;
  title: string;
  severity: string;
  date: string;
  services: string[];
  failureModes: string[];
}

interface StaticChunk {
  /** Index into `reviews`. */
  review: number;
  section: string;
  text: string;
  /** Hashed indices and values (rounded) of the L2-normalised vector. */
  indices: number[];
  values: number[];
}

export interface StaticIndex {
  version: 1;
  lexical: LexicalState;
  reviews: StaticReview[];
  chunks: StaticChunk[];
}

export function buildStaticIndex(reviews: readonly Review[]): StaticIndex {
  const chunks = reviews.map((r) => reviewChunks(r));
  const embedder = new LexicalEmbedder();
  embedder.fit(chunks.flat().map((c) => c.search));
  return {
    version: 1,
    lexical: JSON.parse(embedder.exportState()) as LexicalState,
    reviews: reviews.map((r, i) => {
      const first = chunks[i]?.[0];
      return {
        id: r.id,
        title: r.data.title,
        severity: r.data.severity,
        date: first?.date ?? '',
        services: [...r.data.services],
        failureModes: [...r.data.failureModes],
      };
    }),
    chunks: chunks.flatMap((list, review) =>
      list.map((c) => {
        const sparse = embedder.sparse(c.search);
        return {
          review,
          section: c.section,
          text: c.text.slice(0, STATIC_TEXT_LIMIT),
          indices: sparse.indices,
          values: sparse.values.map((v) => Math.round(v * 1e4) / 1e4),
        };
      }),
    ),
  };
}
