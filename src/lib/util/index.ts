/** Small shared helpers, one copy each: calendar days, slugs, HTML escaping. */
export { isoDay, calendarDay, addDays } from './dates.ts';
export { slugify } from './slug.ts';
export { escapeHtml } from './html.ts';
