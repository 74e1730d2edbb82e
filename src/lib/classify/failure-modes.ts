/**
 * Failure modes: one rule table from terms to taxonomy slugs (for imported categories and
 * keywords), and a scored suggestion from free text (for notes), both against
 * content/failure-modes.yaml. Only evidence counts: a term that fits no mode is reported, text
 * with no evidence gets `unclassified` (to be triaged), never a guess. Pure.
 */
import type { FailureMode } from '../review/taxonomy.ts';
import { isRuledOut } from './lines.ts';
import { contentStems, stem, STOP_WORDS } from './words.ts';

/**
 * The placeholder mode for reviews that match no failure mode. It is an entry in
 * content/failure-modes.yaml, so the review stays valid as a draft; `--publish` refuses it.
 */
export const UNCLASSIFIED = 'unclassified';

/** Term patterns per slug. A term (one category or keyword) matches when a pattern matches it. */
const TERM_RULES: Readonly<Record<string, readonly RegExp[]>> = {
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
  'capacity-exhaustion': [
    /^capacity( issues?| planning| shortage)?$/,
    /\b(insufficient|not enough|ran out of|out of|lack of|exhausted( the)?) (compute |cpu |worker )?capacity\b/,
    /\bcapacity (exhaustion|exhausted|shortage|crunch)\b/,
    /\bcpu (saturat\w*|exhaust\w*|starv\w*|at 100\s?%)/,
    /\bunder-?provision\w*/,
    /\bautoscal\w* (was |were )?(too slow|lagg\w*|capped|at (its )?max\w*)/,
  ],
  'dependency-outage': [
    /^(third[ -]party|vendor|upstream|dependency|dependencies|external dependency|provider)( outage| failure)?$/,
    /\b(third[ -]party|vendor|upstream|provider|cloud provider|external) (outage|incident|failure|degradation)s?\b/,
    /\b(aws|gcp|azure|google cloud|cloudflare|fastly|akamai) (outage|incident|degradation)\b/,
    /\b(availability zone|az|region(al)?) (outage|failure)\b/,
  ],
  'network-partition': [
    /^network(ing)?( issues?| failure| outage)?$/,
    /\bnetwork[ -]partition\w*/,
    /\bsplit[ -]brain\b/,
    /\bbgp\b/,
    /\broute (leak|withdraw\w*)/,
    /\bpacket (loss|drops?)\b/,
    /\bmtu\b/,
    /\b(fib(er|re)|cable) cut\b/,
    /\bconnectivity (outage|failure|loss|issues?)\b/,
    /\b(lost|loss of|no) (network )?connectivity\b/,
  ],
  'hardware-failure': [
    /^hardware\b/,
    /\bhardware (failure|fault|issue|problem)s?\b/,
    /\b(power|cooling) (failure|outage|loss|event)s?\b/,
    /\b(failed|failing|faulty|bad|dead) (disk|drive|ssd|nic|network card|power supply|psu|ram|dimm)s?\b/,
    /\b(disk|drive|ssd|nic|psu|dimm) failures?\b/,
  ],
  'security-incident': [
    /^security( incidents?| breach| issues?| vulnerability)?$/,
    /\bsecurity (incident|breach)\b/,
    /\bdata breach\b/,
    /\bunauthori[sz]ed (access|party|user|transactions?)\b/,
    /\b(leaked|stolen|compromised|exposed) (\w+ )?(credentials?|secrets?|keys?|tokens?|passwords?|accounts?)\b/,
    /\b(exploit\w*|attackers? used) (a |an |the )?(\w+ )?(vulnerabilit\w*|flaw|zero[ -]day)/,
    /\bvulnerabilit(y|ies) (was |were |had been )?(exploited|abused)\b/,
    /\bzero[ -]day\b/,
    /\bcve-\d{4}-\d+/,
    /\b(ddos|denial[ -]of[ -]service)\b/,
    /\b(phishing|malware|ransomware)\b/,
    /\battackers?\b/,
  ],
};

interface FailureModeMatch {
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
  /** Modes suggested from the text (`scoreFailureModes`) when no term matched, with their scores. */
  suggested?: FailureModeSuggestion[];
}

const norm = (term: string): string =>
  term.toLowerCase().replace(/[_]+/g, ' ').replace(/\s+/g, ' ').trim();

