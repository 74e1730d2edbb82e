/** Splitting Markdown into sections at its headings, with file line numbers. Pure. */
import { headings, parseMarkdown, type HeadingInfo } from './parse.ts';

export interface Section {
  /** The heading as written, without markers, e.g. "Detailed mechanism". */
  heading: string;
  /** Stable key: lower-case, single-spaced heading ("detailed mechanism"). */
  key: string;
  /** 1-based file line of the heading. */
  line: number;
  /** The Markdown under the heading, up to the next heading of this depth or shallower, trimmed. */
  text: string;
  /** Heading depth: 2 for `## x` or a `---`-underlined heading, 1 for `# x` or `===`. */
  depth: number;
}

/** Lower-case, single-spaced heading: the exact-match key `check` uses. */
export const sectionKey = (heading: string): string =>
  heading.trim().replace(/\s+/g, ' ').toLowerCase();

export interface SplitOptions {
  /**
   * The section depth (default 2). Headings of this depth or shallower start a section, so a
   * trailing `# Stats` ends the H2 before it instead of being swallowed by it; deeper headings
   * stay inside their section's text.
   */
  depth?: number;
}

/**
 * Splits Markdown into sections. ATX and setext headings count; anything inside fenced or
 * indented code, HTML, lists or blockquotes does not. `firstLine` is the file line of the text's
 * first line. Text before the first section heading is the `preamble`.
 */
export function splitSections(
  body: string,
  firstLine = 1,
  options: SplitOptions = {},
): { preamble: string; sections: Section[] } {
  const depth = options.depth ?? 2;
  const lines = body.split(/\r?\n/);
  const tops = headings(parseMarkdown(body, { firstLine }), body).filter((h) => h.depth <= depth);
  return sectionsAt(lines, firstLine, tops);
}

/** Sections of `lines` (file line `firstLine` first) cut at the given headings. */
function sectionsAt(
  lines: readonly string[],
  firstLine: number,
  at: readonly HeadingInfo[],
): { preamble: string; sections: Section[] } {
  const slice = (fromLine: number, toLine: number) =>
    lines
      .slice(fromLine - firstLine, toLine - firstLine)
      .join('\n')
      .trim();
  const end = firstLine + lines.length;
  const sections = at.map((h, i) => ({
    heading: h.text,
    key: sectionKey(h.text),
    line: h.line,
    text: slice(h.endLine + 1, at[i + 1]?.line ?? end),
    depth: h.depth,
  }));
  return { preamble: slice(firstLine, at[0]?.line ?? end), sections };
}
