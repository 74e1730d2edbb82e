import { describe, expect, it } from 'vitest';
import { pagefindFilterValue } from '../../../src/lib/site/pagefind-attrs.ts';

describe('pagefindFilterValue', () => {
  it('turns markup in a service or failure-mode name into harmless look-alike characters', () => {
    expect(pagefindFilterValue('<img src=x onerror=alert(1)>')).toBe(
      '‹img src=x onerror=alert(1)›',
    );
    expect(pagefindFilterValue('&lt;script&gt;x')).toBe('＆lt;script＆gt;x');
  });

  it('keeps plain names, ampersands in words, and turns commas into spaces', () => {
    expect(pagefindFilterValue('payments-api')).toBe('payments-api');
    expect(pagefindFilterValue('Retry storm & herd')).toBe('Retry storm & herd');
    expect(pagefindFilterValue('pool, exhaustion')).toBe('pool exhaustion');
  });
});
