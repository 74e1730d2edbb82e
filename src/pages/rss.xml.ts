/** `/rss.xml`: an RSS feed of the published reviews (never drafts or reviews in review), newest first. */
import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { getSiteReviews } from '../lib/site/reviews.ts';
import { reviewHref } from '../lib/site/format.ts';

export const GET: APIRoute = async (context) => {
  const reviews = (await getSiteReviews()).filter((r) => r.data.status === 'published');
  return rss({
    title: 'Casebook: incident reviews',
    description: 'Published incident reviews.',
    site: context.site ?? 'http://localhost:4321',
    trailingSlash: true,
    items: reviews.map((r) => ({
      title: r.data.title,
      link: reviewHref(r.id),
      pubDate: r.data.date,
      description: `${r.data.severity} · ${r.data.services.join(', ')}. ${r.data.impact}`,
      categories: [...r.data.failureModes, ...r.data.services],
    })),
  });
};
