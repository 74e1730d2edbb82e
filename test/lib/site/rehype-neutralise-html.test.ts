import { describe, expect, it } from 'vitest';
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import { markdownConfig } from '../../../src/lib/site/markdown.ts';
import { isUnsafeUrl } from '../../../src/lib/site/rehype-neutralise-html.ts';

// The same configuration object astro.config.mjs passes to Astro, through Astro's own pipeline.
const render = async (markdown: string) =>
  (await (await createMarkdownProcessor(markdownConfig)).render(markdown)).code;

describe('raw HTML in review Markdown', () => {
  it('would reach the page as live HTML without the plugin (control)', async () => {
    const bare = await createMarkdownProcessor({ ...markdownConfig, rehypePlugins: [] });
    expect((await bare.render('<script>window.pwned = 1</script>')).code).toContain(
      '<script>window.pwned = 1</script>',
    );
  });

  it('shows a <script> block as escaped text instead of running it', async () => {
    const html = await render('## Summary\n\n<script>window.pwned = 1</script>\n\nAfter.');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&#x3C;script>window.pwned = 1&#x3C;/script>');
    expect(html).toContain('<p>After.</p>');
  });

  it('shows an inline <img onerror> as text, so no element with the handler exists', async () => {
    const html = await render('The proxy logged <img src=x onerror="alert(1)"> and stopped.');
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('&#x3C;img src=x onerror="alert(1)">');
  });

  it('neutralises event-handler attributes hidden in block HTML such as <div onmouseover>', async () => {
    const html = await render('<div onmouseover="steal()">hover</div>');
    expect(html).not.toMatch(/<div/i);
    expect(html).toContain('&#x3C;div onmouseover="steal()">');
  });

  it('drops javascript: URLs from links but keeps the link text', async () => {
    const html = await render('[runbook](javascript:alert(1)) and [spaced](  JaVaScRiPt:alert(2))');
    expect(html).not.toMatch(/javascript:/i);
    expect(html).toContain('>runbook</a>');
  });

  it('keeps ordinary links, code and emphasis intact', async () => {
    const html = await render(
      'See [the dashboard](https://grafana.internal/d/abc) and `maxIdleConns: 2` **now**.',
    );
    expect(html).toContain('<a href="https://grafana.internal/d/abc">the dashboard</a>');
    expect(html).toContain('<code>maxIdleConns: 2</code>');
    expect(html).toContain('<strong>now</strong>');
  });

  it('leaves HTML-looking text inside code blocks as code', async () => {
    const html = await render('```html\n<script>alert(1)</script>\n```');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('astro-code');
  });
});

describe('isUnsafeUrl', () => {
  it('flags javascript:, vbscript: and data: URLs, even with case changes and control characters', () => {
    expect(isUnsafeUrl('javascript:alert(1)')).toBe(true);
    expect(isUnsafeUrl(' JAVA\tSCRIPT:alert(1)')).toBe(true);
    expect(isUnsafeUrl('vbscript:msgbox')).toBe(true);
    expect(isUnsafeUrl('data:text/html,<script>')).toBe(true);
  });

  it('accepts http(s), relative and fragment URLs', () => {
    expect(isUnsafeUrl('https://example.com/a')).toBe(false);
    expect(isUnsafeUrl('/reviews/x/')).toBe(false);
    expect(isUnsafeUrl('#timeline')).toBe(false);
    expect(isUnsafeUrl(undefined)).toBe(false);
  });
});
