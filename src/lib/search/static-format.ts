/**
 * The file format of the find-similar page's static index, read in the browser and written at
 * build time (static-index.ts). Browser-safe: no Node imports.
 *
 * `manifest.json` is all the page loads before a query. A query then loads
 * - `chunks.bin`: how many chunks each review has and each chunk's vector scale;
 * - the parts its terms fall in, `parts/<p>.bin`: part p holds the hashed dimensions
 *   [p × dimsPerPart, (p + 1) × dimsPerPart): the document frequency of every term hashed there
 *   (the IDF the query vector needs) and, per dimension, the postings (chunk, int8 value);
 * - the review groups of its best candidates, `docs/<g>.json` (labels and section texts for
 *   evidence and snippets).
 *
 * Chunk vectors are quantised to int8 with one scale per vector: value ≈ q / 127 × scale, where
 * scale is the vector's largest absolute value, stored as a 16-bit fraction of 1.
 */
import { hashTerm, type LexicalState } from './lexical.ts';

export interface StaticManifest {
  version: 2;
  /** The lexical embedder's settings and fit size; the df itself is in the parts. */
  lexical: Omit<LexicalState, 'df'>;
  reviews: number;
  chunks: number;
  dimsPerPart: number;
  parts: number;
  reviewsPerDoc: number;
}

/** A review's labels and its indexed sections, as a docs group lists them. */
export interface StaticDoc {
  id: string;
  title: string;
  severity: string;
  date: string;
  services: string[];
  failureModes: string[];
  /** [section, text] per chunk, in chunk order. */
  chunks: [string, string][];
}

/** A decoded part: document frequencies and postings per dimension. */
export interface StaticPart {
  df: Map<string, number>;
  /** Dimension → chunk indices (ascending) and their int8 values. */
  postings: Map<number, { chunks: Uint32Array; values: Int8Array }>;
}

/** The decoded chunk table. */
export interface ChunkTable {
  /** Chunk index → review index. */
  review: Uint32Array;
  /** Chunk index → index of the chunk within its review. */
  local: Uint16Array;
  /** Chunk index → scale (largest absolute value of the vector). */
  scale: Float32Array;
}

export const SCALE_STEPS = 65535;
export const INT8_MAX = 127;

export const manifestPath = 'manifest.json';
export const chunksPath = 'chunks.bin';
export const partPath = (p: number): string => `parts/${p}.bin`;
export const docsPath = (g: number): string => `docs/${g}.json`;

/** The hashed dimension of a term (the same rule as LexicalEmbedder.embedOne). */
export const dimensionOf = (term: string, dimensions: number): number =>
  hashTerm(term) % dimensions;

/** A growable byte buffer with unsigned LEB128 varints. */
export class ByteWriter {
  private bytes = new Uint8Array(1024);
  private length = 0;

  private room(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    const next = new Uint8Array(Math.max(this.bytes.length * 2, this.length + n));
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
  }

  byte(b: number): void {
    this.room(1);
    this.bytes[this.length++] = b & 0xff;
  }

  varint(n: number): void {
    let v = n;
    while (v >= 0x80) {
      this.byte((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    this.byte(v);
  }

  raw(data: Uint8Array): void {
    this.room(data.length);
    this.bytes.set(data, this.length);
    this.length += data.length;
  }

  done(): Uint8Array<ArrayBuffer> {
    return this.bytes.slice(0, this.length);
  }
}

class ByteReader {
  private at = 0;
  constructor(private readonly bytes: Uint8Array) {}

  byte(): number {
    if (this.at >= this.bytes.length) throw new Error('the similarity index part is truncated');
    return this.bytes[this.at++] as number;
  }

  varint(): number {
    let result = 0;
    let factor = 1;
    for (;;) {
      const b = this.byte();
      result += (b & 0x7f) * factor;
      if (b < 0x80) return result;
      factor *= 128;
    }
  }

  take(n: number): Uint8Array {
    if (this.at + n > this.bytes.length) throw new Error('the similarity index part is truncated');
    const out = this.bytes.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }
}

/** Reads `parts/<p>.bin`: terms with their df, then for each dimension of the part its postings. */
export function decodePart(bytes: Uint8Array, dimsPerPart: number, part: number): StaticPart {
  const reader = new ByteReader(bytes);
  const text = new TextDecoder();
  const df = new Map<string, number>();
  const terms = reader.varint();
  for (let i = 0; i < terms; i++) {
    const term = text.decode(reader.take(reader.varint()));
    df.set(term, reader.varint());
  }
  const postings = new Map<number, { chunks: Uint32Array; values: Int8Array }>();
  for (let d = 0; d < dimsPerPart; d++) {
    const count = reader.varint();
    if (!count) continue;
    const chunks = new Uint32Array(count);
    let chunk = 0;
    for (let i = 0; i < count; i++) chunks[i] = chunk += reader.varint();
    const values = new Int8Array(reader.take(count).slice().buffer);
    postings.set(part * dimsPerPart + d, { chunks, values });
  }
  return { df, postings };
}

/** Reads `chunks.bin`: per review its chunk count, then per chunk its 16-bit scale. */
export function decodeChunkTable(bytes: Uint8Array): ChunkTable {
  const reader = new ByteReader(bytes);
  const reviews = reader.varint();
  const counts: number[] = [];
  for (let r = 0; r < reviews; r++) counts.push(reader.varint());
  const total = counts.reduce((a, b) => a + b, 0);
  const review = new Uint32Array(total);
  const local = new Uint16Array(total);
  const scale = new Float32Array(total);
  let c = 0;
  counts.forEach((count, r) => {
    for (let i = 0; i < count; i++, c++) {
      review[c] = r;
      local[c] = i;
    }
  });
  for (let i = 0; i < total; i++) scale[i] = (reader.byte() | (reader.byte() << 8)) / SCALE_STEPS;
  return { review, local, scale };
}
