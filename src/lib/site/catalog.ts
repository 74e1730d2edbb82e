/**
 * Everything the pages look up, computed once per build from the reviews and the taxonomy:
 * by id, by service, by failure mode, years. Keeps per-page work O(page), not O(corpus).
 */
import type { Review } from '../review/parse.ts';
import type { FailureMode } from '../review/taxonomy.ts';
import { serviceSlug } from './format.ts';

export interface Catalog {
  /** Every review, newest first. */
  reviews: Review[];
  byId: Map<string, Review>;
  /** Service name → its reviews, newest first. */
  byService: Map<string, Review[]>;
  /** Service URL segment → service name. */
  serviceBySlug: Map<string, string>;
  /** Failure-mode slug → its reviews, newest first (every taxonomy slug is a key). */
  byFailureMode: Map<string, Review[]>;
  /** The taxonomy, in file order. */
  failureModes: FailureMode[];
  modeBySlug: Map<string, FailureMode>;
  /** Service names, alphabetical. */
  services: string[];
  /** Years with reviews, newest first. */
  years: number[];
}

/** Builds the catalog. `reviews` must be newest first (as `getSiteReviews` returns them). */
export function buildCatalog(
  reviews: readonly Review[],
  failureModes: readonly FailureMode[],
): Catalog {
  const byService = new Map<string, Review[]>();
  const byFailureMode = new Map<string, Review[]>(failureModes.map((m) => [m.slug, []]));
  const years = new Set<number>();
  for (const review of reviews) {
    for (const service of new Set(review.data.services)) {
      const list = byService.get(service) ?? [];
      list.push(review);
      byService.set(service, list);
    }
    for (const slug of new Set(review.data.failureModes)) {
      const list = byFailureMode.get(slug) ?? [];
      list.push(review);
      byFailureMode.set(slug, list);
    }
    years.add(review.data.date.getUTCFullYear());
  }
  const services = [...byService.keys()].sort((a, b) => a.localeCompare(b));
  return {
    reviews: [...reviews],
    byId: new Map(reviews.map((r) => [r.id, r])),
    byService,
    serviceBySlug: new Map(services.map((s) => [serviceSlug(s), s])),
    byFailureMode,
    failureModes: [...failureModes],
    modeBySlug: new Map(failureModes.map((m) => [m.slug, m])),
    services,
    years: [...years].sort((a, b) => b - a),
  };
}

/** The previous and next review in a series (a failure mode or a service), oldest to newest. */
export interface Neighbours {
  /** What the series is: "failure mode" or "service". */
  kind: 'failure mode' | 'service';
  /** The failure-mode slug or service name. */
  key: string;
  /** The older review in the series, if any. */
  previous?: Review | undefined;
  /** The newer review in the series, if any. */
  next?: Review | undefined;
}

/**
 * Previous / next for a review page: within its first failure mode that has other reviews,
 * else within its first service that has; undefined when the review stands alone.
 */
export function neighboursOf(catalog: Catalog, review: Review): Neighbours | undefined {
  const series: [Neighbours['kind'], string, Review[] | undefined][] = [
    ...review.data.failureModes.map(
      (m) =>
        ['failure mode', m, catalog.byFailureMode.get(m)] as [
          Neighbours['kind'],
          string,
          Review[] | undefined,
        ],
    ),
    ...review.data.services.map(
      (s) =>
        ['service', s, catalog.byService.get(s)] as [
          Neighbours['kind'],
          string,
          Review[] | undefined,
        ],
    ),
  ];
  for (const [kind, key, list] of series) {
    if (!list || list.length < 2) continue;
    // `list` is newest first: the previous (older) review comes after this one.
    const at = list.findIndex((r) => r.id === review.id);
    if (at < 0) continue;
    return { kind, key, previous: list[at + 1], next: at > 0 ? list[at - 1] : undefined };
  }
  return undefined;
}
