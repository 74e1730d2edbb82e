/**
 * The find-similar page's static index, emitted at build time as a small manifest plus the
 * parts a query loads on demand (src/lib/search/static-format.ts).
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getSiteReviews } from '../../lib/site/reviews.ts';
import { buildStaticIndex } from '../../lib/search/static-index.ts';

export const getStaticPaths = (async () => {
  const { files } = buildStaticIndex(await getSiteReviews());
  return [...files].map(([file, body]) => ({ params: { file }, props: { body } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => {
  const body = (props as { body: string | Uint8Array<ArrayBuffer> }).body;
  return new Response(body, {
    headers: {
      'Content-Type': typeof body === 'string' ? 'application/json' : 'application/octet-stream',
    },
  });
};
