import { describe, expect, it } from 'vitest';
import {
  HOME_PAGE_SIZE,
  homePageHref,
  pageCount,
  pageItems,
  pagerOf,
  reviewIndexRows,
} from '../../../src/lib/site/review-pages.ts';
import { matchingRows } from '../../../src/lib/site/client/review-pages.ts';
import type { Review } from '../../../src/lib/review/parse.ts';

const review = (id: string, date: string, severity: string, services: string[], modes: string[]) =>
  ({
    id,
    path: `content/reviews/${id}.md`,
    data: { title: `Title ${id}`, date: new Date(date), severity, services, failureModes: modes },
    sections: [],
    body: '',
  }) as unknown as Review;

describe('the paged home listing', () => {
  it('has 100 reviews a page, and one page even with no reviews', () => {
    expect(HOME_PAGE_SIZE).toBe(100);
    expect(pageCount(0)).toBe(1);
    expect(pageCount(100)).toBe(1);
    expect(pageCount(101)).toBe(2);
    expect(pageCount(10_000)).toBe(100);
    expect(pageCount(7, 3)).toBe(3);
  });

  it('slices the reviews of one page', () => {
    const items = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    expect(pageItems(items, 1, 3)).toEqual(['a', 'b', 'c']);
    expect(pageItems(items, 3, 3)).toEqual(['g']);
    expect(pageItems(items, 4, 3)).toEqual([]);
  });

  it('links page 1 to / and later pages to /page/<n>/, with newer and older links', () => {
    expect(homePageHref(1)).toBe('/');
    expect(homePageHref(2)).toBe('/page/2/');
    expect(pagerOf(1, 1)).toEqual({ pages: [{ page: 1, href: '/', current: true }] });
    expect(pagerOf(2, 3)).toEqual({
      previous: '/',
      next: '/page/3/',
      pages: [
        { page: 1, href: '/', current: false },
        { page: 2, href: '/page/2/', current: true },
        { page: 3, href: '/page/3/', current: false },
      ],
    });
    expect(pagerOf(3, 3).next).toBeUndefined();
  });

  it('gives the filters compact rows, and matches them with the one-page filter rules', () => {
    const rows = reviewIndexRows([
      review('b', '2025-03-02', 'SEV2', ['payments-api'], ['retry-storm']),
      review('a', '2024-11-30', 'SEV1', ['auth-gateway', 'payments-api'], ['dns-failure']),
    ]);
    expect(rows).toEqual([
      {
        id: 'b',
        title: 'Title b',
        date: '2025-03-02',
        severity: 'SEV2',
        services: ['payments-api'],
        modes: ['retry-storm'],
      },
      {
        id: 'a',
        title: 'Title a',
        date: '2024-11-30',
        severity: 'SEV1',
        services: ['auth-gateway', 'payments-api'],
        modes: ['dns-failure'],
      },
    ]);
    expect(matchingRows(rows, { service: 'payments-api' }).map((r) => r.id)).toEqual(['b', 'a']);
    expect(matchingRows(rows, { year: '2024' }).map((r) => r.id)).toEqual(['a']);
    expect(matchingRows(rows, { mode: 'retry-storm', severity: 'SEV1' })).toEqual([]);
    expect(matchingRows(rows, {}).map((r) => r.id)).toEqual(['b', 'a']);
  });
});
