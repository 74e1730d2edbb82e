/**
 * `npm run bench:import [-- --file <jsonl>] [--keep] [--sets-only]`: imports the whole public-postmortems dev
 * file into a temporary content folder, checks it, embeds it (lexical embedder) and builds the
 * site from it (imported reviews are shown by default). Prints the seconds per stage and writes
 * bench-results/import.json.
 */
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { importInputs } from '../../src/lib/import/run.ts';
import { loadCorpus } from '../../src/lib/review/load.ts';
import { embedCorpus } from '../../src/lib/search/embed.ts';
import { processIo } from '../../src/lib/cli/io.ts';
import { makeBuildDir, PROJECT_ROOT, runAstroBuild } from '../../src/lib/site/build-process.ts';

const { values } = parseArgs({
  options: {
    file: { type: 'string' },
    keep: { type: 'boolean', default: false },
    // Only the per-set figures (import + check), without the embed and site build of dev.jsonl.
    'sets-only': { type: 'boolean', default: false },
  },
});
const DATA = join(PROJECT_ROOT, '../shared/data');
const file = resolve(values.file ?? join(DATA, 'public-postmortems/dev.jsonl'));
if (!existsSync(file)) {
  console.error(`bench:import: ${file} not found. Pass --file <records.jsonl>.`);
  process.exit(2);
}

/** The input sets measured one by one: real team postmortems, their export shapes, the dev file. */
const SETS: { name: string; path: string }[] = [
  { name: 'dfds', path: join(DATA, 'real-postmortems/dfds') },
  { name: 'exports', path: join(DATA, 'real-postmortems/exports') },
  { name: 'dev.jsonl', path: file },
];

const share = (part: number, whole: number): number | null =>
  whole ? Number((part / whole).toFixed(3)) : null;

/** Imports one input set into a fresh content folder and measures where the words went. */
async function measureSet(set: { name: string; path: string }) {
  if (!existsSync(set.path)) {
    console.log(`  NOT RUN: ${set.name}: ${set.path} is absent`);
    return { name: set.name, notRun: `${set.path} is absent` };
  }
  const dir = await makeBuildDir('bench-import-set-');
  await mkdir(join(dir, 'reviews'), { recursive: true });
  await copyFile(
    join(PROJECT_ROOT, 'content', 'failure-modes.yaml'),
    join(dir, 'failure-modes.yaml'),
  );
  const t0 = performance.now();
  const { items, summary } = await importInputs([set.path], {
    contentDir: dir,
    now: new Date(),
    cwd: PROJECT_ROOT,
  });
  const importSeconds = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const corpus = await loadCorpus(dir);
  const checkSeconds = (performance.now() - t1) / 1000;
  const reports = items.flatMap((i) => (i.outcome === 'imported' && i.report ? [i.report] : []));
  let words = 0;
  let placed = 0;
  let stamped = 0;
  let entries = 0;
  for (const r of reports) {
    for (const m of r.mapped) {
      words += m.words;
      if (m.to !== 'Supporting information') placed += m.words;
    }
    stamped += r.timestampedLines;
    entries += Math.min(r.timelineEntries, r.timestampedLines);
  }
  const figures = {
    name: set.name,
    documents: summary.documents,
    imported: summary.imported,
    skipped: summary.skipped,
    failed: summary.failed,
    problems: corpus.problems.length,
    wordsInRealSections: share(placed, words),
    requiredSectionsTodo: share(
      reports.reduce((n, r) => n + r.todoSections.length, 0),
      reports.length * 5,
    ),
    timestampedLinesAsEntries: share(entries, stamped),
    classified: share(reports.filter((r) => !r.failureModes.unclassified).length, reports.length),
    seconds: {
      import: Number(importSeconds.toFixed(3)),
      check: Number(checkSeconds.toFixed(3)),
    },
    notImported: items
      .filter((i) => i.outcome !== 'imported')
      .map((i) => `${i.outcome}: ${i.message ?? i.source}`),
  };
  const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
  console.log(
    `  ${set.name.padEnd(9)} ${summary.imported}/${summary.documents} imported, ${summary.skipped} skipped, ${summary.failed} failed, ${corpus.problems.length} check problems; words in real sections ${pct(figures.wordsInRealSections)}; required sections TODO ${pct(figures.requiredSectionsTodo)}; timestamped lines → entries ${pct(figures.timestampedLinesAsEntries)}; classified ${pct(figures.classified)}; import ${importSeconds.toFixed(2)} s, check ${checkSeconds.toFixed(2)} s`,
  );
  const reasons = figures.notImported.filter((l) => !l.includes('already imported'));
  for (const line of reasons.slice(0, 10)) console.log(`      ${line}`);
  await rm(dir, { recursive: true, force: true });
  return figures;
}

