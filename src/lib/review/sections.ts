/** Splitting a review body into its H2 sections, with line numbers. Pure. */
import { REQUIRED_SECTIONS, type RequiredSection } from './schema.ts';

export interface Section {
  /** The heading text as written, e.g. "Detailed mechanism". */
  heading: string;
  /** Stable key: lower-case, single-spaced heading ("detailed mechanism"). */
  key: string;
  /** 1-based line of the `## ` heading in the whole file. */
  line: number;
  /** The Markdown under the heading, up to the next H2, trimmed. */
  text: string;
}

export const sectionKey = (heading: string): string =>
  heading.trim().replace(/\s+/g, ' ').toLowerCase();

/** The key of each required section, in order. */
export const REQUIRED_KEYS: readonly string[] = REQUIRED_SECTIONS.map(sectionKey);

/**
 * Splits Markdown into H2 sections. Headings inside fenced code blocks are ignored.
 * `firstLine` is the file line number of the body's first line. Text before the first H2 is
 * returned as `preamble`.
 */
export function splitSections(
  body: string,
  firstLine = 1,
): { preamble: string; sections: Section[] } {
  const lines = body.split(/\r?\n/);
  const sections: Section[] = [];
  const preamble: string[] = [];
  let current: { heading: string; line: number; lines: string[] } | null = null;
  let fence: string | null = null;
  const flush = () => {
    if (current)
      sections.push({
        heading: current.heading,
        key: sectionKey(current.heading),
        line: current.line,
        text: current.lines.join('\n').trim(),
      });
  };
  lines.forEach((line, index) => {
    const fenceMatch = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fenceMatch) {
      const marker = fenceMatch[1] ?? '';
      if (fence === null) fence = marker;
      else if (marker.startsWith(fence)) fence = null;
    }
    const heading = fence === null ? /^##\s+(.+?)\s*#*\s*$/.exec(line) : null;
    if (heading && !line.startsWith('###')) {
      flush();
      current = { heading: heading[1] ?? '', line: firstLine + index, lines: [] };
    } else if (current) {
      current.lines.push(line);
    } else {
      preamble.push(line);
    }
  });
  flush();
  return { preamble: preamble.join('\n').trim(), sections };
}

/** True when a section holds nothing but `TODO:` placeholders (allowed only in drafts). */
export function isOnlyTodo(text: string): boolean {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.length > 0 && lines.every((l) => /^(?:[-*]\s*)?(?:_|\*)*TODO:/.test(l));
}

/** The text of a required section, or '' when absent. */
export function sectionText(sections: readonly Section[], name: RequiredSection | string): string {
  const key = sectionKey(name);
  return sections.find((s) => s.key === key)?.text ?? '';
}
