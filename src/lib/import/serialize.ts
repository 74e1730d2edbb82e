/** Writing an imported review as Markdown: YAML front matter in the documented key order, then the body. Pure. */
import { stringify } from 'yaml';
import type { ImportedFrontMatter } from './map.ts';

/** The review file's text. */
export function renderReview(frontMatter: ImportedFrontMatter, body: string): string {
  const yaml = stringify(frontMatter, { lineWidth: 0 });
  return `---\n${yaml}---\n\n${body}`;
}
