/**
 * The hand-written (paraphrased) faithful drafts in test/fixtures/drafts: each `<name>-faithful.md`
 * has a `<name>-faithful.json` naming its notes file and hand-labelling the Investigation path
 * items that report a dead end. Used by the draft benchmark and the verify tests.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface FaithfulDraft {
  /** `<name>-faithful.md`. */
  file: string;
  draft: string;
  /** Path of the notes, relative to the repository root. */
  notesPath: string;
  notes: string;
  /** Opening text of each Investigation path item that reports a dead end. */
  deadEndItems: string[];
}

/** Every paraphrased faithful draft under `<root>/test/fixtures/drafts`, sorted by file name. */
export function loadFaithfulDrafts(root: string): FaithfulDraft[] {
  const dir = resolve(root, 'test/fixtures/drafts');
  return readdirSync(dir)
    .filter((f) => f.endsWith('-faithful.md'))
    .sort()
    .map((file) => {
      const meta = JSON.parse(readFileSync(join(dir, file.replace(/\.md$/, '.json')), 'utf8')) as {
        notes: string;
        deadEndItems: string[];
      };
      return {
        file,
        draft: readFileSync(join(dir, file), 'utf8'),
        notesPath: meta.notes,
        notes: readFileSync(resolve(root, meta.notes), 'utf8'),
        deadEndItems: meta.deadEndItems,
      };
    });
}

/** A planted defect of a sloppy model draft and where verify must report it. */
export interface PlantedDefect {
  label: string;
  field: 'missing' | 'invented' | 'generalizations' | 'zoneChanged' | 'missingDeadEnds';
  /** Text one entry of that field must contain. */
  contains: string;
}

export interface ModelDraftPair {
  name: string;
  /** Absolute path of the notes. */
  notesPath: string;
  notes: string;
  faithful: string;
  sloppy: string;
  defects: PlantedDefect[];
}

/** The model-style faithful/sloppy pairs under `<root>/test/fixtures/drafts/model`. */
export function loadModelDrafts(root: string): ModelDraftPair[] {
  const dir = resolve(root, 'test/fixtures/drafts/model');
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as {
    pairs: { name: string; notes: string }[];
  };
  return index.pairs.map(({ name, notes }) => {
    const notesPath = resolve(dir, notes);
    const meta = JSON.parse(readFileSync(join(dir, `${name}-sloppy.json`), 'utf8')) as {
      defects: PlantedDefect[];
    };
    return {
      name,
      notesPath,
      notes: readFileSync(notesPath, 'utf8'),
      faithful: readFileSync(join(dir, `${name}-faithful.md`), 'utf8'),
      sloppy: readFileSync(join(dir, `${name}-sloppy.md`), 'utf8'),
      defects: meta.defects,
    };
  });
}

/** True when `report` reports the planted defect in its field. */
export function defectReported(
  report: {
    missing: string[];
    invented: string[];
    generalizations: { phrase: string }[];
    zoneChanged: { value: string }[];
    missingDeadEnds: string[];
  },
  defect: PlantedDefect,
): boolean {
  const entries: string[] =
    defect.field === 'generalizations'
      ? report.generalizations.map((g) => g.phrase)
      : defect.field === 'zoneChanged'
        ? report.zoneChanged.map((z) => z.value)
        : report[defect.field];
  return entries.some((e) => e.includes(defect.contains));
}
