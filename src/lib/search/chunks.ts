/** Turning a `Review` into index chunks: one per required section, with a content hash. */
import { createHash } from 'node:crypto';
import { REQUIRED_SECTIONS } from '../review/schema.ts';
import { sectionText, sectionKey } from '../review/sections.ts';
import type { Review } from '../review/parse.ts';
import type { ChunkRow } from './store.ts';
import { isoDay } from '../util/dates.ts';

/** The sections that are indexed, as keys ("summary", "detailed mechanism", ...). */
export const INDEXED_SECTIONS: readonly string[] = REQUIRED_SECTIONS.map(sectionKey);

export type Chunk = Omit<ChunkRow, 'vector'>;

/** What the embedder and the full-text index see for a chunk: its review's labels plus the section. */
function chunkSearchText(
  review: Pick<Chunk, 'title' | 'services' | 'failureModes'>,
  text: string,
): string {
  return `${review.title}\n${review.services.join(' ')} ${review.failureModes.join(' ')}\n${text}`;
}

/** Hash of everything a review contributes to the index; unchanged hash = nothing to re-embed. */
function reviewHash(review: Review): string {
  const d = review.data;
  const parts = [
    d.title,
    isoDay(d.date),
    d.severity,
    d.status,
    d.services.join(','),
    d.failureModes.join(','),
    ...INDEXED_SECTIONS.map((s) => sectionText(review.sections, s)),
  ];
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

/** The chunks of a review (sections that are empty are skipped). */
export function reviewChunks(review: Review): Chunk[] {
  const d = review.data;
  const hash = reviewHash(review);
  const base = {
    id: review.id,
    title: d.title,
    services: [...d.services],
    failureModes: [...d.failureModes],
    severity: d.severity,
    date: isoDay(d.date),
    hash,
  };
  return INDEXED_SECTIONS.map((section) => ({
    section,
    text: sectionText(review.sections, section),
  }))
    .filter((c) => c.text)
    .map((c) => ({ ...base, ...c, search: chunkSearchText(base, c.text) }));
}
