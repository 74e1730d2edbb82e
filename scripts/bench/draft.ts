/**
 * Draft benchmark (`npm run bench:draft`): over every notes fixture, offline draft then verify.
 * Reports the share of specifics preserved (target 100%), verify's recall on defects planted
 * programmatically in each faithful draft, and its false positives on the faithful drafts
 * (target 0). It does the same for the hand-written paraphrased faithful drafts in
 * test/fixtures/drafts (the meaningful false-positive and recall figures, since skeletons copy
 * note lines verbatim). Writes bench-results/draft.json.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCorpus } from '../../src/lib/review/load.ts';
import { parseReview } from '../../src/lib/review/parse.ts';
import { produceDraft } from '../../src/lib/draft/pipeline.ts';
import { draftHaystack, verifyDraft } from '../../src/lib/draft/verify.ts';
import { hasSpecific } from '../../src/lib/facts/index.ts';
import { redact } from '../../src/lib/redact/index.ts';
import { plantDefects, type Defect, type DefectKind } from './draft-defects.ts';
import { defectReported, loadFaithfulDrafts, loadModelDrafts } from './faithful-drafts.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const NOTES_DIR = join(ROOT, 'test/fixtures/notes');

const corpus = await loadCorpus(join(ROOT, 'content'), { cwd: ROOT });
const files = (await readdir(NOTES_DIR))
  .filter((f) => f.endsWith('.md') && f !== 'README.md')
  .sort();
const started = performance.now();

type Tally = Map<DefectKind, { planted: number; detected: number; misses: string[] }>;
/** Runs `verify` on each planted defect and tallies detections per kind. */
function tally(into: Tally, file: string, defects: Defect[], notes: string): void {
  for (const defect of defects) {
    const stats = into.get(defect.kind) ?? { planted: 0, detected: 0, misses: [] };
    stats.planted++;
    if (defect.detected(verifyDraft(defect.draft, notes))) stats.detected++;
    else stats.misses.push(`${file}: ${defect.label}`);
    into.set(defect.kind, stats);
  }
}
const findingsOf = (r: ReturnType<typeof verifyDraft>) =>
  r.missing.length +
  r.invented.length +
  r.generalizations.length +
  Number(r.deadEndsMissing) +
  Number(r.singleCause);

let specificsTotal = 0;
let specificsKept = 0;
let falsePositives = 0;
let checkFailures = 0;
const perKind = new Map<DefectKind, { planted: number; detected: number; misses: string[] }>();
const perFile: unknown[] = [];

for (const file of files) {
  const notes = await readFile(join(NOTES_DIR, file), 'utf8');
  const result = await produceDraft(
    notes,
    { redact: true },
    {
      matcher: null,
      reviews: corpus.reviews,
      taxonomy: corpus.taxonomy,
      claude: null,
      now: new Date('2026-06-01T00:00:00Z'),
    },
  );
  const haystack = draftHaystack(result.text);
  const kept = result.specifics.filter((s) => hasSpecific(haystack, s)).length;
  specificsTotal += result.specifics.length;
  specificsKept += kept;
  const report = verifyDraft(result.text, result.notes);
  const findings = findingsOf(report);
  falsePositives += findings;
  const check = parseReview('bench', file, result.text, {
    failureModes: corpus.taxonomy.map((m) => m.slug),
  });
  if (check.problems.length) checkFailures++;
  const defects = plantDefects(result.text, result.notes);
  tally(perKind, file, defects, result.notes);
  perFile.push({
    file,
    specifics: result.specifics.length,
    kept,
    secretsRedacted: result.redaction?.count ?? 0,
    faithfulFindings: findings,
    todos: report.todos,
    passesCheck: check.problems.length === 0,
    defects: defects.length,
  });
}

// Hand-written paraphrased faithful drafts.
const paraphrased = loadFaithfulDrafts(ROOT);
const paraKind: Tally = new Map();
let paraFalsePositives = 0;
let paraCheckFailures = 0;
const paraFiles: unknown[] = [];
for (const fixture of paraphrased) {
  const notes = (await redact(fixture.notes)).text;
  const report = verifyDraft(fixture.draft, notes);
  const findings = findingsOf(report);
  paraFalsePositives += findings;
  const check = parseReview('bench', fixture.file, fixture.draft, {
    failureModes: corpus.taxonomy.map((m) => m.slug),
  });
  if (check.problems.length) paraCheckFailures++;
  const defects = plantDefects(fixture.draft, notes, 3, {
    deadEndItems: fixture.deadEndItems,
  });
  tally(paraKind, fixture.file, defects, notes);
  paraFiles.push({
    file: fixture.file,
    notes: fixture.notesPath,
    findings,
    report,
    passesCheck: check.problems.length === 0,
    defects: defects.length,
  });
}
// Model-style drafts (test/fixtures/drafts/model): faithful ones must get no finding, and every
// hand-planted defect of the sloppy ones must be reported where it belongs.
const modelPairs = loadModelDrafts(ROOT);
let modelFalsePositives = 0;
let modelPlanted = 0;
let modelDetected = 0;
const modelMisses: string[] = [];
const modelFiles: unknown[] = [];
for (const pair of modelPairs) {
  const notes = (await redact(pair.notes)).text;
  const faithful = verifyDraft(pair.faithful, notes);
  const findings = findingsOf(faithful);
  modelFalsePositives += findings;
  const sloppy = verifyDraft(pair.sloppy, notes);
  const reported = pair.defects.filter((d) => defectReported(sloppy, d));
  modelPlanted += pair.defects.length;
  modelDetected += reported.length;
  for (const d of pair.defects)
    if (!reported.includes(d)) modelMisses.push(`${pair.name}-sloppy.md: ${d.label}`);
  modelFiles.push({
    name: pair.name,
    faithfulFindings: findings,
    faithfulDerived: faithful.derived,
    sloppyPlanted: pair.defects.length,
    sloppyReported: reported.length,
  });
}

