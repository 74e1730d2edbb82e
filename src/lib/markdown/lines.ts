/**
 * The line forms of Markdown structure, for code that must look at one line without a document
 * around it (a title candidate, a field line, a front-matter fence in a file being edited byte for
 * byte). Everything that has the whole document reads it through `parseMarkdown` instead. Pure and
 * browser-safe (no parser imported).
 */

/** A list marker: `-`, `*`, `+`, or a number with `.` or `)` (CommonMark allows up to 9 digits). */
export const LIST_MARKER = String.raw`(?:[-*+]|\d{1,9}[.)])`;

const LIST_ITEM_START = new RegExp(String.raw`^\s*${LIST_MARKER}\s+`);
const BLOCK_START = new RegExp(String.raw`^\s*(?:${LIST_MARKER}|>)\s`);
const FENCE = /^\s{0,3}(?:`{3,}|~{3,})/;
const FRONT_MATTER_FENCE = /^---\s*$/;

/** True when the line opens a list item or a blockquote (`- x`, `2) x`, `> x`). */
export const startsListOrQuote = (line: string): boolean => BLOCK_START.test(line);

/** The line without its list marker ("- 14:02 deploy" → "14:02 deploy"). */
export const stripListMarker = (line: string): string => line.replace(LIST_ITEM_START, '');

/** True when the line opens or closes a fenced code block (``` ```` ``` or `~~~`). */
export const isFenceLine = (line: string): boolean => FENCE.test(line);

/** True when the line is a YAML front-matter fence (`---`). */
export const isFrontMatterFence = (line: string): boolean => FRONT_MATTER_FENCE.test(line);

/** True when the text starts with a front-matter block (`---` on its first line). */
export const startsWithFrontMatter = (text: string): boolean =>
  isFrontMatterFence(text.slice(0, text.indexOf('\n') < 0 ? undefined : text.indexOf('\n')));
