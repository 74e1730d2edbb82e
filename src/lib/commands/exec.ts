/** `casebook exec <review.md> [--write]`: the ~150-word executive summary of a verified review. */
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { defineCommand } from '../cli/command.ts';
import { COMMON_OPTIONS } from '../cli/args.ts';
import { contentDirOf } from '../config.ts';
import { CasebookError } from '../errors.ts';
import { assertWritableDir, readTextInput, writeFileOrRecover } from '../files.ts';
import { formatReport, verifyDraft, verifyFailed } from '../draft/verify.ts';
import { redact, redactOptionsOf } from '../redact/index.ts';
import { loadCorpus, reviewIdOf } from '../review/load.ts';
import { parseReview } from '../review/parse.ts';
import { formatProblem } from '../review/problems.ts';
import { modelOf, streamCompletion, timeoutsOf } from '../draft/claude.ts';
import {
  countWords,
  execPrompt,
  extractiveExecSummary,
  limitWords,
  setExecSummary,
  unfinishedParts,
  EXEC_MAX_WORDS,
  VERIFIED_STATUSES,
} from '../draft/exec.ts';

export const command = defineCommand({
  name: 'exec',
  summary: 'Write the ~150-word executive summary of a review (Claude, or extractive offline).',
  usage: '<review.md>',
  description: `Generates the executive summary of a review that passes \`casebook check\`: at most about
${EXEC_MAX_WORDS} words on customer and business impact, duration, and what prevents recurrence,
without the deep mechanism. With ANTHROPIC_API_KEY set it asks Claude; otherwise (or with
--offline) it builds an extractive summary from the summary, impact, timeline metrics and
action items. It refuses a review that fails the check, and summarises only a verified review:
pass --notes <files> (verify runs against them and must find nothing missing, invented or a lost
dead end), or set status: in-review or published. TODOs outside the summary's inputs (impact,
summary, timeline, action items) do not block it.`,
  options: {
    notes: {
      type: 'string',
      multiple: true,
      value: '<files>',
      help: 'the incident notes: verify the review against them first',
    },
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
    if (values.notes?.length) {
      const texts: string[] = [];
      for (const notesPath of values.notes)
        texts.push(
          (await readTextInput(resolve(io.cwd, notesPath), { maxBytes: 2 * 1024 * 1024 }, io.stdin))
            .text,
        );
      const notes = (await redact(texts.join('\n\n'), redactOptionsOf(io.env, 'api'))).text;
      const report = verifyDraft(await readFile(path, 'utf8'), notes);
      if (verifyFailed(report))
        throw new CasebookError(
          'CONTENT_INVALID',
          `${shown} does not pass \`casebook verify\` against the notes, so no executive summary was made:\n${formatReport(report)}`,
        );
    } else if (!VERIFIED_STATUSES.includes(review.data.status)) {
      throw new CasebookError(
        'CONTENT_INVALID',
        `${shown} has status: ${review.data.status}. The executive summary is made only from a verified review: pass --notes <notes files> to verify it now, or set status: in-review once a human has verified it.`,
      );
    }
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
      // Settings and the target folder are checked before the paid call; the request is redacted.
      const settings = {
        apiKey: apiKey ?? '',
        baseURL: io.env.ANTHROPIC_BASE_URL || undefined,
        fetch: io.fetch,
        model,
        maxTokens: 600,
        ...timeoutsOf(io.env),
      };
      const redactOptions = redactOptionsOf(io.env, 'api');
      if (values.write) await assertWritableDir(dirname(path));
      const prompt = execPrompt(review);
      const text = await streamCompletion(settings, {
        system: prompt.system,
        user: (await redact(prompt.user, redactOptions)).text,
      });
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
      await writeFileOrRecover(path, updated, { force: true });
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
