/** `casebook match <notes-file | ->`: find the past reviews most similar to incident notes. */
import { NO_CLOSE_MATCH, strengthLabel } from '../search/relevance.ts';
import { resolve } from 'node:path';
import { defineCommand } from '../cli/command.ts';
import { COMMON_OPTIONS, intOption } from '../cli/args.ts';
import { contentDirOf, dbUriOf } from '../config.ts';
import { isRealCalendarDate } from '../review/schema.ts';
import { CasebookError } from '../errors.ts';
import { readTextInput } from '../files.ts';
import { parseEmbedderKind } from '../search/embedder.ts';
import { matchNotes, type MatchHit } from '../search/match.ts';
import { storageOptionsOf } from '../search/store.ts';

/** Notes longer than this are cut (and the command says so). */
export const MAX_NOTES_BYTES = 1024 * 1024;

export const command = defineCommand({
  name: 'match',
  summary: 'Find past reviews similar to incident notes (hybrid vector + full-text search).',
  usage: '<notes-file | ->',
  description: `Reads incident notes (a file, or - for stdin) and prints the most similar past reviews:
how close each is (strong or possible match) and why, shared failure modes and services, the
sections that matched and a snippet of each. Reviews below the relevance cutoff are left out, so
notes with nothing in common with the corpus get "no close match".
Search is vector plus full-text over review sections, fused with reciprocal rank fusion,
then aggregated per review. Needs an index: run \`casebook embed\` first.`,
  options: {
    k: { type: 'string', value: '<n>', help: 'how many reviews (default 5)' },
    service: { type: 'string', value: '<name>', help: 'only reviews that list this service' },
    since: { type: 'string', value: '<date>', help: 'only reviews dated on or after YYYY-MM-DD' },
    json: COMMON_OPTIONS.json,
    db: COMMON_OPTIONS.db,
    'db-option': COMMON_OPTIONS['db-option'],
    content: COMMON_OPTIONS.content,
    embedder: COMMON_OPTIONS.embedder,
  },
  notes: `JSON: [{"id", "title", "score", "strength", "why", "matchedTerms", "failureModes", "services",
  "matchedSections", "snippets"}] ("score" is the raw fused rank score, for tools; [] = no close match)
Notes over 1 MB are cut to their first 1 MB (with a warning).`,
  exitCodes:
    '0 ok, 1 bad input, 2 usage, 3 no index, an unreadable index (run embed) or an index built by another embedder.',
  async run({ values, positionals }, io) {
    if (positionals.length !== 1)
      throw new CasebookError('USAGE', 'pass one notes file, or - to read stdin.');
    const k = intOption('k', values.k, 5);
    const since = values.since === undefined ? undefined : parseDay(values.since);
    const source = positionals[0] ?? '-';
    const input = await readTextInput(
      source === '-' ? '-' : resolvePath(io.cwd, source),
      { maxBytes: MAX_NOTES_BYTES, truncate: true },
      io.stdin,
    );
    const label = source === '-' ? 'stdin' : source;
    if (input.truncated)
      io.stderr.write(
        `match: ${label} is ${input.bytes} bytes; only its first 1 MB (${MAX_NOTES_BYTES} bytes) was used. Trim the notes to the relevant part.\n`,
      );
    if (!input.text.trim())
      throw new CasebookError(
        'INPUT_EMPTY',
        `${label}: the notes are empty. Write what you see: symptoms, error messages, services, recent changes.`,
      );
    const hits = await matchNotes(input.text, {
      dbUri: dbUriOf(values.db, io),
      storageOptions: storageOptionsOf(io.env, values['db-option']),
      contentDir: contentDirOf(values.content, io),
      k,
      service: values.service,
      since,
      embedder: parseEmbedderKind(values.embedder),
      io,
    });
    if (values.json) {
      io.stdout.write(
        JSON.stringify(
          hits.map((hit) => ({
            id: hit.id,
            title: hit.title,
            score: hit.score,
            strength: hit.strength,
            why: hit.why,
            matchedTerms: hit.matchedTerms,
            failureModes: hit.failureModes,
            services: hit.services,
            matchedSections: hit.matchedSections,
            snippets: hit.snippets,
          })),
          null,
          2,
        ) + '\n',
      );
    } else if (!hits.length) {
      io.stdout.write(
        `${NO_CLOSE_MATCH}${values.service ? ` (service ${values.service})` : ''}${values.since ? ` (since ${values.since})` : ''}\n`,
      );
    } else {
      io.stdout.write(hits.map(formatHit).join('\n') + '\n');
    }
    return 0;
  },
});

function formatHit(hit: MatchHit, index: number): string {
  const lines = [
    `${index + 1}. ${hit.title}`,
    `   ${hit.id} · ${hit.severity} · ${hit.date}${hit.strength ? ` · ${strengthLabel(hit.strength)}` : ''}`,
    ...(hit.why ? [`   why: ${hit.why}`] : []),
    `   failure modes: ${hit.failureModes.join(', ')}`,
    `   services: ${hit.services.join(', ')}`,
  ];
  hit.matchedSections.forEach((section, i) =>
    lines.push(`   ${section}: ${hit.snippets[i] ?? ''}`),
  );
  return lines.join('\n');
}

function parseDay(value: string): Date {
  const date =
    /^\d{4}-\d{2}-\d{2}$/.test(value) && isRealCalendarDate(value)
      ? new Date(`${value}T00:00:00Z`)
      : new Date(NaN);
  if (Number.isNaN(date.getTime()))
    throw new CasebookError('USAGE', `--since must be a date YYYY-MM-DD, got "${value}".`);
  return date;
}

const resolvePath = (cwd: string, path: string) => resolve(cwd, path);