const sumOf = (t: Tally, key: 'planted' | 'detected') =>
  [...t.values()].reduce((a, s) => a + s[key], 0);
const byKind = (t: Tally) =>
  Object.fromEntries(
    [...t].map(([k, s]) => [
      k,
      {
        planted: s.planted,
        detected: s.detected,
        recall: s.detected / s.planted,
        misses: s.misses,
      },
    ]),
  );

const planted = [...perKind.values()].reduce((a, s) => a + s.planted, 0);
const detected = [...perKind.values()].reduce((a, s) => a + s.detected, 0);
const results = {
  fixtures: files.length,
  specifics: {
    total: specificsTotal,
    preserved: specificsKept,
    share: specificsTotal ? specificsKept / specificsTotal : 1,
  },
  faithfulDrafts: { falsePositiveFindings: falsePositives, failingCheck: checkFailures },
  defects: {
    planted,
    detected,
    recall: planted ? detected / planted : 1,
    byKind: Object.fromEntries(
      [...perKind].map(([k, s]) => [
        k,
        {
          planted: s.planted,
          detected: s.detected,
          recall: s.detected / s.planted,
          misses: s.misses,
        },
      ]),
    ),
  },
  perFile,
  paraphrased: {
    drafts: paraphrased.length,
    falsePositiveFindings: paraFalsePositives,
    failingCheck: paraCheckFailures,
    defects: {
      planted: sumOf(paraKind, 'planted'),
      detected: sumOf(paraKind, 'detected'),
      recall: sumOf(paraKind, 'planted')
        ? sumOf(paraKind, 'detected') / sumOf(paraKind, 'planted')
        : 1,
      byKind: byKind(paraKind),
    },
    perFile: paraFiles,
  },
  modelStyle: {
    pairs: modelPairs.length,
    faithfulFalsePositiveFindings: modelFalsePositives,
    sloppy: {
      planted: modelPlanted,
      detected: modelDetected,
      recall: modelPlanted ? modelDetected / modelPlanted : 1,
      misses: modelMisses,
    },
    perPair: modelFiles,
  },
  seconds: (performance.now() - started) / 1000,
};

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
console.log(`draft benchmark over ${files.length} notes fixtures (offline skeleton drafts)`);
console.log(
  `  specifics preserved:        ${specificsKept}/${specificsTotal} (${pct(results.specifics.share)})`,
);
console.log(
  `  faithful drafts:            ${falsePositives} false-positive findings, ${checkFailures} failing check`,
);
console.log(
  `  verify recall on defects:   ${detected}/${planted} (${pct(results.defects.recall)})`,
);
for (const [kind, s] of perKind) {
  console.log(`    ${kind.padEnd(20)} ${s.detected}/${s.planted} (${pct(s.detected / s.planted)})`);
  for (const miss of s.misses) console.log(`      missed: ${miss}`);
}
console.log(
  `paraphrased faithful drafts (hand-written, test/fixtures/drafts): ${paraphrased.length}`,
);
console.log(
  `  faithful drafts:            ${paraFalsePositives} false-positive findings, ${paraCheckFailures} failing check`,
);
console.log(
  `  verify recall on defects:   ${results.paraphrased.defects.detected}/${results.paraphrased.defects.planted} (${pct(results.paraphrased.defects.recall)})`,
);
for (const [kind, s] of paraKind) {
  console.log(`    ${kind.padEnd(20)} ${s.detected}/${s.planted} (${pct(s.detected / s.planted)})`);
  for (const miss of s.misses) console.log(`      missed: ${miss}`);
}
console.log(
  `model-style drafts (test/fixtures/drafts/model): ${modelPairs.length} faithful + ${modelPairs.length} sloppy`,
);
console.log(`  faithful drafts:            ${modelFalsePositives} false-positive findings`);
console.log(
  `  sloppy drafts recall:       ${modelDetected}/${modelPlanted} (${pct(results.modelStyle.sloppy.recall)})`,
);
for (const miss of modelMisses) console.log(`    missed: ${miss}`);
await mkdir(join(ROOT, 'bench-results'), { recursive: true });
await writeFile(join(ROOT, 'bench-results/draft.json'), JSON.stringify(results, null, 2) + '\n');
console.log(`wrote bench-results/draft.json (${results.seconds.toFixed(1)} s)`);
