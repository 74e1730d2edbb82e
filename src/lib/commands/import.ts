/** `casebook import <files | folder>`: bring existing postmortems (Markdown templates, JSONL records) in as Casebook reviews. */
import { defineCommand } from '../cli/command.ts';
import { choiceOption, COMMON_OPTIONS } from '../cli/args.ts';
import { progress, type Io } from '../cli/io.ts';
import type { RelatedModes } from '../classify/index.ts';
import { CasebookError } from '../errors.ts';
import { contentDirOf, dbUriOf } from '../config.ts';
import { loadCorpus } from '../review/load.ts';
import { formatProblem, type Problem } from '../review/problems.ts';
import {
  IMPORT_FORMATS,
  importInputs,
  type ImportFormat,
  type ImportItem,
  type ImportSummary,
} from '../import/run.ts';

export const command = defineCommand({
  name: 'import',
  summary:
    'Import existing postmortems (SRE-book, PagerDuty, postmortems.app Markdown; JSONL) as reviews with status: imported.',
  usage: '<files | folders...>',
  description: `Turns existing postmortems into Casebook reviews in <content>/reviews/:
  - Markdown with arbitrary headings: headings map by name (Summary/Overview -> Summary;
    Root Causes/Trigger/What Happened -> Detailed mechanism; Contributing Factors ->
    Contributing factors; Detection/Resolution -> Investigation path; Lessons Learned ->
    Lessons; Impact -> impact; Timeline -> timeline; Action Items/Follow-ups -> actionItems).
    postmortems.app front matter (uuid, url, company, product, categories, keywords,
    start_time, end_time, title, summary) and SRE-book "Label: value" lines are read too.
  - JSONL: one review per record (title, url, company, product, date, categories, keywords,
    start_time, end_time, summary, text).
  - Exports of other tools, recognised by content: HTML (Confluence, Google Docs), Confluence
    wiki markup, incident.io JSON/JSONL/CSV and Jira CSV/JSON (see docs/import.md). Text that
    is not UTF-8 is read as Windows-1252 and the report says so; UTF-16 needs a byte-order mark.
Nothing is dropped: unmapped material, and the original text of the timeline, action items
and impact, go under "## Supporting information". Required sections with no material get a
TODO: line; required fields the source lacks are filled with marked placeholders (listed in
"## Import notes" and in the report); categories/keywords that match no failure mode give
\`unclassified\` plus a TODO. Reviews are written with status: imported: the site shows them,
marked "Imported" with what is still missing; a severity the source never states is
\`unknown\` and services it never names are left empty, never guessed. Blank templates
(headings and placeholder text only) are skipped with a message.
A source is identified by its URL, else its path, else its content hash (kept in \`source\`
with \`importedHash\`, a stamp of the file as written). Re-importing a source is skipped; a
source that changed since is reported ("exists; use --update"). With --update, reviews still
exactly as import wrote them are refreshed; ones edited by hand since are never touched, and
the report says so per file. No other file is ever overwritten. Every imported or updated
review is checked like \`casebook check\` after writing.`,
  options: {
    format: {
      type: 'string',
      value: '<f>',
      help: 'auto (from the content; the extension is a hint), markdown, jsonl, json, csv, html\nor wiki (Confluence wiki markup)',
    },
    publish: {
      type: 'boolean',
      help: 'write status: published, but only for reviews with no TODO section and no\nplaceholder field; the others stay status: imported and the report says why',
    },
    update: {
      type: 'boolean',
      help: 'refresh the reviews of sources imported before (same URL or path) when the\nreview is still exactly as import wrote it; hand-edited reviews are never touched',
    },
    db: {
      ...COMMON_OPTIONS.db,
      help: 'rank the failure modes suggested from the text with the similar past reviews in\nthis index (built by `casebook embed`); without --db, from the text alone',
    },
    'db-option': COMMON_OPTIONS['db-option'],
    content: COMMON_OPTIONS.content,
    json: COMMON_OPTIONS.json,
  },
  notes: 'JSON: {"ok", "items": [...], "summary": {...}, "problems": [...]}',
  exitCodes:
    '0 everything imported or skipped, 1 any input failed (the rest still imports)\nor an imported review fails the check, 2 usage error.',
  async run({ values, positionals }, io) {
    if (!positionals.length)
      throw new CasebookError(
        'USAGE',
        'give at least one file or folder to import, e.g. `casebook import postmortems/`.',
      );
    const format = choiceOption<ImportFormat>('format', values.format, IMPORT_FORMATS, 'auto');
    const contentDir = contentDirOf(values.content, io);
    const bar = values.json ? undefined : progress(io, 'import');
    const similar = values.db
      ? await openSimilar(values.db, values['db-option'], contentDir, io)
      : undefined;
    let result;
    try {
      result = await importInputs(positionals, {
        contentDir,
        format,
        publish: values.publish,
        update: values.update,
        now: io.now(),
        cwd: io.cwd,
        similar: similar?.related,
      });
    } finally {
      similar?.close();
    }
    const written = result.items
      .filter((i) => (i.outcome === 'imported' || i.outcome === 'updated') && i.path)
      .map((i) => i.path as string);
    const problems: Problem[] = written.length
      ? (await loadCorpus(contentDir, { paths: written, cwd: io.cwd })).problems
      : [];
    const ok = result.summary.failed === 0 && problems.length === 0;
    if (values.json) {
      io.stdout.write(
        JSON.stringify({ ok, items: result.items, summary: result.summary, problems }, null, 2) +
          '\n',
      );
    } else {
      for (const item of result.items) io.stdout.write(formatItem(item));
      io.stdout.write(formatSummary(result.summary));
      for (const p of problems) io.stdout.write(`check: ${formatProblem(p)}\n`);
      if (written.length)
        io.stdout.write(
          problems.length
            ? `check: ${problems.length} problem(s) in imported reviews.\n`
            : `check: all ${written.length} imported review(s) pass \`casebook check\`.\n`,
        );
      bar?.done(
        `${result.summary.imported} imported, ${result.summary.updated} updated, ${result.summary.skipped} skipped, ${result.summary.failed} failed`,
      );
    }
    return ok ? 0 : 1;
  },
});

