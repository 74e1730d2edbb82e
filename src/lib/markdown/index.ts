/**
 * The one Markdown module. Everything that needs document structure goes through it: sections,
 * headings (ATX and setext, any level), fenced and indented code, lists with their items,
 * tables, HTML blocks and front matter, all with exact file line numbers.
 */
export {
  parseMarkdown,
  sourceOf,
  innerSourceOf,
  plainText,
  headings,
  type ParseOptions,
  type HeadingInfo,
  type Root,
  type Nodes,
} from './parse.ts';
export {
  splitSections,
  sectionsAt,
  sectionKey,
  type Section,
  type SplitOptions,
} from './sections.ts';
export {
  canonicalSection,
  headingKey,
  CANONICAL_HEADINGS,
  REQUIRED_SLOTS,
  SECTION_RULES,
  type CanonicalSection,
  type SectionSlot,
  type Template,
} from './canonical.ts';
export {
  proseBlocks,
  listItems,
  tables,
  codeBlocks,
  nonProseLines,
  type ProseBlock,
  type ProseKind,
  type ListItemInfo,
  type TableInfo,
  type CodeBlockInfo,
} from './blocks.ts';
export { TODO_PATTERN, TODO_GLOBAL, isTodo, isTodoOnly, hasTodo, countTodos } from './todo.ts';
