/**
 * What every embedder is: the `Embedder` interface, the fitted (lexical) variant, and the
 * identity recorded with an index. A leaf module: `embedder.ts` (which picks one) and the
 * implementations (`lexical.ts`, `transformers.ts`) all import from here, never from each other.
 */

/** Turns texts into vectors of a fixed length. */
export interface Embedder {
  /** Which implementation: `lexical` or `transformers`. */
  id: string;
  /** The model (or lexical parameter set) that produced the vectors. */
  model?: string;
  dimensions: number;
  embed(texts: string[]): Promise<Float32Array[] | number[][]>;
}

/** An embedder whose weights are fitted on the corpus (the lexical IDF) and stored with the index. */
export interface FittedEmbedder extends Embedder {
  fit(texts: readonly string[]): void;
  exportState(): string;
  importState(state: string): void;
}

export const isFitted = (e: Embedder): e is FittedEmbedder =>
  typeof (e as Partial<FittedEmbedder>).fit === 'function' &&
  typeof (e as Partial<FittedEmbedder>).exportState === 'function';

export const DEFAULT_MODEL = 'Xenova/all-MiniLM-L6-v2';

/** What identifies vectors as comparable: same implementation, model and length. */
export interface EmbedderIdentity {
  id: string;
  model?: string | undefined;
  dimensions: number;
}

export const identityOf = (e: EmbedderIdentity): EmbedderIdentity => ({
  id: e.id,
  model: e.model,
  dimensions: e.dimensions,
});
export const sameEmbedder = (a: EmbedderIdentity, b: EmbedderIdentity): boolean =>
  a.id === b.id && (a.model ?? '') === (b.model ?? '') && a.dimensions === b.dimensions;
export const describeEmbedder = (e: EmbedderIdentity): string =>
  `${e.id}${e.model ? ` (${e.model})` : ''}, ${e.dimensions} dimensions`;