/**
 * The similarity engine for `--db`: the failure modes of past reviews the one relevance cutoff
 * judges strong matches, best first, opened once per run. A batch import has no person checking
 * each document, so "possible" matches do not rank (on 39 real postmortems against an unrelated
 * corpus they pushed weak text evidence to wrong modes). LanceDB loads only here.
 */
async function openSimilar(
  db: string,
  dbOptions: string[] | undefined,
  contentDir: string,
  io: Io,
): Promise<{ related: (text: string) => Promise<RelatedModes[]>; close(): void }> {
  const { openMatcher } = await import('../search/match.ts');
  const { storageOptionsOf } = await import('../search/store.ts');
  const matcher = await openMatcher({
    dbUri: dbUriOf(db, io),
    storageOptions: storageOptionsOf(io.env, dbOptions),
    contentDir,
    io,
  });
  return {
    related: async (text) =>
      (await matcher.query(text, { k: 5 }))
        .filter((hit) => hit.strength === 'strong')
        .map((hit) => ({ failureModes: hit.failureModes })),
    close: () => matcher.close(),
  };
}

/** One item of the text report. */
export function formatItem(item: ImportItem): string {
  if ((item.outcome !== 'imported' && item.outcome !== 'updated') || !item.report)
    return `${item.outcome.padEnd(8)} ${item.message ?? item.source}\n`;
  const r = item.report;
  const lines = [`${item.outcome.padEnd(8)} ${item.source} → ${item.path} (${r.status})`];
  if (item.notes?.length) lines.push(`  read: ${item.notes.join('; ')}`);
  if (r.mapped.length)
    lines.push(`  mapped: ${r.mapped.map((m) => `${m.from} → ${m.to}`).join('; ')}`);
  lines.push(
    `  timeline: ${r.timelineEntries} entr${r.timelineEntries === 1 ? 'y' : 'ies'}; action items: ${r.actionItems}`,
  );
  const fm = r.failureModes;
  lines.push(
    `  failure modes: ${fm.unclassified ? `${fm.slugs.join(', ')} (TODO: nothing matched)` : [...fm.matches.map((m) => `${m.slug} (from "${m.term}")`), ...(fm.suggested ?? []).map((s) => `${s.slug} (suggested from the text, score ${s.score}; TODO: confirm)`)].join(', ')}`,
  );
  lines.push(`  TODO sections: ${r.todoSections.length ? r.todoSections.join(', ') : 'none'}`);
  if (r.synthesised.length)
    lines.push(`  synthesised: ${r.synthesised.map((s) => `${s.field}: ${s.how}`).join('; ')}`);
  if (r.publishBlockedBy.length)
    lines.push(`  kept as imported (--publish refused): ${r.publishBlockedBy.join('; ')}`);
  return lines.join('\n') + '\n';
}

/** The closing summary of the text report. */
export function formatSummary(s: ImportSummary): string {
  const counts = (record: Record<string, number>) =>
    Object.entries(record)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ') || 'none';
  return (
    [
      `summary: ${s.documents} document(s) from ${s.files} input(s): ${s.imported} imported, ${s.updated} updated (${s.published} published, ${s.incomplete} status imported), ${s.skipped} skipped, ${s.failed} failed.`,
      `summary: TODO sections: ${counts(s.todoSections)}.`,
      `summary: synthesised fields: ${counts(s.synthesised)}; unclassified failure mode: ${s.unclassified}.`,
    ].join('\n') + '\n'
  );
}
