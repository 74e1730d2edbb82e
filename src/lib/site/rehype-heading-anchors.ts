/**
 * A rehype plugin that gives every h2–h4 of a review an id (GitHub-style slug, the same ids
 * Astro would give, so `render()`'s `headings` and the "On this page" list match) and a visible
 * anchor link after its text, named for screen readers ("Link to this section: Summary").
 */
import GithubSlugger from 'github-slugger';

interface HastNode {
  type: string;
  value?: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

const HEADINGS = new Set(['h2', 'h3', 'h4']);

/** The plain text of a hast node. */
export const hastText = (node: HastNode): string =>
  node.type === 'text' ? (node.value ?? '') : (node.children ?? []).map(hastText).join('');

export function rehypeHeadingAnchors() {
  return (tree: HastNode): void => {
    const slugger = new GithubSlugger();
    const walk = (node: HastNode) => {
      for (const child of node.children ?? []) {
        if (child.type === 'element' && child.tagName && HEADINGS.has(child.tagName)) {
          const text = hastText(child).trim();
          const props = (child.properties ??= {});
          const id = typeof props.id === 'string' && props.id ? props.id : slugger.slug(text);
          props.id = id;
          child.children = [
            ...(child.children ?? []),
            { type: 'text', value: ' ' },
            {
              type: 'element',
              tagName: 'a',
              properties: {
                className: ['heading-anchor'],
                href: `#${id}`,
                ariaLabel: `Link to this section: ${text}`,
              },
              children: [{ type: 'text', value: '#' }],
            },
          ];
        } else walk(child);
      }
    };
    walk(tree);
  };
}
