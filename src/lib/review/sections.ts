/**
 * A review body's sections: the Markdown module's `splitSections` (ATX and setext headings,
 * code ignored, exact lines) plus the review-specific lookups. Pure.
 */
import { REQUIRED_SECTIONS, type RequiredSection } from './schema.ts';
import { sectionKey, isTodoOnly, type Section } from '../markdown/index.ts';

export { splitSections, sectionKey, type Section } from '../markdown/index.ts';

/** The key of each required section, in order. */
export const REQUIRED_KEYS: readonly string[] = REQUIRED_SECTIONS.map(sectionKey);

/** True when a section holds nothing but `TODO:` placeholders (allowed only while imported or a draft). */
export const isOnlyTodo = isTodoOnly;

/** The text of a section, or '' when absent. */
export function sectionText(sections: readonly Section[], name: RequiredSection | string): string {
  const key = sectionKey(name);
  return sections.find((s) => s.key === key)?.text ?? '';
}
