/** `casebook draft <notes files... | ->`: draft a review from incident notes, then verify it. */
import { dirname, join, relative, resolve } from 'node:path';
import { defineCommand, type Command } from '../cli/command.ts';
import type { Io } from '../cli/io.ts';
import { COMMON_OPTIONS } from '../cli/args.ts';
import { contentDirOf, dbUriOf } from '../config.ts';
import { CasebookError, EXIT_CODES, isCasebookError } from '../errors.ts';
import {
  assertAbsent,
  assertWritableDir,
  readTextInput,
  writeFileAtomic,
  writeFileOrRecover,
} from '../files.ts';
import { loadCorpus, REVIEWS_DIR } from '../review/load.ts';
import { parseReview } from '../review/parse.ts';
import { formatProblem } from '../review/problems.ts';
import { redactionSummary, redactOptionsOf } from '../redact/index.ts';
import { modelOf, timeoutsOf, type ClaudeSettings } from '../draft/claude.ts';
import { produceDraft } from '../draft/pipeline.ts';
import { promptText } from '../draft/prompt.ts';
import { formatReport, verifyDraft, verifyFailed } from '../draft/verify.ts';
import type { NotesMatcher } from '../draft/related.ts';

/** Largest notes input accepted, in bytes (all files together). */
export const MAX_NOTES_BYTES = 512 * 1024;

/** What the draft command gets from outside; tests replace the matcher to run without LanceDB. */
export interface DraftCommandDeps {
  /** Builds the notes matcher for a content folder and index. */
  matcher: (contentDir: string, dbUri: string, io: Io) => NotesMatcher;
}

