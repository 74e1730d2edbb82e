import { LIST_MARKER } from './lines.ts';

const LIST_ITEM = new RegExp(String.raw`^\s*${LIST_MARKER}\s+`, 'gm');

/**
 * Browser-safe flattening of a short Markdown excerpt to one line of plain text (list markers and
 * strong emphasis dropped, white space folded), for snippets shown beside search hits. It imports
 * no parser, so the find-similar page's bundle stays small; use `proseBlocks` where a whole
 * document is read. Pure.
 */
export const flattenExcerpt = (markdown: string): string =>
  markdown
    .replace(LIST_ITEM, '')
    .replace(/\*\*|__/g, '')
    .replace(/\s+/g, ' ')
    .trim();
