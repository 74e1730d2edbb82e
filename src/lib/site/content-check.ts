/**
 * The site build's content check: the same `loadCorpus` as `casebook check`, and on any problem
 * the same `path:line: message` lines, so a broken review fails the build exactly as it fails the check.
 */
import { loadCorpus, type Corpus } from '../review/load.ts';
import { formatProblem } from '../review/problems.ts';
import { CasebookError } from '../errors.ts';

/** Loads the corpus; throws CONTENT_INVALID whose message is one `path:line: message` line per problem. */
export async function checkContentForBuild(contentDir: string, cwd: string): Promise<Corpus> {
  const corpus = await loadCorpus(contentDir, { cwd });
  if (corpus.problems.length) {
    const n = corpus.problems.length;
    throw new CasebookError(
      'CONTENT_INVALID',
      `${corpus.problems.map(formatProblem).join('\n')}\n${n} problem${n > 1 ? 's' : ''} in the reviews; the site was not built. Fix them and run \`npx casebook check\`.`,
    );
  }
  return corpus;
}
