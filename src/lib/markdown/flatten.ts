/**
 * Browser-safe flattening of a short Markdown excerpt to one line of plain text (list markers and
 * strong emphasis dropped, white space folded), for snippets shown beside search hits. It imports
 * no parser, so the find-similar page's bundle stays small; use `proseBlocks` where a whole
 * document is read. Pure.
 */
export const flattenExcerpt = (markdown: string): string =>
  markdown
    .replace(/^\s*(?:[-*+]|\d+\.)\s+/gm, '')
    .replace(/\*\*|__/g, '')
    .replace(/\s+/g, ' ')
    .trim();
