/**
 * Matching notes against the static index, in the browser. The index is read in parts
 * (static-format.ts): the manifest, then per query only the parts holding its terms, the chunk
 * table, and the review groups of the best candidates; every part is fetched once.
 * Same lexical embedder, snippet code and relevance rule as the CLI; vector ranking only
 * (int8 chunk vectors with a per-vector scale), aggregated per review the same way as `match`
 * (sum of reciprocal-rank scores of the review's top chunks), then judged by
 * src/lib/search/relevance.ts: an empty list is "no close match".
 */
import { LexicalEmbedder } from './lexical.ts';
import { bestSnippet } from './snippets.ts';
import { tokenize } from './tokenize.ts';
import {
  candidateTerms,
  judgeMatches,
  queryTerms,
  termEvidence,
  whyLine,
  type MatchStrength,
} from './relevance.ts';
import {
  chunksPath,
  decodeChunkTable,
  decodePart,
  dimensionOf,
  docsPath,
  INT8_MAX,
  manifestPath,
  partPath,
  type ChunkTable,
  type StaticDoc,
  type StaticManifest,
  type StaticPart,
} from './static-format.ts';

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

/** Reads one file of the index by its path relative to the index folder. */
type StaticSource = (path: string) => Promise<Uint8Array>;

/** A source over HTTP: `base` is the index folder's URL, ending in `/`. */
export function fetchSource(base: string, fetcher: typeof fetch = fetch): StaticSource {
  return async (path) => {
    const response = await fetcher(`${base}${path}`);
    if (!response.ok)
      throw new Error(
        `the similarity index could not be loaded (${path}: HTTP ${response.status})`,
      );
    return new Uint8Array(await response.arrayBuffer());
  };
}

/** Loads each path once; a failed load is retried by the next query. */
function once<K, V>(load: (key: K) => Promise<V>): (key: K) => Promise<V> {
  const cache = new Map<K, Promise<V>>();
  return (key) => {
    let value = cache.get(key);
    if (!value) {
      value = load(key);
      value.catch(() => cache.delete(key));
      cache.set(key, value);
    }
    return value;
  };
}

const json = async <T>(bytes: Promise<Uint8Array>): Promise<T> =>
  JSON.parse(new TextDecoder().decode(await bytes)) as T;

/** Prepares an index for repeated queries. */
export function staticMatcher(
  source: StaticSource,
): (notes: string, k?: number) => Promise<BrowserHit[]> {
  const manifest = once(() => json<StaticManifest>(source(manifestPath)));
  const table = once(async (): Promise<ChunkTable> => decodeChunkTable(await source(chunksPath)));
  const part = once(async (p: number): Promise<StaticPart> =>
    decodePart(await source(partPath(p)), (await manifest(undefined)).dimsPerPart, p),
  );
  const docs = once((g: number) => json<StaticDoc[]>(source(docsPath(g))));
  const df: Record<string, number> = {};
  const termsOfChunk = new Map<number, Set<string>>();

  return async (notes, k = 5) => {
    if (!notes.trim()) return [];
    const m = await manifest(undefined);
    if (m.version !== 2) throw new Error(`the similarity index has version ${m.version}, not 2`);
    const { dimensions } = m.lexical;
    const { unigrams, bigrams } = tokenize(notes);
    const wanted = new Set([
      ...unigrams,
      ...bigrams,
      ...queryTerms(notes).words.map((w) => w.tokens[0] ?? ''),
    ]);
    const partIds = new Set(
      [...wanted].map((t) => Math.floor(dimensionOf(t, dimensions) / m.dimsPerPart)),
    );
    const [chunks, loaded] = await Promise.all([
      table(undefined),
      Promise.all([...partIds].map((p) => part(p))),
    ]);
    for (const p of loaded) for (const [term, n] of p.df) df[term] = n;
    const embedder = LexicalEmbedder.fromState({ ...m.lexical, df });

    // Dot products over the postings of the query's dimensions.
    const query = embedder.embedOne(notes);
    const sums = new Float64Array(m.chunks);
    const seen = new Uint8Array(m.chunks);
    const touched: number[] = [];
    const postings = new Map(loaded.flatMap((p) => [...p.postings]));
    query.forEach((w, d) => {
      const list = w === 0 ? undefined : postings.get(d);
      if (!list) return;
      for (let j = 0; j < list.chunks.length; j++) {
        const c = list.chunks[j] as number;
        if (!seen[c]) {
          seen[c] = 1;
          touched.push(c);
        }
        sums[c] = (sums[c] as number) + w * (list.values[j] as number);
      }
    });
    const scored = touched
      .map((i) => ({ i, s: ((sums[i] as number) * (chunks.scale[i] as number)) / INT8_MAX }))
      .filter((x) => x.s > 0)
      .sort((a, b) => b.s - a.s || a.i - b.i)
      .slice(0, Math.max(k * 8, 40));

    const byReview = new Map<number, { score: number; chunks: number[] }>();
    scored.forEach(({ i }, rank) => {
      const review = chunks.review[i] as number;
      const entry = byReview.get(review) ?? { score: 0, chunks: [] };
      entry.score += 1 / (60 + rank + 1);
      entry.chunks.push(i);
      byReview.set(review, entry);
    });
    const best = [...byReview.entries()].sort((a, b) => b[1].score - a[1].score).slice(0, k);
    const groups = new Map(
      await Promise.all(
        [...new Set(best.map(([r]) => Math.floor(r / m.reviewsPerDoc)))].map(
          async (g) => [g, await docs(g)] as const,
        ),
      ),
    );
    const docOf = (r: number) => groups.get(Math.floor(r / m.reviewsPerDoc))?.[r % m.reviewsPerDoc];
    const chunkOf = (i: number) =>
      docOf(chunks.review[i] as number)?.chunks[chunks.local[i] as number] ?? ['', ''];
    const termsOf = (i: number) => {
      let terms = termsOfChunk.get(i);
      if (!terms) termsOfChunk.set(i, (terms = candidateTerms(chunkOf(i)[1])));
      return terms;
    };

    const terms = queryTerms(notes, (t) => embedder.specificity(t));
    const candidates = best.map(([review, entry]) => {
      const labels = docOf(review);
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
      const doc = docOf(r);
      if (!doc) return [];
      const top = entry.chunks.slice(0, 3).map(chunkOf);
      const rarest = terms.words.find((w) => w.word === evidence.terms[0]);
      const section = entry.chunks.find((i) => termsOf(i).has(rarest?.tokens[0] ?? ''));
      return [
        {
          id: doc.id,
          title: doc.title,
          severity: doc.severity,
          date: doc.date,
          services: doc.services,
          failureModes: doc.failureModes,
          score: Number(entry.score.toFixed(5)),
          strength,
          why: whyLine({
            terms: evidence.terms,
            section: section === undefined ? undefined : chunkOf(section)[0],
          }),
          matchedSections: top.map(([s]) => s),
          snippets: top.map(([, text]) => bestSnippet(text, notes, embedder)),
        },
      ];
    });
  };
}
