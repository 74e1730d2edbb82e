/**
 * The home page's listing at scale: reviews in pages of HOME_PAGE_SIZE (`/`, then `/page/2/`,
 * ...), so no page ships the whole corpus, plus the compact rows of `/review-index.json` that
 * the filters load (only when there is more than one page) to filter across every page. Pure.
 */
import type { Review } from '../review/parse.ts';
import { isoDay } from '../util/dates.ts';

/** Reviews per home page: about 110 KB of HTML. */
export const HOME_PAGE_SIZE = 100;

/** Where the filters' data is served. */
export const REVIEW_INDEX_PATH = '/review-index.json';

/** Pages needed for `total` reviews (at least 1: an empty corpus still has a home page). */
export const pageCount = (total: number, size = HOME_PAGE_SIZE): number =>
  Math.max(1, Math.ceil(total / size));

/** The reviews on page `page` (1-based). */
export const pageItems = <T>(items: readonly T[], page: number, size = HOME_PAGE_SIZE): T[] =>
  items.slice((page - 1) * size, page * size);

/** The URL of home page `page`: `/` for the first, `/page/<n>/` after it. */
export const homePageHref = (page: number): string => (page <= 1 ? '/' : `/page/${page}/`);

/** The pager of page `page` of `pages`: previous, next, and every page number with its link. */
export interface Pager {
  previous?: string;
  next?: string;
  pages: { page: number; href: string; current: boolean }[];
}

export function pagerOf(page: number, pages: number): Pager {
  return {
    ...(page > 1 ? { previous: homePageHref(page - 1) } : {}),
    ...(page < pages ? { next: homePageHref(page + 1) } : {}),
    pages: Array.from({ length: pages }, (_, i) => ({
      page: i + 1,
      href: homePageHref(i + 1),
      current: i + 1 === page,
    })),
  };
}

/** One review in `/review-index.json`: what the filters match on and a result row shows. */
export interface ReviewIndexRow {
  id: string;
  title: string;
  /** YYYY-MM-DD. */
  date: string;
  severity: string;
  services: string[];
  /** Failure-mode slugs. */
  modes: string[];
  /** Present (true) on imported history, which the row marks "Imported". */
  imported?: true;
}

/** The rows, in the order given (newest first on the site). */
export const reviewIndexRows = (reviews: readonly Review[]): ReviewIndexRow[] =>
  reviews.map((r) => ({
    id: r.id,
    title: r.data.title,
    date: isoDay(r.data.date),
    severity: r.data.severity,
    services: [...r.data.services],
    modes: [...r.data.failureModes],
    ...(r.data.status === 'imported' ? { imported: true as const } : {}),
  }));
