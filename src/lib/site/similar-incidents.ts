/**
 * Build-time "Similar incidents": one pass over the site's reviews against the LanceDB index
 * (`casebook embed` runs before `astro build`), cached for the whole build.
 */
import { getSiteReviews } from './reviews.ts';
import { contentDirOf, dbUriOf } from '../config.ts';
import { similarIncidents, type SimilarIncident } from '../search/similar.ts';

let cached: Promise<Map<string, SimilarIncident[]>> | undefined;

/** Review id → similar reviews; an empty map when there is no usable index. */
export function getSimilarIncidents(): Promise<Map<string, SimilarIncident[]>> {
  if (import.meta.env.DEV) cached = undefined;
  cached ??= (async () => {
    const where = { env: process.env, cwd: process.cwd() };
    return similarIncidents(await getSiteReviews(), {
      dbUri: dbUriOf(undefined, where),
      contentDir: contentDirOf(undefined, where),
      env: process.env,
    });
  })();
  return cached;
}
