/**
 * The one Markdown module. Everything that needs document structure goes through it: sections,
 * headings (ATX and setext, any level), fenced and indented code, lists with their items,
 * tables, HTML blocks and front matter, all with exact file line numbers.
 */
export { parseMarkdown, headings } from './parse.ts';
export { splitSections, sectionKey, type Section } from './sections.ts';
export {
  canonicalSection,
  headingKey,
  CANONICAL_HEADINGS,
  type SectionSlot,
  type Template,
} from './canonical.ts';
export { proseBlocks, listItems, tables, codeBlocks, topBlocks, type TableInfo } from './blocks.ts';
export {
  startsListOrQuote,
  stripListMarker,
  isFenceLine,
  isFrontMatterFence,
  startsWithFrontMatter,
  LIST_MARKER,
} from './lines.ts';
export { TODO_PATTERN, isTodo, isTodoOnly, countTodos } from './todo.ts';
