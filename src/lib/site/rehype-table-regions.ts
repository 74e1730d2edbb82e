/**
 * A rehype plugin that puts every table of a review in a labelled, focusable scroll container
 * (`<div class="table-scroll" role="region" tabindex="0" aria-label="Table: …">`), so a table
 * wider than the page scrolls inside its own box and a keyboard or screen-reader user can reach
 * and name it. The label is the table's header cells.
 */
import { hastText } from './rehype-heading-anchors.ts';

interface HastNode {
  type: string;
  value?: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

const find = (node: HastNode, tag: string): HastNode | undefined => {
  for (const child of node.children ?? []) {
    if (child.tagName === tag) return child;
    const deeper = find(child, tag);
    if (deeper) return deeper;
  }
  return undefined;
};

/** "Table: Metric, Before, After" from the first row's cells (at most 4). */
function tableLabel(table: HastNode): string {
  const row = find(table, 'tr');
  const cells = (row?.children ?? [])
    .filter((c) => c.tagName === 'th' || c.tagName === 'td')
    .map((c) => hastText(c).trim())
    .filter(Boolean);
  return cells.length ? `Table: ${cells.slice(0, 4).join(', ')}` : 'Table';
}

export function rehypeTableRegions() {
  return (tree: HastNode): void => {
    const walk = (node: HastNode) => {
      node.children = (node.children ?? []).map((child) => {
        if (child.type === 'element' && child.tagName === 'table')
          return {
            type: 'element',
            tagName: 'div',
            properties: {
              className: ['table-scroll'],
              role: 'region',
              tabIndex: 0,
              ariaLabel: tableLabel(child),
            },
            children: [child],
          };
        walk(child);
        return child;
      });
    };
    walk(tree);
  };
}
