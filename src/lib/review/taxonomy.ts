/** The failure-mode taxonomy (content/failure-modes.yaml): loading and nearest-slug suggestions. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'astro/zod';
import { CasebookError } from '../errors.ts';
import { textProblem } from '../files.ts';
import { yamlErrorText } from './frontmatter.ts';

/** One failure mode. */
const failureModeSchema = z.object({
  /** Kebab-case id used in a review's `failureModes`. */
  slug: z
    .string()
    .regex(
      /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
      'slug must be kebab-case, e.g. connection-pool-exhaustion',
    ),
  /** Human name shown on the site. */
  name: z.string().min(1),
  /** One paragraph: what the mechanism is and how it typically arises. */
  description: z.string().min(1),
});
export type FailureMode = z.output<typeof failureModeSchema>;

const TAXONOMY_FILE = 'failure-modes.yaml';

/** Parses and validates taxonomy YAML text; `label` names the file in errors. */
function parseTaxonomy(text: string, label: string): FailureMode[] {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    throw new CasebookError(
      'TAXONOMY_INVALID',
      `${label}: broken YAML (${yamlErrorText(error)}). Fix the syntax.`,
    );
  }
  const result = z.array(failureModeSchema).safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new CasebookError(
      'TAXONOMY_INVALID',
      `${label}: entry ${issue?.path.join('.')}: ${issue?.message}. Each entry needs slug, name and description.`,
    );
  }
  const seen = new Set<string>();
  for (const mode of result.data) {
    if (seen.has(mode.slug))
      throw new CasebookError(
        'TAXONOMY_INVALID',
        `${label}: slug "${mode.slug}" is listed twice. Keep one entry per slug.`,
      );
    seen.add(mode.slug);
  }
  return result.data;
}

/** Loads `<contentDir>/failure-modes.yaml`. */
export async function loadTaxonomy(contentDir: string): Promise<FailureMode[]> {
  const path = join(contentDir, TAXONOMY_FILE);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CasebookError(
      'TAXONOMY_INVALID',
      code === 'ENOENT'
        ? `${path}: missing. Create it with a list of {slug, name, description} entries.`
        : code === 'EISDIR'
          ? `${path}: is a folder, not a file. Replace it with a YAML file listing {slug, name, description} entries.`
          : `${path}: cannot be read (${code}). Check its permissions.`,
    );
  }
  const notText = textProblem(bytes);
  if (notText)
    throw new CasebookError(
      'TAXONOMY_INVALID',
      `${path}: ${notText === 'binary' ? 'is a binary file, not YAML' : 'is not valid UTF-8'}. Restore the YAML list of {slug, name, description} entries (from git, or content/failure-modes.yaml of a fresh checkout).`,
    );
  return parseTaxonomy(bytes.toString('utf8').replace(/^\uFEFF/, ''), path);
}

/** Levenshtein distance. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        (prev[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

/** The known slug closest to `slug` (by edit distance, with shared-word bonus). */
export function nearestSlug(slug: string, known: readonly string[]): string | undefined {
  const words = new Set(slug.toLowerCase().split(/[-_\s]+/));
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of known) {
    const shared = candidate.split('-').filter((w) => words.has(w)).length;
    const score = editDistance(slug.toLowerCase(), candidate) - 3 * shared;
    if (score < bestScore) {
      bestScore = score;
      best = candidate;
    }
  }
  return best;
}
