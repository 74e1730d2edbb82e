/**
 * The static similarity index the site's "Find similar incidents" page searches in the
 * browser, built from the site's reviews at build time with the same lexical code the browser
 * runs, as a small manifest plus parts the page fetches when a query needs them (the format is
 * in static-format.ts): document frequencies and int8 postings split by hashed dimension, a
 * chunk table, and review groups with the section texts.
 */
import type { Review } from '../review/parse.ts';
import { reviewChunks } from './chunks.ts';
import { LexicalEmbedder, type LexicalState } from './lexical.ts';
import {
  ByteWriter,
  chunksPath,
  dimensionOf,
  docsPath,
  INT8_MAX,
  manifestPath,
  partPath,
  SCALE_STEPS,
  type StaticDoc,
  type StaticManifest,
} from './static-format.ts';

/** Characters of section text kept for snippets. */
const STATIC_TEXT_LIMIT = 1500;
/** Reviews per docs group: a query loads at most one group per result. */
const REVIEWS_PER_DOC = 32;
/** Parts are made no smaller than this on average (bytes), so small sites get few files. */
const TARGET_PART_BYTES = 4096;

/** The index as files: path (relative to the index folder) → content. */
interface StaticIndex {
  manifest: StaticManifest;
  files: Map<string, string | Uint8Array<ArrayBuffer>>;
}

/** A vector quantised to int8 with one scale: value ≈ q / 127 × scale. */
interface Quantised {
  indices: number[];
  q: number[];
  /** The scale as stored: 1..65535 sixty-five-thousandths. */
  scaleSteps: number;
}

/** Quantises a sparse vector; entries that round to 0 are dropped. */
export function quantise(indices: readonly number[], values: readonly number[]): Quantised {
  const max = values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const scaleSteps = Math.min(SCALE_STEPS, Math.max(1, Math.round(max * SCALE_STEPS)));
  const scale = scaleSteps / SCALE_STEPS;
  const out: Quantised = { indices: [], q: [], scaleSteps };
  indices.forEach((d, j) => {
    const q = Math.max(
      -INT8_MAX,
      Math.min(INT8_MAX, Math.round(((values[j] ?? 0) / scale) * INT8_MAX)),
    );
    if (q !== 0) {
      out.indices.push(d);
      out.q.push(q);
    }
  });
  return out;
}

export function buildStaticIndex(reviews: readonly Review[]): StaticIndex {
  const chunks = reviews.map((r) => reviewChunks(r));
  const embedder = new LexicalEmbedder();
  embedder.fit(chunks.flat().map((c) => c.search));
  const state = JSON.parse(embedder.exportState()) as LexicalState;
  const { dimensions } = embedder;

  // Postings per dimension, chunks in ascending order.
  const postChunks: number[][] = Array.from({ length: dimensions }, () => []);
  const postValues: number[][] = Array.from({ length: dimensions }, () => []);
  const table = new ByteWriter();
  table.varint(reviews.length);
  for (const list of chunks) table.varint(list.length);
  let chunkIndex = 0;
  for (const list of chunks)
    for (const c of list) {
      const sparse = embedder.sparse(c.search);
      const { indices, q, scaleSteps } = quantise(sparse.indices, sparse.values);
      indices.forEach((d, j) => {
        postChunks[d]?.push(chunkIndex);
        postValues[d]?.push(q[j] ?? 0);
      });
      table.byte(scaleSteps & 0xff);
      table.byte(scaleSteps >> 8);
      chunkIndex++;
    }

  const termsByDimension = new Map<number, string[]>();
  for (const term of Object.keys(state.df)) {
    const d = dimensionOf(term, dimensions);
    const list = termsByDimension.get(d);
    if (list) list.push(term);
    else termsByDimension.set(d, [term]);
  }

  // Parts: as few dimensions per part as keeps the average part near TARGET_PART_BYTES.
  const postingBytes = postChunks.reduce((sum, list) => sum + list.length * 2.5, 0);
  let dimsPerPart = 1;
  while (dimsPerPart < dimensions && (postingBytes * dimsPerPart) / dimensions < TARGET_PART_BYTES)
    dimsPerPart *= 2;
  const parts = Math.ceil(dimensions / dimsPerPart);

  const files = new Map<string, string | Uint8Array<ArrayBuffer>>();
  const utf8 = new TextEncoder();
  for (let p = 0; p < parts; p++) {
    const out = new ByteWriter();
    const dims = Array.from({ length: dimsPerPart }, (_, i) => p * dimsPerPart + i);
    const terms = dims.flatMap((d) => termsByDimension.get(d) ?? []).sort();
    out.varint(terms.length);
    for (const term of terms) {
      const bytes = utf8.encode(term);
      out.varint(bytes.length);
      out.raw(bytes);
      out.varint(state.df[term] ?? 1);
    }
    for (const d of dims) {
      const list = postChunks[d] ?? [];
      out.varint(list.length);
      let previous = 0;
      for (const c of list) {
        out.varint(c - previous);
        previous = c;
      }
      out.raw(new Uint8Array(Int8Array.from(postValues[d] ?? []).buffer));
    }
    files.set(partPath(p), out.done());
  }
  files.set(chunksPath, table.done());

  for (let g = 0; g * REVIEWS_PER_DOC < reviews.length; g++) {
    const docs: StaticDoc[] = reviews
      .slice(g * REVIEWS_PER_DOC, (g + 1) * REVIEWS_PER_DOC)
      .map((r, i) => {
        const list = chunks[g * REVIEWS_PER_DOC + i] ?? [];
        return {
          id: r.id,
          title: r.data.title,
          severity: r.data.severity,
          date: list[0]?.date ?? '',
          services: [...r.data.services],
          failureModes: [...r.data.failureModes],
          chunks: list.map((c): [string, string] => [
            c.section,
            c.text.slice(0, STATIC_TEXT_LIMIT),
          ]),
        };
      });
    files.set(docsPath(g), JSON.stringify(docs));
  }

  const manifest: StaticManifest = {
    version: 2,
    lexical: {
      version: state.version,
      dimensions: state.dimensions,
      bigramWeight: state.bigramWeight,
      documents: state.documents,
    },
    reviews: reviews.length,
    chunks: chunkIndex,
    dimsPerPart,
    parts,
    reviewsPerDoc: REVIEWS_PER_DOC,
  };
  files.set(manifestPath, JSON.stringify(manifest));
  return { manifest, files };
}
