/**
 * The Markdown configuration of the site, shared by astro.config.mjs and the tests that render
 * through Astro's real pipeline (`createMarkdownProcessor`).
 */
import type { AstroMarkdownOptions } from '@astrojs/markdown-remark';
import { rehypeNeutraliseHtml } from './rehype-neutralise-html.ts';

export const markdownConfig: AstroMarkdownOptions = {
  /** Raw HTML in reviews is shown as text, never run. */
  rehypePlugins: [rehypeNeutraliseHtml],
  /** Code blocks highlighted at build time, light and dark themes switched by CSS. */
  syntaxHighlight: 'shiki',
  shikiConfig: {
    themes: { light: 'github-light', dark: 'github-dark' },
    defaultColor: 'light',
    wrap: false,
  },
};
