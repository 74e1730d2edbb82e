/**
 * Source categories and keywords → failure-mode slugs from the taxonomy. Only confident
 * matches count: a term that fits no mode is reported, and a review with no match gets
 * `UNCLASSIFIED` plus a TODO, never a guessed mode. Pure.
 */
import type { FailureMode } from '../review/taxonomy.ts';

/**
 * The placeholder mode for imported reviews that match no failure mode. It is an entry in
 * content/failure-modes.yaml, so the review stays valid as a draft; `--publish` refuses it.
 */
export const UNCLASSIFIED = 'unclassified';

/** Term patterns per slug. A term (one category or keyword) matches when a pattern matches it. */
export const TERM_RULES: Readonly<Record<string, readonly RegExp[]>> = {
  'connection-pool-exhaustion': [
    /\b(connection|conn|db|database|thread)[ -]?pool/,
    /\bpool (exhaustion|exhausted|saturation)/,
    /\bpgbouncer\b/,
    /\btoo many connections\b/,
  ],
  'retry-storm': [
    /\bretry[ -]?storms?\b/,
    /\bthundering[ -]herd\b/,
    /\bretry (amplification|loops?)\b/,
  ],
  'certificate-expiry': [
    /\bcert(ificate)?s?\b.*\b(expir|rotation)/,
    /\b(expir\w*|expired) (tls |ssl )?cert/,
    /\bx509\b/,
    /\bcertificate[ -]expiry\b/,
  ],
  'dns-failure': [/\bdns\b/, /\bname resolution\b/, /\bresolver\b/, /\bnameservers?\b/],
  'bad-config-push': [
    /^config$/,
    /^config[ -]change$/,
    /^config errors?$/,
    /\bmis-?configur\w*/,
    /^configuration( change| error| push)?$/,
    /\bconfig(uration)? (change|push|error|rollout)\b/,
    /\bbad config\b/,
    /\bfeature flags?\b/,
  ],
  'disk-full': [
    /\bdisk[ -](full|space)\b/,
    /\bout of (disk|space)\b/,
    /\benospc\b/,
    /\bno space left\b/,
    /\binodes?\b/,
  ],
  'clock-skew': [
    /^time$/,
    /\bclock[ -]?(skew|drift)?\b/,
    /\bntp\b/,
    /\bleap[ -]?(second|year|day)s?\b/,
    /\btime ?zones?\b/,
    /\bchrony\b/,
  ],
  'consumer-rebalance-storm': [/\brebalanc\w*/, /\bconsumer[ -]group\b/, /\bmax\.poll\b/],
  'memory-leak-oom': [
    /\bmemory[ -]leaks?\b/,
    /\boom\b/,
    /\bout of memory\b/,
    /\boom[ -]?kill\w*/,
    /\bmemory exhaustion\b/,
  ],
  'cache-stampede': [
    /\bcache[ -]stampede\b/,
    /\bcold cache\b/,
    /\bcache (flush|expiry|miss(es)?)\b/,
    /\bdog[ -]?pil\w*/,
  ],
  'deploy-regression': [
    /^(deploy|deploys|deployment|bad deploy|release)$/,
    /\b(bad|faulty|buggy) (deploy|deployment|release)\b/,
    /\bdeploy(ment)? regression\b/,
    /\bregression\b/,
    /\brelease (bug|regression)\b/,
  ],
  'quota-exhaustion': [
    /\bquotas?\b/,
    /\brate[ -]?limit\w*/,
    /\bthrottl\w*/,
    /\blimit (reached|exceeded)\b/,
    /\bfile descriptors?\b/,
    /\bip (address )?exhaustion\b/,
  ],
  'replication-lag': [
    /\breplication[ -]lag\b/,
    /\breplica(tion)? (lag|delay|behind)\b/,
    /\bstale reads?\b/,
  ],
  'lock-contention': [
    /\block[ -]contention\b/,
    /\bdeadlocks?\b/,
    /\btable lock\b/,
    /\brow lock\b/,
    /\badvisory lock\b/,
    /\bmutex\b/,
  ],
  'cascading-timeout': [
    /\bcascading[ -]timeouts?\b/,
    /\btimeouts? (cascade|misconfigur\w*|budget)\b/,
  ],
  'data-corruption': [
    /\bdata[ -](loss|corruption|lost|inconsisten\w*)\b/,
    /\bcorrupt\w*\b/,
    /\blost data\b/,
  ],
};

export interface FailureModeMatch {
  /** The source term (category or keyword) as given. */
  term: string;
  slug: string;
}

export interface FailureModeMapping {
  /** Known slugs, in first-match order; `[UNCLASSIFIED]` when nothing matched. */
  slugs: string[];
  matches: FailureModeMatch[];
  /** Terms that matched no mode. */
  unmatched: string[];
  /** True when no term matched and the review got UNCLASSIFIED. */
  unclassified: boolean;
}

const norm = (term: string): string =>
  term.toLowerCase().replace(/[_]+/g, ' ').replace(/\s+/g, ' ').trim();

/** The taxonomy slug a single term names, by slug, by name, or by the rules table. */
export function slugForTerm(term: string, taxonomy: readonly FailureMode[]): string | undefined {
  const t = norm(term);
  if (!t) return undefined;
  const known = new Set(taxonomy.map((m) => m.slug));
  const asSlug = t.replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  if (known.has(asSlug) && asSlug !== UNCLASSIFIED) return asSlug;
  const byName = taxonomy.find((m) => m.slug !== UNCLASSIFIED && norm(m.name) === t);
  if (byName) return byName.slug;
  for (const [slug, patterns] of Object.entries(TERM_RULES)) {
    if (known.has(slug) && patterns.some((p) => p.test(t))) return slug;
  }
  return undefined;
}

/** Maps every term; returns the distinct slugs or UNCLASSIFIED. */
export function mapFailureModes(
  terms: readonly string[],
  taxonomy: readonly FailureMode[],
): FailureModeMapping {
  const slugs: string[] = [];
  const matches: FailureModeMatch[] = [];
  const unmatched: string[] = [];
  const seen = new Set<string>();
  for (const term of terms) {
    const key = norm(term);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    const slug = slugForTerm(term, taxonomy);
    if (slug) {
      matches.push({ term, slug });
      if (!slugs.includes(slug)) slugs.push(slug);
    } else unmatched.push(term);
  }
  return slugs.length
    ? { slugs, matches, unmatched, unclassified: false }
    : { slugs: [UNCLASSIFIED], matches, unmatched, unclassified: true };
}
