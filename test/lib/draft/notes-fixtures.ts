/** The notes fixtures and the strings their README says must survive verbatim. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from '../../helpers/content.ts';

const NOTES_DIR = resolve(REPO_ROOT, 'test/fixtures/notes');
export const NOTES_FILES = readdirSync(NOTES_DIR)
  .filter((f) => f.endsWith('.md') && f !== 'README.md')
  .sort();
export const readNotes = (file: string): string => readFileSync(join(NOTES_DIR, file), 'utf8');

/** The "Must survive verbatim" list of a fixture in test/fixtures/notes/README.md. */
export function mustSurvive(file: string): string[] {
  const readme = readFileSync(join(NOTES_DIR, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith(file)) ?? '';
  const list = section.split('Must survive verbatim:')[1]?.split(/\n\s*\n/)[0] ?? '';
  return [...list.matchAll(/^- `(.+)`$/gm)].map((m) => m[1] ?? '');
}
