/**
 * Build-time "Similar incidents": one pass over the site's reviews against the LanceDB index,
 * cached for the whole build. On `astro build` the embed the build runs has already made that
 * pass (build-embed.ts) and the pages read its file; otherwise (`astro dev`,
 * CASEBOOK_BUILD_EMBED=0) they run it here.
 */
import { similarFile } from 'virtual:casebook/build';
import { getSiteReviews } from './reviews.ts';
import { perBuild } from './per-build.ts';
import { contentDirOf, dbUriOf } from '../config.ts';
import { readSimilarFile, similarIncidents, type SimilarIncident } from '../search/similar.ts';

/** Review id → similar reviews; an empty map when there is no usable index. */
export const getSimilarIncidents: () => Promise<Map<string, SimilarIncident[]>> = perBuild(
  async () => {
    if (similarFile) return readSimilarFile(similarFile);
    const where = { env: process.env, cwd: process.cwd() };
    return similarIncidents(await getSiteReviews(), {
      dbUri: dbUriOf(undefined, where),
      contentDir: contentDirOf(undefined, where),
      env: process.env,
    });
  },
);
