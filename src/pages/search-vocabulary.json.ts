/** The site's search vocabulary (src/lib/site/vocabulary.ts), emitted at build time for the search page. */
import type { APIRoute } from 'astro';
import { getCatalog } from '../lib/site/site-catalog.ts';
import { buildVocabulary } from '../lib/site/vocabulary.ts';

export const GET: APIRoute = async () => {
  const catalog = await getCatalog();
  const reviews = catalog.reviews;
  const vocabulary = buildVocabulary(
    reviews.map((r) =>
      [r.data.title, r.data.impact, r.body, ...r.data.actionItems.map((a) => a.title)].join('\n'),
    ),
    [
      ...catalog.services,
      ...catalog.failureModes
        .filter((m) => (catalog.byFailureMode.get(m.slug) ?? []).length > 0)
        .map((m) => m.name),
      ...reviews.flatMap((r) => r.data.tags),
      ...reviews.flatMap((r) => r.data.actionItems.flatMap((a) => (a.ticket ? [a.ticket] : []))),
    ],
  );
  return new Response(JSON.stringify(vocabulary), {
    headers: { 'Content-Type': 'application/json' },
  });
};
