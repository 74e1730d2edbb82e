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
