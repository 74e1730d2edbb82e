/** The build's catalog: the site reviews plus the taxonomy from the content folder, built once. */
import { getSiteReviews } from './reviews.ts';
import { loadTaxonomy } from '../review/taxonomy.ts';
import { contentDirOf } from '../config.ts';
import { buildCatalog, type Catalog } from './catalog.ts';

let cached: Promise<Catalog> | undefined;

/** The catalog for this build (cached; rebuilt per request under `astro dev`). */
export function getCatalog(): Promise<Catalog> {
  if (import.meta.env.DEV) cached = undefined;
  cached ??= (async () => {
    const contentDir = contentDirOf(undefined, { env: process.env, cwd: process.cwd() });
    const [reviews, taxonomy] = await Promise.all([getSiteReviews(), loadTaxonomy(contentDir)]);
    return buildCatalog(reviews, taxonomy);
  })();
  return cached;
}
