/** `casebook check [paths...]`: validate reviews, print `path:line: message`, exit 1 on any problem. */
import type { Command } from '../cli/command.ts';
import { parseCommandArgs } from '../cli/args.ts';
import { loadCorpus } from '../review/load.ts';
import { formatProblem } from '../review/problems.ts';
import { contentDirOf } from '../config.ts';

export const command: Command = {
  name: 'check',
  summary: 'Validate reviews: front matter, sections, failure modes, related ids, timeline order.',
  help: `Usage: casebook check [paths...] [--content <dir>] [--json]

Validates every review in <content>/reviews (or only the given files): the front-matter
schema, the five required sections (present, non-empty, in order), known failure modes,
related ids that exist, duplicate ids and timeline order. The site build runs the same check.

Options:
  --content <dir>  content folder holding reviews/ and failure-modes.yaml (default ./content, or CASEBOOK_CONTENT)
  --json           print {"ok", "checked", "problems": [{path, line, code, message}]}
  -h, --help       show this help

Exit codes: 0 clean, 1 problems found, 2 usage error.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('check', args, {
      content: { type: 'string' },
      json: { type: 'boolean' },
    });
    const contentDir = contentDirOf(values.content, io);
    const corpus = await loadCorpus(contentDir, {
      paths: positionals.length ? positionals : undefined,
      cwd: io.cwd,
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
};
