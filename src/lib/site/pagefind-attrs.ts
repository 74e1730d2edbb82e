/** Helpers for Pagefind's data attributes. */

/**
 * A value safe inside `data-pagefind-filter="key:value"`: Pagefind splits that attribute on commas
 * (several filters in one attribute), so commas become spaces.
 */
export const pagefindFilterValue = (value: string): string =>
  value.replace(/,/g, ' ').replace(/\s+/g, ' ').trim();
