/**
 * The lexical tokenizer: technical tokens kept whole (`maxIdleConns`, `max.poll.records=500`,
 * `x509:`, `pgbouncer-payments`, `v3.18.0`) plus their useful sub-parts, stop words removed,
 * light stemming, word bigrams. Pure and browser-safe (no node: imports).
 */

/** English stop words plus words that carry no signal in incident reviews. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below between both but by can could ' +
    'did do does doing down during each few for from further had has have having he her here hers herself him himself his how i if in into ' +
    'is it its itself just me more most my myself no nor not now of off on once only or other our ours ourselves out over own same she should ' +
    'so some such than that the their theirs them themselves then there these they this those through to too under until up very was we were ' +
    'what when where which while who whom why will with would you your yours yourself yourselves also may might must shall us via per its ' +
    "it's we're they're don't didn't wasn't weren't isn't aren't there's that's one two"
  ).split(/\s+/),
);

/**
 * A raw token: letters/digits/underscore, optionally joined by `. - = / : @ +` to further runs
 * (`max.poll.records=500`, `pgbouncer-payments`, `v3.18.0`, `a/b`), optionally followed by `:`.
 */
const RAW_TOKEN = /[\p{L}\p{N}_]+(?:[.\-=/:@+]+[\p{L}\p{N}_]+)*:?/gu;
const SUB_PART = /[\p{L}\p{N}_]+/gu;
const CAMEL_BOUNDARY = /(?<=[\p{Ll}\p{N}])(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})/u;

/** Light English stemming for plain alphabetic words: plurals, -ing, -ed. Deterministic. */
export function stem(word: string): string {
  if (!/^[a-z]+$/.test(word) || word.length <= 3) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is|os)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length > 4) w = undouble(w.slice(0, -2));
  return w;
}

function undouble(w: string): string {
  return /([b-df-hj-np-tv-z])\1$/.test(w) && !/(ll|ss|zz)$/.test(w) ? w.slice(0, -1) : w;
}

export interface Tokens {
  /** Content words and technical tokens (whole and sub-parts), stemmed, in text order. */
  unigrams: string[];
  /** Adjacent content-word pairs, `a_b`. */
  bigrams: string[];
}

const isNumber = (s: string) => /^\d+$/.test(s);

/**
 * Tokenizes text for the lexical embedder. A technical token yields its whole lower-cased form
 * and its sub-parts (camelCase words, pieces between punctuation); a trailing `:` is kept on
 * tokens that contain a digit (`x509:`), which are error-prefix signatures.
 */
export function tokenize(text: string): Tokens {
  const unigrams: string[] = [];
  const sequence: string[] = [];
  for (const match of text.matchAll(RAW_TOKEN)) {
    const raw = match[0];
    const hasColon = raw.endsWith(':');
    const bare = hasColon ? raw.slice(0, -1) : raw;
    const lower = bare.toLowerCase();
    const parts = bare.match(SUB_PART) ?? [];
    const camel = parts.length === 1 && CAMEL_BOUNDARY.test(bare) && /\p{Ll}/u.test(bare);
    const technical = parts.length > 1 || camel || (/\d/.test(lower) && /\p{L}/u.test(lower));
    if (!technical) {
      if (STOP_WORDS.has(lower) || lower.length < 2) continue;
      const word = stem(lower);
      unigrams.push(word);
      sequence.push(word);
      continue;
    }
    unigrams.push(lower);
    if (hasColon && /\d/.test(lower)) unigrams.push(`${lower}:`);
    // `max.poll.records=500` also yields `max.poll.records`: the key without its value.
    const key = /^(.+?)[=:]/.exec(lower)?.[1];
    if (key && key !== lower && /[.\-_]/.test(key)) unigrams.push(key);
    const subs = parts.flatMap((p) => p.split(CAMEL_BOUNDARY)).map((p) => p.toLowerCase());
    for (const sub of subs) {
      if (sub.length < 2 || STOP_WORDS.has(sub) || (isNumber(sub) && sub.length < 3)) continue;
      const word = stem(sub);
      if (word !== lower) unigrams.push(word);
    }
    // The technical token stands in the bigram sequence as itself.
    sequence.push(lower);
  }
  const bigrams: string[] = [];
  for (let i = 1; i < sequence.length; i++) bigrams.push(`${sequence[i - 1]}_${sequence[i]}`);
  return { unigrams, bigrams };
}

/** Plain words for a full-text query: alphanumeric, lower-case, no stop words, de-duplicated. */
export function queryWords(text: string, limit = 200): string[] {
  const seen = new Set<string>();
  for (const m of text.toLowerCase().matchAll(SUB_PART)) {
    const w = m[0];
    if (w.length < 2 || STOP_WORDS.has(w) || seen.has(w)) continue;
    seen.add(w);
    if (seen.size >= limit) break;
  }
  return [...seen];
}