/** The draft command with injected dependencies (the registry uses the real similarity engine). */
export function draftCommand(deps: DraftCommandDeps = { matcher: defaultMatcher }): Command {
  return defineCommand({
    name: 'draft',
    summary:
      'Draft a review from incident notes (redacted, with related incidents), then verify it.',
    usage: '<notes files... | ->',
    description: `Drafts a review from raw incident notes (Markdown or plain text, one or several files, or - for
stdin), in order: redacts secrets; extracts the specifics the draft must keep; matches related
past reviews (building the index first if there is none); builds the prompt; calls Claude with
streaming (ANTHROPIC_API_KEY), or without a key (or with --offline) writes a structured skeleton
draft; writes content/reviews/<date>-<slug>.md with status: draft; runs \`casebook verify\` on it.`,
    options: {
      'no-redact': {
        type: 'boolean',
        help: 'do not redact secrets (AWS keys, tokens, Bearer, PEM keys, URL passwords, JWTs)',
      },
      'no-match': { type: 'boolean', help: 'skip matching related incidents' },
      offline: { type: 'boolean', help: 'write the skeleton draft without calling Claude' },
      'prompt-out': {
        type: 'string',
        value: '<file>',
        help: 'also write the full prompt to <file> (paste it into any model)',
      },
      model: COMMON_OPTIONS.model,
      out: {
        type: 'string',
        value: '<file>',
        help: 'write the draft here instead of <content>/reviews/<date>-<slug>.md',
      },
      force: { type: 'boolean', help: 'overwrite an existing draft file' },
      content: COMMON_OPTIONS.content,
      db: COMMON_OPTIONS.db,
      json: COMMON_OPTIONS.json,
    },
    notes: `JSON (on stdout): {"path", "mode", "model", "redacted", "related", "verify"}
Environment: ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL, CASEBOOK_MODEL_DRAFT, CASEBOOK_API_TIMEOUT_MS,
CASEBOOK_API_IDLE_TIMEOUT_MS, CASEBOOK_REDACT_PII (on | off | email,phone,card; default on).
Nothing is written when the model call fails.`,
    exitCodes: `0 draft written and verify clean, 1 bad input / file exists / draft fails check, 2 usage,
3 index problem, 4 API auth, 5 rate limited, 6 API server error, 7 timeout or connection, 8 other API error,
9 draft written but verify found something missing, invented or a lost dead end (fix the draft, then verify again).`,
    async run({ values, positionals }, io) {
      if (!positionals.length)
        throw new CasebookError('USAGE', 'pass one or more notes files, or - to read stdin.');
      const redact = !values['no-redact'];

      const texts: string[] = [];
      let total = 0;
      for (const path of positionals) {
        const input = await readTextInput(
          path === '-' ? '-' : resolve(io.cwd, path),
          { maxBytes: MAX_NOTES_BYTES },
          io.stdin,
        );
        total += input.bytes;
        texts.push(input.text);
      }
      if (total > MAX_NOTES_BYTES)
        throw new CasebookError(
          'FILE_TOO_LARGE',
          `the notes total ${total} bytes, over the limit of ${MAX_NOTES_BYTES}. Trim them to the relevant part.`,
        );
      const notes = texts.join('\n\n');
      if (!notes.trim())
        throw new CasebookError(
          'INPUT_EMPTY',
          `${positionals.join(', ')}: the notes are empty. Pass the incident notes, timeline and findings.`,
        );

      const contentDir = contentDirOf(values.content, io);
      const dbUri = dbUriOf(values.db, io);
      const corpus = await loadCorpus(contentDir, { cwd: io.cwd });
      const outPath = values.out ? resolve(io.cwd, values.out) : undefined;
      if (outPath && !values.force)
        await assertAbsent(outPath, 'Pass --force to overwrite it, or another --out.', values.out);
      // Fail on settings and unwritable folders before any paid model call.
      const redactOptions = redactOptionsOf(io.env, 'api');
      const promptOut = values['prompt-out'] ? resolve(io.cwd, values['prompt-out']) : undefined;
      await assertWritableDir(outPath ? dirname(outPath) : join(contentDir, REVIEWS_DIR));
      if (promptOut) await assertWritableDir(dirname(promptOut));

      const apiKey = io.env.ANTHROPIC_API_KEY?.trim();
      const model = modelOf(values.model, io.env);
      const offline = Boolean(values.offline || !apiKey);
      if (!values.offline && !apiKey)
        io.stderr.write(
          'ANTHROPIC_API_KEY is not set: writing an offline skeleton draft (use --prompt-out to paste the prompt into any model).\n',
        );
      const claude: ClaudeSettings | null = offline
        ? null
        : {
            apiKey: apiKey ?? '',
            baseURL: io.env.ANTHROPIC_BASE_URL || undefined,
            fetch: io.fetch,
            model,
            ...timeoutsOf(io.env),
          };

      let received = 0;
      let lastShown = 0;
      const result = await produceDraft(
        notes,
        { redact, redactOptions },
        {
          matcher: values['no-match'] ? null : deps.matcher(contentDir, dbUri, io),
          reviews: corpus.reviews,
          taxonomy: corpus.taxonomy,
          claude,
          now: io.now(),
          onText: (_delta, count) => {
            received = count;
            if (count - lastShown >= 500) {
              lastShown = count;
              io.stderr.write(
                `${io.stderr.isTTY ? '\r' : ''}drafting with ${model}: ${count} characters received${io.stderr.isTTY ? '' : '\n'}`,
              );
            }
          },
        },
      ).catch(async (error: unknown) => {
        if (isCasebookError(error) && error.code.startsWith('API_'))
          io.stderr.write('Nothing was written.\n');
        throw error;
      });
      if (received)
        io.stderr.write(
          `${io.stderr.isTTY ? '\r' : ''}drafting with ${model}: done, ${received} characters.\n`,
        );

      io.stderr.write(
        result.redaction
          ? `${redactionSummary(result.redaction)}\n`
          : 'Redaction is off (--no-redact).\n',
      );
      io.stderr.write(`Extracted ${result.specifics.length} specifics to keep verbatim.\n`);
      for (const note of result.finishNotes)
        io.stderr.write(`Finishing the model's answer: ${note}.\n`);
      io.stderr.write(
        values['no-match']
          ? 'Matching skipped (--no-match).\n'
          : `Related incidents: ${result.related.length ? result.related.map((r) => r.id).join(', ') : 'none found'}.\n`,
      );

      // The draft first: if writing fails, the model output goes to a recovery file.
      const target = outPath ?? join(contentDir, REVIEWS_DIR, result.fileName);
      await writeFileOrRecover(target, result.text, { force: Boolean(values.force) });
      const shown = relative(io.cwd, target) || target;
      io.stderr.write(
        `Wrote ${result.mode === 'offline' ? 'offline skeleton ' : ''}draft ${shown}.\n`,
      );

      if (promptOut) {
        await writeFileAtomic(promptOut, promptText(result.prompt), { force: true });
        io.stderr.write(`Prompt written to ${values['prompt-out']}.\n`);
      }

      const report = verifyDraft(result.text, result.notes);
      const id = result.fileName.replace(/\.md$/, '');
      const checked = parseReview(id, shown, result.text, {
        failureModes: corpus.taxonomy.map((m) => m.slug),
      });
      const knownIds = new Set(corpus.reviews.map((r) => r.id));
      const problems = [
        ...checked.problems,
        ...(checked.review?.data.related ?? [])
          .filter((r) => !knownIds.has(r))
          .map((r) => ({
            path: shown,
            line: 1,
            code: 'related-missing' as const,
            message: `related review "${r}" does not exist.`,
          })),
      ];

      if (values.json) {
        io.stdout.write(
          JSON.stringify(
            {
              path: shown,
              mode: result.mode,
              model: result.mode === 'claude' ? model : null,
              redacted: result.redaction?.counts ?? null,
              related: result.related.map((r) => r.id),
              problems,
              verify: report,
            },
            null,
            2,
          ) + '\n',
        );
      } else {
        io.stdout.write(`${shown}\n\nverify:\n${formatReport(report)}\n`);
      }
      if (problems.length) {
        for (const p of problems) io.stderr.write(formatProblem(p) + '\n');
        io.stderr.write('The draft does not pass `casebook check`; fix the lines above.\n');
        return 1;
      }
      if (verifyFailed(report)) {
        io.stderr.write(
          `verify found problems in ${shown} (see above): the draft is written; fix them, then run casebook verify again.\n`,
        );
        return EXIT_CODES.DRAFT_VERIFY_FAILED;
      }
      return 0;
    },
  });
}

export const command: Command = draftCommand();

/** Matches with the similarity engine; builds the index first when there is none. */
function defaultMatcher(contentDir: string, dbUri: string, io: Io): NotesMatcher {
  return async (notes) => {
    const { matchNotes } = await import('../search/match.ts');
    try {
      return await matchNotes(notes, { dbUri, contentDir, k: 5, io });
    } catch (error) {
      if (!isCasebookError(error) || error.code !== 'INDEX_MISSING') throw error;
      io.stderr.write(`No search index at ${dbUri} yet: building it first (casebook embed).\n`);
      const { embedCorpus } = await import('../search/embed.ts');
      await embedCorpus({ contentDir, dbUri, io });
      return matchNotes(notes, { dbUri, contentDir, k: 5, io });
    }
  };
}
