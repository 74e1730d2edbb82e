/** The compact rows the home page's filters load when the listing has more than one page. */
import type { APIRoute } from 'astro';
import { getSiteReviews } from '../lib/site/reviews.ts';
import { reviewIndexRows } from '../lib/site/review-pages.ts';

export const GET: APIRoute = async () =>
  new Response(JSON.stringify(reviewIndexRows(await getSiteReviews())), {
    headers: { 'Content-Type': 'application/json' },
  });
