/** `casebook check [paths...]`: validate reviews, print `path:line: message`, exit 1 on any problem. */
import { defineCommand } from '../cli/command.ts';
import { COMMON_OPTIONS } from '../cli/args.ts';
import { loadCorpus } from '../review/load.ts';
import { reviewCacheFor } from '../review/cache.ts';
import { formatProblem } from '../review/problems.ts';
import { contentDirOf } from '../config.ts';

export const command = defineCommand({
  name: 'check',
  summary: 'Validate reviews: front matter, sections, failure modes, related ids, timeline order.',
  usage: '[paths...]',
  description: `Validates every review in <content>/reviews (or only the given files): the front-matter
schema, the five required sections (present, non-empty, in order), known failure modes,
related ids that exist, duplicate ids and timeline order. The site build runs the same check.`,
  options: {
    content: COMMON_OPTIONS.content,
    json: COMMON_OPTIONS.json,
  },
  notes: 'JSON: {"ok", "checked", "problems": [{path, line, code, message}]}',
  exitCodes: '0 clean, 1 problems found, 2 usage error.',
  async run({ values, positionals }, io) {
    const contentDir = contentDirOf(values.content, io);
    const corpus = await loadCorpus(contentDir, {
      paths: positionals.length ? positionals : undefined,
      cwd: io.cwd,
      cache: await reviewCacheFor(io, contentDir),
    });
    const checked =
      positionals.length ||
      corpus.reviews.length + new Set(corpus.problems.map((p) => p.path)).size;
    if (values.json) {
      io.stdout.write(
        JSON.stringify(
          { ok: corpus.problems.length === 0, checked, problems: corpus.problems },
          null,
          2,
        ) + '\n',
      );
    } else {
      for (const problem of corpus.problems) io.stdout.write(formatProblem(problem) + '\n');
      const n = corpus.problems.length;
      io.stderr.write(
        n
          ? `${n} problem${n > 1 ? 's' : ''} in ${new Set(corpus.problems.map((p) => p.path)).size} file(s); ${checked} checked.\n`
          : `${checked} review${checked === 1 ? '' : 's'} checked, no problems.\n`,
      );
    }
    return corpus.problems.length ? 1 : 0;
  },
});
