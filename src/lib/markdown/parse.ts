/**
 * The one Markdown parser: mdast (CommonMark + GFM + YAML front matter) with file line numbers.
 * Everything that needs document structure (headings, sections, lists, tables, code, HTML) reads
 * it through this module, so every caller agrees on what is a heading and what is code. Pure.
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { frontmatter } from 'micromark-extension-frontmatter';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import type { Heading, Nodes, Root } from 'mdast';

export type { Root, Nodes } from 'mdast';

export interface ParseOptions {
  /** File line number of the text's first line (default 1): node positions use file lines. */
  firstLine?: number;
  /** Read a leading `---` YAML block as front matter (default true). */
  frontMatter?: boolean;
}

/**
 * Parses Markdown into an mdast tree. Positions are 1-based file lines (`firstLine` shifts them);
 * offsets stay offsets into `text`.
 */
export function parseMarkdown(text: string, options: ParseOptions = {}): Root {
  const withMatter = options.frontMatter ?? true;
  const tree = fromMarkdown(text, {
    extensions: withMatter ? [gfm(), frontmatter(['yaml'])] : [gfm()],
    mdastExtensions: withMatter
      ? [gfmFromMarkdown(), frontmatterFromMarkdown(['yaml'])]
      : [gfmFromMarkdown()],
  });
  const shift = (options.firstLine ?? 1) - 1;
  if (shift !== 0)
    visit(tree, (node) => {
      if (node.position) {
        node.position.start.line += shift;
        node.position.end.line += shift;
      }
    });
  return tree;
}

/** The Markdown source of a node, exactly as written (inline markup kept). */
export function sourceOf(text: string, node: Nodes): string {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? '' : text.slice(start, end);
}

/** The source of a node's children (e.g. a heading's text without `#` markers or underline). */
export function innerSourceOf(text: string, node: Nodes): string {
  if (!('children' in node) || node.children.length === 0) return '';
  const first = node.children[0];
  const last = node.children[node.children.length - 1];
  const start = first?.position?.start.offset;
  const end = last?.position?.end.offset;
  return start === undefined || end === undefined ? '' : text.slice(start, end);
}

/** Plain text of a node: inline markup removed, code span contents kept. */
export const plainText = (node: Nodes): string => toString(node);

/** One heading, ATX (`## x`) or setext (`x` over `---`/`===`), never one inside code. */
export interface HeadingInfo {
  /** 1 to 6. */
  depth: number;
  /** The heading as written, without markers (inline Markdown kept), e.g. "Root cause(s)". */
  text: string;
  /** Plain text of the heading (inline markup removed). */
  plain: string;
  /** File line of the heading's first line. */
  line: number;
  /** File line of its last line (the underline of a setext heading). */
  endLine: number;
  setext: boolean;
}

/** Every heading at the top level of the document (not in lists or blockquotes), in order. */
export function headings(tree: Root, text: string): HeadingInfo[] {
  const out: HeadingInfo[] = [];
  for (const node of tree.children) if (node.type === 'heading') out.push(headingInfo(node, text));
  return out;
}

function headingInfo(node: Heading, text: string): HeadingInfo {
  const line = node.position?.start.line ?? 1;
  const endLine = node.position?.end.line ?? line;
  const raw = sourceOf(text, node);
  const setext = !/^\s{0,3}#/.test(raw);
  return {
    depth: node.depth,
    text: innerSourceOf(text, node)
      .replace(/\s*\n\s*/g, ' ')
      .trim(),
    plain: plainText(node).replace(/\s+/g, ' ').trim(),
    line,
    endLine,
    setext,
  };
}
