import { describe, expect, it } from 'vitest';
import { addDays, calendarDay, escapeHtml, isoDay, slugify } from '../../../src/lib/util/index.ts';

describe('calendar days', () => {
  it('gives the UTC day of an instant and builds only days that exist', () => {
    expect(isoDay(new Date('2026-03-14T23:59:00-02:00'))).toBe('2026-03-15');
    expect(calendarDay(2026, 2, 28)).toBe('2026-02-28');
    expect(calendarDay(2026, 2, 30)).toBeUndefined();
    expect(calendarDay(1850, 1, 1)).toBeUndefined();
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});

describe('slugify', () => {
  it('folds accents and punctuation into kebab case and cuts at a word boundary', () => {
    expect(slugify('Kafka: consumer lag — Café!')).toBe('kafka-consumer-lag-cafe');
    expect(slugify('alpha beta gamma delta', 15)).toBe('alpha-beta');
    expect(slugify('!!!')).toBe('');
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;',
    );
  });
});
