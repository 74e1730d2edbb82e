/** `/reviews/<id>.json`: each review's front matter and sections, for other tools (static, built with the site). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getSiteReviews } from '../../lib/site/reviews.ts';
import { reviewJson } from '../../lib/export/review-json.ts';
import type { Review } from '../../lib/review/parse.ts';

export const getStaticPaths = (async () =>
  (await getSiteReviews()).map((review) => ({
    params: { id: review.id },
    props: { review },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(JSON.stringify(reviewJson((props as { review: Review }).review), null, 2), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