console.log('bench:import — per input set');
const sets = [];
for (const set of SETS) sets.push(await measureSet(set));
if (values['sets-only']) process.exit(0);

const work = await makeBuildDir('bench-import-');
const contentDir = join(work, 'content');
await mkdir(join(contentDir, 'reviews'), { recursive: true });
await copyFile(
  join(PROJECT_ROOT, 'content', 'failure-modes.yaml'),
  join(contentDir, 'failure-modes.yaml'),
);
const env = {
  CASEBOOK_CONTENT: contentDir,
  CASEBOOK_DB: join(work, 'lancedb'),
  CASEBOOK_CACHE_DIR: join(work, 'astro-cache'),
};

const seconds: Record<string, number> = {};
async function stage<T>(name: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  seconds[name] = Number(((performance.now() - started) / 1000).toFixed(3));
  console.log(`  ${name.padEnd(7)} ${seconds[name]?.toFixed(2)} s`);
  return result;
}

console.log(`bench:import — full pipeline on ${file}`);
const imported = await stage('import', () =>
  importInputs([file], { contentDir, now: new Date(), cwd: PROJECT_ROOT }),
);
const corpus = await stage('check', () => loadCorpus(contentDir));
if (corpus.problems.length) {
  console.error(
    `bench:import: ${corpus.problems.length} problems in the imported reviews, e.g. ${corpus.problems[0]?.path}:${corpus.problems[0]?.line}: ${corpus.problems[0]?.message}`,
  );
  process.exit(1);
}
const io = { ...processIo(), env: { ...process.env, ...env }, stderr: { write: () => true } };
const embedded = await stage('embed', () =>
  embedCorpus({ contentDir, dbUri: env.CASEBOOK_DB, embedder: 'lexical', io }),
);
const outDir = join(work, 'dist');
await stage('build', () => runAstroBuild(outDir, env));
const pages = (await readdir(join(outDir, 'reviews'), { withFileTypes: true })).filter((e) =>
  e.isDirectory(),
).length;
seconds.total = Number(
  Object.values(seconds)
    .reduce((a, b) => a + b, 0)
    .toFixed(3),
);

const { summary } = imported;
console.log(`  total   ${seconds.total.toFixed(2)} s`);
console.log(
  `  records ${summary.documents}: ${summary.imported} imported, ${summary.skipped} skipped (already imported, same URL or content), ${summary.failed} failed`,
);
console.log(
  `  embedded ${embedded.added + embedded.updated} reviews (${embedded.chunks} chunks, lexical); built ${pages} review pages`,
);

const result = {
  benchmark: 'import',
  date: new Date().toISOString(),
  file,
  records: summary.documents,
  imported: summary.imported,
  skipped: summary.skipped,
  failed: summary.failed,
  todoSections: summary.todoSections,
  synthesised: summary.synthesised,
  unclassified: summary.unclassified,
  embeddedReviews: embedded.added + embedded.updated,
  chunks: embedded.chunks,
  reviewPages: pages,
  seconds,
  sets,
};
await mkdir(join(PROJECT_ROOT, 'bench-results'), { recursive: true });
const out = join(PROJECT_ROOT, 'bench-results', 'import.json');
await writeFile(out, JSON.stringify(result, null, 2) + '\n');
console.log(`  → ${out}`);
if (values.keep) console.log(`  kept ${work}`);
else await rm(work, { recursive: true, force: true });
