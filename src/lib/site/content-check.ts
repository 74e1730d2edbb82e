/**
 * The site build's content check: the same `loadCorpus` as `casebook check`, and on any problem
 * the same `path:line: message` lines, so a broken review fails the build exactly as it fails the check.
 * Both go through the parsed-review cache (review/cache.ts): after `casebook embed` has parsed
 * the reviews, the build's check and its pages reuse those parses instead of parsing again.
 */
import { loadCorpus, type Corpus } from '../review/load.ts';
import { reviewCacheFor } from '../review/cache.ts';
import { formatProblem } from '../review/problems.ts';
import { CasebookError } from '../errors.ts';

/** Where the build runs: its environment (CASEBOOK_REVIEW_CACHE) and working folder. */
export interface SiteIo {
  env: Record<string, string | undefined>;
  cwd: string;
}

/** `loadCorpus` through the parsed-review cache of this environment (none when it is off). */
export async function loadSiteCorpus(contentDir: string, io: SiteIo): Promise<Corpus> {
  return loadCorpus(contentDir, { cwd: io.cwd, cache: await reviewCacheFor(io, contentDir) });
}

/** Loads the corpus; throws CONTENT_INVALID whose message is one `path:line: message` line per problem. */
export async function checkContentForBuild(
  contentDir: string,
  cwd: string,
  env: Record<string, string | undefined> = {},
): Promise<Corpus> {
  const corpus = await loadSiteCorpus(contentDir, { env, cwd });
  if (corpus.problems.length) {
    const n = corpus.problems.length;
    throw new CasebookError(
      'CONTENT_INVALID',
      `${corpus.problems.map(formatProblem).join('\n')}\n${n} problem${n > 1 ? 's' : ''} in the reviews; the site was not built. Fix them and run \`npx casebook check\`.`,
    );
  }
  return corpus;
}
