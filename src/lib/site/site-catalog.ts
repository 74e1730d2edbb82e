/** The build's catalog: the site reviews plus the taxonomy from the content folder, built once. */
import { getSiteReviews } from './reviews.ts';
import { loadTaxonomy } from '../review/taxonomy.ts';
import { contentDirOf } from '../config.ts';
import { buildCatalog, type Catalog } from './catalog.ts';
import { perBuild } from './per-build.ts';

/** The catalog for this build (cached; rebuilt per request under `astro dev`). */
export const getCatalog: () => Promise<Catalog> = perBuild(async () => {
  const contentDir = contentDirOf(undefined, { env: process.env, cwd: process.cwd() });
  const [reviews, taxonomy] = await Promise.all([getSiteReviews(), loadTaxonomy(contentDir)]);
  return buildCatalog(reviews, taxonomy);
});
