/** The one slug rule for file names and ids. Pure and browser-safe. */

/**
 * Lower-case kebab slug of at most `max` characters, accents folded, cut at a word boundary
 * when one falls in the second half ("Kafka: consumer lag!" → "kafka-consumer-lag").
 * Returns '' for text with no letters or digits; callers choose their own fallback.
 */
export function slugify(text: string, max = 60): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max);
  const at = cut.lastIndexOf('-');
  return (at > max / 2 ? cut.slice(0, at) : cut).replace(/-+$/, '');
}
