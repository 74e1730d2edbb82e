/** The static similarity index for the "Find similar incidents" page, emitted at build time. */
import type { APIRoute } from 'astro';
import { getSiteReviews } from '../lib/site/reviews.ts';
import { buildStaticIndex } from '../lib/search/static-index.ts';

export const GET: APIRoute = async () =>
  new Response(JSON.stringify(buildStaticIndex(await getSiteReviews())), {
    headers: { 'Content-Type': 'application/json' },
  });
