/**
 * The Markdown configuration of the site, shared by astro.config.mjs and the tests that render
 * through Astro's real pipeline (`createMarkdownProcessor`).
 */
import type { AstroMarkdownOptions } from '@astrojs/markdown-remark';
import { rehypeNeutraliseHtml } from './rehype-neutralise-html.ts';
import { rehypeHeadingAnchors } from './rehype-heading-anchors.ts';
import { rehypeTableRegions } from './rehype-table-regions.ts';

export const markdownConfig: AstroMarkdownOptions = {
  /**
   * Raw HTML in reviews is shown as text, never run; headings get ids and anchor links; tables
   * scroll in labelled regions.
   */
  rehypePlugins: [rehypeNeutraliseHtml, rehypeHeadingAnchors, rehypeTableRegions],
  /**
   * Code blocks highlighted at build time, light and dark themes switched by CSS. The
   * high-contrast GitHub themes: every token colour reaches 4.5:1 on the site's code background
   * (the plain ones leave comments, strings and keywords at 2.8–3.9:1, which axe-core flags).
   */
  syntaxHighlight: 'shiki',
  shikiConfig: {
    themes: { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' },
    defaultColor: 'light',
    wrap: false,
  },
};
