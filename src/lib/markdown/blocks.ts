/**
 * The blocks of a Markdown document that people read as prose, and its lists, tables and code:
 * what verify, facts, draft finishing and import scan instead of matching Markdown by regex. Pure.
 */
import type { List, Nodes, Parents, Root, RootContent, Table } from 'mdast';
import { parseMarkdown, plainText, sourceOf, innerSourceOf } from './parse.ts';

type ProseKind = 'paragraph' | 'heading' | 'listItem' | 'tableCell' | 'blockquote';

/** One prose block with its file lines. */
export interface ProseBlock {
  kind: ProseKind;
  /** The Markdown as written (inline markup kept; no list marker, `>` or `#`). */
  text: string;
  /** Plain text (inline markup removed, code span contents kept). */
  plain: string;
  /** File line where the block starts. */
  line: number;
  /** File line where it ends. */
  endLine: number;
}

const lineOf = (node: Nodes): number => node.position?.start.line ?? 1;
const endLineOf = (node: Nodes): number => node.position?.end.line ?? lineOf(node);

/** Accepts a tree or Markdown text (parsed with `firstLine`). */
function treeOf(input: string, firstLine: number): Root {
  return parseMarkdown(input, { firstLine });
}

/**
 * The prose of a document: paragraphs, headings, list items, table cells and blockquote
 * paragraphs, in document order, each with its lines. Fenced and indented code, HTML and front
 * matter are left out. A paragraph inside a list item or blockquote carries that kind.
 */
export function proseBlocks(markdown: string, firstLine = 1): ProseBlock[] {
  const out: ProseBlock[] = [];
  const push = (kind: ProseKind, node: Nodes, text = sourceOf(markdown, node)) =>
    out.push({
      kind,
      text: text.trim(),
      plain: plainText(node).trim(),
      line: lineOf(node),
      endLine: endLineOf(node),
    });
  const walk = (nodes: readonly RootContent[], context: ProseKind) => {
    for (const node of nodes) {
      switch (node.type) {
        case 'paragraph':
          push(context, node);
          break;
        case 'heading':
          push('heading', node, innerSourceOf(markdown, node));
          break;
        case 'list':
          for (const item of node.children) walk(item.children, 'listItem');
          break;
        case 'blockquote':
          walk(node.children, context === 'paragraph' ? 'blockquote' : context);
          break;
        case 'table':
          for (const row of node.children)
            for (const cell of row.children) push('tableCell', cell, innerSourceOf(markdown, cell));
          break;
        case 'footnoteDefinition':
          walk(node.children, context);
          break;
        default:
          break; // code, html, yaml, thematicBreak, definition: not prose
      }
    }
  };
  walk(treeOf(markdown, firstLine).children, 'paragraph');
  return out;
}

/** One top-level block: a paragraph, a whole list, a table, a code block, a blockquote, … */
export interface TopBlock {
  /** The mdast node type (`paragraph`, `list`, `table`, `code`, `blockquote`, `html`, …). */
  type: RootContent['type'];
  /** The block's whole lines as written (list markers and indentation kept). */
  text: string;
  /** Plain text (inline markup removed). */
  plain: string;
  line: number;
  endLine: number;
}

/** The document's top-level blocks in order, each with its whole source lines. */
export function topBlocks(markdown: string, firstLine = 1): TopBlock[] {
  const lines = markdown.split('\n');
  return treeOf(markdown, firstLine).children.map((node) => ({
    type: node.type,
    text: lines.slice(lineOf(node) - firstLine, endLineOf(node) - firstLine + 1).join('\n'),
    plain: plainText(node).trim(),
    line: lineOf(node),
    endLine: endLineOf(node),
  }));
}

/** One list item. */
export interface ListItemInfo {
  /** The item's own Markdown (its paragraphs, without the marker or nested lists). */
  text: string;
  /** Plain text of the same. */
  plain: string;
  /** File line of the marker. */
  line: number;
  endLine: number;
  /** `true` for `- [x]`, `false` for `- [ ]`, `null` for a plain item. */
  checked: boolean | null;
  /** 0 for a top-level list, 1 for a list inside an item, … */
  depth: number;
  ordered: boolean;
}

/** Every list item (nested ones too, with their depth), in document order. */
export function listItems(markdown: string, firstLine = 1): ListItemInfo[] {
  const out: ListItemInfo[] = [];
  const visitList = (list: List, depth: number) => {
    for (const item of list.children) {
      const own = item.children.filter((c) => c.type !== 'list');
      out.push({
        text: own
          .map((c) => sourceOf(markdown, c))
          .join('\n')
          .trim(),
        plain: own
          .map((c) => plainText(c))
          .join('\n')
          .trim(),
        line: lineOf(item),
        endLine: endLineOf(item),
        checked: item.checked ?? null,
        depth,
        ordered: Boolean(list.ordered),
      });
      for (const child of item.children) if (child.type === 'list') visitList(child, depth + 1);
    }
  };
  const walk = (parent: Parents, depth: number) => {
    for (const node of parent.children as Nodes[]) {
      if (node.type === 'list') visitList(node, depth);
      else if (node.type === 'blockquote') walk(node, depth);
    }
  };
  walk(treeOf(markdown, firstLine), 0);
  return out;
}

/** One GFM table. */
export interface TableInfo {
  line: number;
  endLine: number;
  /** Header cells as written (trimmed). */
  header: string[];
  /** Body rows: cells as written (trimmed), with their line. */
  rows: { line: number; cells: string[]; plain: string[] }[];
}

/** Every GFM table at the top level of the document or inside lists and blockquotes. */
export function tables(markdown: string, firstLine = 1): TableInfo[] {
  const out: TableInfo[] = [];
  const cellsOf = (row: Table['children'][number]) =>
    row.children.map((cell) => innerSourceOf(markdown, cell).trim());
  const walk = (parent: Parents) => {
    for (const node of parent.children as Nodes[]) {
      if (node.type === 'table') {
        const [head, ...body] = node.children;
        out.push({
          line: lineOf(node),
          endLine: endLineOf(node),
          header: head ? cellsOf(head) : [],
          rows: body.map((row) => ({
            line: lineOf(row),
            cells: cellsOf(row),
            plain: row.children.map((c) => plainText(c).trim()),
          })),
        });
      } else if ('children' in node && node.type !== 'paragraph' && node.type !== 'heading')
        walk(node);
    }
  };
  walk(treeOf(markdown, firstLine));
  return out;
}

/** One fenced or indented code block. */
export interface CodeBlockInfo {
  lang: string | null;
  value: string;
  line: number;
  endLine: number;
  fenced: boolean;
}

/** Every code block (fenced with ``` ```` or ~~~, or indented), wherever it sits. */
export function codeBlocks(markdown: string, firstLine = 1): CodeBlockInfo[] {
  const out: CodeBlockInfo[] = [];
  const walk = (parent: Parents) => {
    for (const node of parent.children as Nodes[]) {
      if (node.type === 'code') {
        const raw = sourceOf(markdown, node);
        out.push({
          lang: node.lang ?? null,
          value: node.value,
          line: lineOf(node),
          endLine: endLineOf(node),
          fenced: /^\s*(?:`{3,}|~{3,})/.test(raw),
        });
      } else if ('children' in node) walk(node);
    }
  };
  walk(treeOf(markdown, firstLine));
  return out;
}
