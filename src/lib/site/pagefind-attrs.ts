/** Helpers for Pagefind's data attributes. */

/**
 * A value safe inside `data-pagefind-filter="key:value"` and `data-pagefind-meta="key:value"`.
 * Pagefind splits those attributes on commas (several values in one attribute), so commas become
 * spaces. Pagefind's own UI renders filter labels as HTML, and Pagefind decodes character
 * references in attribute values more than once, so escaping cannot survive: angle brackets
 * become the look-alike quotation marks ‹ › and an `&` that would start a character reference
 * becomes a full-width ＆. No content string can become markup in the search index.
 */
export const pagefindFilterValue = (value: string): string =>
  value
    .replace(/</g, '‹')
    .replace(/>/g, '›')
    .replace(/&(?=#?\w+;)/g, '＆')
    .replace(/,/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