/** The taxonomy slug a single term names, by slug, by name, or by the rules table. */
function slugForTerm(term: string, taxonomy: readonly FailureMode[]): string | undefined {
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

/** Score at which a failure mode counts as suggested by real evidence. */
const FAILURE_MODE_EVIDENCE = 2;

/**
 * Adjacent content-word pairs, stemmed, within a clause ("a feature flag was flipped" gives
 * "featur flag"): a description's phrases, which say more than its single words.
 */
function stemPairs(text: string): Set<string> {
  const pairs = new Set<string>();
  for (const clause of text.toLowerCase().split(/[^a-z0-9\s-]+/)) {
    const words = clause.match(/[a-z][a-z0-9]*/g) ?? [];
    for (let i = 1; i < words.length; i++) {
      const [a = '', b = ''] = [words[i - 1], words[i]];
      if (a.length > 2 && b.length > 2 && !STOP_WORDS.has(a) && !STOP_WORDS.has(b))
        pairs.add(`${stem(a)} ${stem(b)}`);
    }
  }
  return pairs;
}

/** The entries of `sets` found in no other entry's set (what only this mode's description says). */
function distinctive<T>(sets: ReadonlyMap<string, ReadonlySet<T>>): Map<string, T[]> {
  return new Map(
    [...sets].map(([slug, set]) => [
      slug,
      [...set].filter((w) => ![...sets].some(([other, o]) => other !== slug && o.has(w))),
    ]),
  );
}

/** Stems of words every incident text uses, no evidence of a mode when met apart from its phrase. */
const INCIDENT_WORDS: ReadonlySet<string> = new Set(
  ['incident', 'outage', 'failure', 'issue', 'problem', 'error'].map(stem),
);

/** A failure mode with how strongly the text points at it. */
export interface FailureModeSuggestion {
  slug: string;
  score: number;
}

/**
 * How strongly free text points at each failure mode, from evidence only: the mode's name or slug
 * as a phrase (3), a backticked signature from its description such as `ENOSPC` (3), every word of
 * its slug in one sentence (2; apart, 1; some of them, their share; for a slug with a word every
 * incident uses such as "outage", at most 0.5), a TERM_RULES pattern (2), words that only this mode's
 * description uses (1 from three hits, never enough alone) and two-word phrases that only it
 * uses (0.5 each, at most 1.5). Lines naming a ruled-out suspect are no evidence.
 */
function failureModeEvidence(text: string, taxonomy: readonly FailureMode[]): Map<string, number> {
  const kept = text
    .split(/\r?\n/)
    .filter((l) => !isRuledOut(l))
    .join('\n');
  const lower = kept.toLowerCase();
  const textStems = new Set(contentStems(kept));
  const sentenceStems = kept.split(/(?<=[.!?;])\s+|\n+/).map((x) => new Set(contentStems(x)));
  const modes = taxonomy.filter((m) => m.slug !== UNCLASSIFIED);
  const ownStems = distinctive(
    new Map(modes.map((m) => [m.slug, new Set(contentStems(`${m.name} ${m.description}`))])),
  );
  const ownPairs = distinctive(
    new Map(modes.map((m) => [m.slug, stemPairs(`${m.name}. ${m.description}`)])),
  );
  const textPairs = stemPairs(kept);
  const score = new Map<string, number>();
  for (const mode of modes) {
    let s = 0;
    const phrase = mode.slug.replace(/-/g, ' ');
    if (
      lower.includes(mode.name.toLowerCase()) ||
      new RegExp(`\\b${phrase.replace(/ /g, '[ -]')}`).test(lower)
    )
      s += 3;
    const signatures = [...mode.description.matchAll(/`([^`]+)`/g)].map((m) =>
      (m[1] ?? '').toLowerCase(),
    );
    if (signatures.some((sig) => sig.length > 3 && lower.includes(sig))) s += 3;
    // The same term rules imported categories go through: `SlowDown` throttling, `x509`, pgbouncer.
    if ((TERM_RULES[mode.slug] ?? []).some((p) => p.test(lower))) s += 2;
    const slugWords = mode.slug
      .split('-')
      .filter((w) => !STOP_WORDS.has(w))
      .map(stem);
    // All of them in one sentence is evidence (2), all of them apart less (1), some a share; a
    // slug with a word every incident uses ("security … incident"): a share, 0.5 at most.
    const share = slugWords.filter((w) => textStems.has(w)).length / Math.max(1, slugWords.length);
    if (slugWords.some((w) => INCIDENT_WORDS.has(w))) s += 0.5 * share;
    else if (share < 1) s += share;
    else s += sentenceStems.some((set) => slugWords.every((w) => set.has(w))) ? 2 : 1;
    s += (ownStems.get(mode.slug) ?? []).filter((w) => textStems.has(w)).length >= 3 ? 1 : 0;
    // Phrases only this description uses: how a team-added mode, with no rule here, is found.
    const phraseHits = (ownPairs.get(mode.slug) ?? []).filter((p) => textPairs.has(p)).length;
    s += Math.min(1.5, 0.5 * phraseHits);
    score.set(mode.slug, s);
  }
  return score;
}

/** A past incident's failure modes, for ranking suggestions (best match first). */
export interface RelatedModes {
  failureModes: readonly string[];
}

/**
 * Failure modes suggested for free text, best first, with scores: modes with real evidence
 * (at least FAILURE_MODE_EVIDENCE and 60% of the best), ranked up by the related incidents the
 * caller passes (already past its relevance cutoff) only when the text itself points at them.
 * With no evidence: `unclassified` with score 0 (or the best mode when the taxonomy has none).
 */
export function scoreFailureModes(
  text: string,
  taxonomy: readonly FailureMode[],
  related: readonly RelatedModes[] = [],
  limit = 2,
): FailureModeSuggestion[] {
  if (!taxonomy.length) return [];
  const score = failureModeEvidence(text, taxonomy);
  related.forEach((r, rank) => {
    for (const slug of r.failureModes)
      if ((score.get(slug) ?? 0) > 0) score.set(slug, (score.get(slug) ?? 0) + 2 / (rank + 1));
  });
  const ranked = [...score.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const best = ranked[0]?.[1] ?? 0;
  const supported = ranked
    .filter(([, s]) => s >= FAILURE_MODE_EVIDENCE && s >= best * 0.6)
    .slice(0, limit)
    .map(([slug, s]) => ({ slug, score: Math.round(s * 100) / 100 }));
  if (supported.length) return supported;
  const fallback = taxonomy.find((m) => m.slug === UNCLASSIFIED)?.slug ?? ranked[0]?.[0] ?? '';
  return [{ slug: fallback, score: 0 }];
}

/** The slugs of `scoreFailureModes`. */
export const suggestFailureModes = (
  text: string,
  taxonomy: readonly FailureMode[],
  related: readonly RelatedModes[] = [],
  limit = 2,
): string[] => scoreFailureModes(text, taxonomy, related, limit).map((s) => s.slug);
