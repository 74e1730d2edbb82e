import { describe, expect, it } from 'vitest';
import {
  filtersToSearch,
  matchesFilters,
  parseFilters,
} from '../../../../src/lib/site/client/review-filters.ts';

const item = {
  services: ['payments-api', 'pgbouncer'],
  severity: 'SEV2',
  modes: ['retry-storm'],
  year: '2026',
};

describe('index filters', () => {
  it('reads the four filters from the query string and ignores unknown or empty ones', () => {
    expect(
      parseFilters('?service=payments-api&severity=SEV2&mode=retry-storm&year=2026&x=1&q='),
    ).toEqual({ service: 'payments-api', severity: 'SEV2', mode: 'retry-storm', year: '2026' });
    expect(parseFilters('?severity=')).toEqual({});
  });

  it('writes filters back into the query string, keeping other parameters', () => {
    expect(filtersToSearch({ service: 'payments-api', year: '2026' }, '?utm=a&year=2020')).toBe(
      '?utm=a&year=2026&service=payments-api',
    );
    expect(filtersToSearch({}, '?service=x')).toBe('');
  });

  it('matches an item only when every set filter matches', () => {
    expect(matchesFilters(item, {})).toBe(true);
    expect(matchesFilters(item, { service: 'pgbouncer', severity: 'SEV2' })).toBe(true);
    expect(matchesFilters(item, { service: 'search' })).toBe(false);
    expect(matchesFilters(item, { severity: 'SEV1' })).toBe(false);
    expect(matchesFilters(item, { mode: 'disk-full' })).toBe(false);
    expect(matchesFilters(item, { year: '2025' })).toBe(false);
  });
});
