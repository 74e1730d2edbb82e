/**
 * The built-in lexical embedder: deterministic and offline. Tokens (see tokenize.ts) and word
 * bigrams are feature-hashed into a fixed number of dimensions with a sign bit, weighted by
 * sublinear TF (1 + ln tf) times corpus IDF (ln((N + 1) / (df + 1)) + 1), and L2-normalised.
 *
 * The IDF is fitted on the corpus (`fit`) and exported with `exportState` so that the index
 * stores it and queries use exactly the same weights. Pure and browser-safe: the site's
 * "Find similar incidents" page runs this same module.
 */
import { CasebookError } from '../errors.ts';
import { tokenize } from './tokenize.ts';

export interface LexicalOptions {
  /** Vector length (default 4096, tuned on the retrieval benchmark). */
  dimensions?: number | undefined;
  /** Weight of a word bigram relative to a single token (default 0.25). */
  bigramWeight?: number | undefined;
}

/** The fitted IDF: number of documents and document frequency of every term seen in ≥ 2 documents. */
export interface LexicalState {
  version: 1;
  dimensions: number;
  bigramWeight: number;
  /** Documents (chunks) the IDF was fitted on. */
  documents: number;
  /** Document frequency per term; terms seen in one document only are left out (df = 1 assumed). */
  df: Record<string, number>;
}

/** A sparse vector: sorted hashed indices and their (normalised) values. */
export interface SparseVector {
  indices: number[];
  values: number[];
}

export const LEXICAL_ID = 'lexical';
const LEXICAL_MODEL = 'hashed-tfidf-v1';
const DEFAULTS = { dimensions: 4096, bigramWeight: 0.25 };

/** FNV-1a over UTF-16 code units: a stable 32-bit hash in every JS engine. */
export function hashTerm(term: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) {
    h ^= term.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Weighted terms of a text: token → sublinear TF × kind weight (IDF not applied). */
function termWeights(text: string, bigramWeight: number): Map<string, number> {
  const { unigrams, bigrams } = tokenize(text);
  const counts = new Map<string, number>();
  for (const t of unigrams) counts.set(t, (counts.get(t) ?? 0) + 1);
  const bigramCounts = new Map<string, number>();
  for (const t of bigrams) bigramCounts.set(t, (bigramCounts.get(t) ?? 0) + 1);
  const weights = new Map<string, number>();
  for (const [t, c] of counts) weights.set(t, 1 + Math.log(c));
  if (bigramWeight > 0)
    for (const [t, c] of bigramCounts)
      weights.set(t, (weights.get(t) ?? 0) + bigramWeight * (1 + Math.log(c)));
  return weights;
}

/** The lexical embedder. Without `fit` / `importState` every term has IDF 1 (plain TF). */
export class LexicalEmbedder {
  readonly id = LEXICAL_ID;
  readonly model: string;
  readonly dimensions: number;
  readonly bigramWeight: number;
  private documents = 0;
  private df = new Map<string, number>();

  constructor(options: LexicalOptions = {}) {
    this.dimensions = options.dimensions ?? DEFAULTS.dimensions;
    this.bigramWeight = options.bigramWeight ?? DEFAULTS.bigramWeight;
    this.model = `${LEXICAL_MODEL}-d${this.dimensions}-b${this.bigramWeight}`;
  }

  /** Builds an embedder from a stored state (the same weights the index was built with). */
  static fromState(state: string | LexicalState): LexicalEmbedder {
    const parsed = typeof state === 'string' ? (JSON.parse(state) as LexicalState) : state;
    const embedder = new LexicalEmbedder({
      dimensions: parsed.dimensions,
      bigramWeight: parsed.bigramWeight,
    });
    embedder.importState(parsed);
    return embedder;
  }

  /** Fits the IDF on the corpus: each text is one document. */
  fit(texts: readonly string[]): void {
    const df = new Map<string, number>();
    for (const text of texts)
      for (const term of termWeights(text, this.bigramWeight).keys())
        df.set(term, (df.get(term) ?? 0) + 1);
    for (const [term, n] of df) if (n < 2) df.delete(term);
    this.df = df;
    this.documents = texts.length;
  }

  /** Whether the IDF has been fitted or imported. */
  get fitted(): boolean {
    return this.documents > 0;
  }

  /** Documents the IDF was fitted on. */
  get fittedDocuments(): number {
    return this.documents;
  }

  exportState(): string {
    const df: Record<string, number> = {};
    for (const term of [...this.df.keys()].sort()) df[term] = this.df.get(term) ?? 0;
    const state: LexicalState = {
      version: 1,
      dimensions: this.dimensions,
      bigramWeight: this.bigramWeight,
      documents: this.documents,
      df,
    };
    return JSON.stringify(state);
  }

  importState(state: string | LexicalState): void {
    const parsed = typeof state === 'string' ? (JSON.parse(state) as LexicalState) : state;
    if (parsed.dimensions !== this.dimensions || parsed.bigramWeight !== this.bigramWeight) {
      throw new CasebookError(
        'INDEX_EMBEDDER_MISMATCH',
        `the index's lexical state is for ${parsed.dimensions} dimensions / bigram weight ${parsed.bigramWeight}, not ${this.dimensions} / ${this.bigramWeight}. Rebuild the index with \`casebook embed --full\`.`,
      );
    }
    this.documents = parsed.documents;
    this.df = new Map(Object.entries(parsed.df));
  }

  /** Inverse document frequency of a term under the fitted state. */
  idf(term: string): number {
    if (!this.documents) return 1;
    const df = this.df.get(term) ?? 1;
    return Math.log((this.documents + 1) / (df + 1)) + 1;
  }

  /**
   * How specific a term is in this corpus, 0..1: its IDF over the largest IDF a term can have
   * (one document). The same order as `idf` (so shares of a query's weight are unchanged), on a
   * scale that does not grow with the corpus: "service" in most sections is near 0.2, a word of
   * one section is 1. Without a fit every term is 1.
   */
  specificity(term: string): number {
    if (this.documents < 2) return 1;
    return this.idf(term) / (Math.log((this.documents + 1) / 2) + 1);
  }

  /** The TF-IDF weight of every term of a text (before hashing and normalisation). */
  weights(text: string): Map<string, number> {
    const weights = termWeights(text, this.bigramWeight);
    for (const [term, w] of weights) weights.set(term, w * this.idf(term));
    return weights;
  }

  /** One L2-normalised dense vector. */
  embedOne(text: string): Float32Array {
    const vector = new Float32Array(this.dimensions);
    for (const [term, w] of this.weights(text)) {
      const h = hashTerm(term);
      const i = h % this.dimensions;
      vector[i] = (vector[i] ?? 0) + (h & 0x80000000 ? -w : w);
    }
    let norm = 0;
    for (const v of vector) norm += v * v;
    norm = Math.sqrt(norm);
    if (norm > 0) for (let i = 0; i < vector.length; i++) vector[i] = (vector[i] ?? 0) / norm;
    return vector;
  }

  /** The same vector as `embedOne`, as its non-zero entries. */
  sparse(text: string): SparseVector {
    const dense = this.embedOne(text);
    const indices: number[] = [];
    const values: number[] = [];
    dense.forEach((v, i) => {
      if (v !== 0) {
        indices.push(i);
        values.push(v);
      }
    });
    return { indices, values };
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    return texts.map((t) => this.embedOne(t));
  }
}
