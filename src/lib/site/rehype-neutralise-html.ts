/**
 * A rehype plugin that keeps a review's raw HTML from running: every raw HTML node becomes plain
 * text (so `<script>` or `<img onerror=…>` is shown, escaped, and never parsed as markup), and
 * links or images whose URL uses a script-capable scheme (`javascript:`, `vbscript:`, `data:`
 * for links) lose that URL. It runs before Astro's own `rehype-raw`, which then finds no raw
 * nodes left to parse.
 */

/** The minimal hast shapes this plugin touches. */
interface HastNode {
  type: string;
  value?: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

/** URL schemes that can run script when followed. Whitespace and control characters are ignored, as browsers do. */
const SCRIPT_SCHEME = /^(?:javascript|vbscript|data):/i;

/** True when `url` would run script (or load an arbitrary document) when followed. */
export function isUnsafeUrl(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  // eslint-disable-next-line no-control-regex
  const squeezed = url.replace(/[\u0000-\u0020\u007f]+/g, '');
  return SCRIPT_SCHEME.test(squeezed);
}

const URL_PROPERTIES: Record<string, string[]> = {
  a: ['href'],
  area: ['href'],
  img: ['src'],
  source: ['src', 'srcSet'],
};

/** Rewrites the tree in place. Exported for tests. */
function neutraliseHtml(node: HastNode): void {
  if (node.type === 'raw') {
    node.type = 'text';
    return;
  }
  if (node.type === 'element' && node.tagName && node.properties) {
    for (const prop of URL_PROPERTIES[node.tagName] ?? []) {
      if (isUnsafeUrl(node.properties[prop])) delete node.properties[prop];
    }
  }
  node.children?.forEach(neutraliseHtml);
}

/** The unified plugin: `rehypePlugins: [rehypeNeutraliseHtml]`. */
export function rehypeNeutraliseHtml() {
  return (tree: unknown): void => neutraliseHtml(tree as HastNode);
}
