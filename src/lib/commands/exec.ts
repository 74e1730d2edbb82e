/** `casebook exec <review.md> [--write]`: the ~150-word executive summary of a verified review. */
import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { defineCommand } from '../cli/command.ts';
import { COMMON_OPTIONS } from '../cli/args.ts';
import { contentDirOf } from '../config.ts';
import { CasebookError } from '../errors.ts';
import { writeFileAtomic } from '../files.ts';
import { loadCorpus, reviewIdOf } from '../review/load.ts';
import { parseReview } from '../review/parse.ts';
import { formatProblem } from '../review/problems.ts';
import { modelOf, streamCompletion } from '../draft/claude.ts';
import {
  countWords,
  execPrompt,
  extractiveExecSummary,
  limitWords,
  setExecSummary,
  unfinishedParts,
  EXEC_MAX_WORDS,
} from '../draft/exec.ts';

export const command = defineCommand({
  name: 'exec',
  summary: 'Write the ~150-word executive summary of a review (Claude, or extractive offline).',
  usage: '<review.md>',
  description: `Generates the executive summary of a review that passes \`casebook check\`: at most about
${EXEC_MAX_WORDS} words on customer and business impact, duration, and what prevents recurrence,
without the deep mechanism. With ANTHROPIC_API_KEY set it asks Claude; otherwise (or with
--offline) it builds an extractive summary from the summary, impact, timeline metrics and
action items. It refuses a review that fails the check.`,
  options: {
    write: {
      type: 'boolean',
      help: "store the text in the review's execSummary (atomically; the rest of the file is kept)",
    },
    offline: { type: 'boolean', help: 'extractive summary, no model call' },
    model: COMMON_OPTIONS.model,
    content: COMMON_OPTIONS.content,
    json: COMMON_OPTIONS.json,
  },
  notes: 'JSON: {"path", "mode", "words", "execSummary", "written"}',
  exitCodes:
    '0 ok, 1 the review fails check or cannot be read, 2 usage, 4-8 API errors (nothing written).',
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) throw new CasebookError('USAGE', 'pass exactly one review file.');
    const path = resolve(io.cwd, positionals[0] ?? '');
    const shown = relative(io.cwd, path) || path;
    const corpus = await loadCorpus(contentDirOf(values.content, io), {
      paths: [path],
      cwd: io.cwd,
    });
    if (corpus.problems.length) {
      throw new CasebookError(
        'CONTENT_INVALID',
        `${shown} fails \`casebook check\`, so no executive summary was made:\n${corpus.problems.map(formatProblem).join('\n')}\nFix the review (and run \`casebook verify\` on a draft) first.`,
      );
    }
    const review = corpus.reviews.find((r) => resolve(io.cwd, r.path) === path);
    if (!review)
      throw new CasebookError(
        'FILE_NOT_FOUND',
        `${shown}: not found among the reviews. Check the path.`,
      );
    const unfinished = unfinishedParts(review);
    if (unfinished.length) {
      throw new CasebookError(
        'CONTENT_INVALID',
        `${shown} still has TODO: in ${unfinished.join(', ')}. The executive summary is generated from the verified review: finish those parts, run \`casebook verify\`, then run exec again.`,
      );
    }

    const apiKey = io.env.ANTHROPIC_API_KEY?.trim();
    const useModel = Boolean(apiKey && !values.offline);
    const model = modelOf(values.model, io.env);
    let summary: string;
    if (useModel) {
      const text = await streamCompletion(
        {
          apiKey: apiKey ?? '',
          baseURL: io.env.ANTHROPIC_BASE_URL || undefined,
          fetch: io.fetch,
          model,
          maxTokens: 600,
        },
        execPrompt(review),
      );
      summary =
        countWords(text) > EXEC_MAX_WORDS ? limitWords(text) : text.replace(/\s+/g, ' ').trim();
    } else {
      summary = extractiveExecSummary(review);
    }

    let written = false;
    if (values.write) {
      const original = await readFile(path, 'utf8');
      const updated = setExecSummary(original, summary);
      const slugs = corpus.taxonomy.map((m) => m.slug);
      const check = parseReview(reviewIdOf(path), shown, updated, { failureModes: slugs });
      if (check.problems.length)
        throw new CasebookError(
          'CONTENT_INVALID',
          `storing execSummary would break ${shown}:\n${check.problems.map(formatProblem).join('\n')}`,
        );
      await writeFileAtomic(path, updated, { force: true });
      written = true;
      io.stderr.write(`Stored execSummary in ${shown}.\n`);
    }
    if (values.json)
      io.stdout.write(
        JSON.stringify(
          {
            path: shown,
            mode: useModel ? 'claude' : 'extractive',
            words: countWords(summary),
            execSummary: summary,
            written,
          },
          null,
          2,
        ) + '\n',
      );
    else io.stdout.write(summary + '\n');
    return 0;
  },
});
