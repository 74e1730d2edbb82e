import { describe, expect, it } from 'vitest';
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import { markdownConfig } from '../../../src/lib/site/markdown.ts';

const render = async (markdown: string) =>
  (await createMarkdownProcessor(markdownConfig)).render(markdown);

describe('the site’s Markdown pipeline', () => {
  it('gives headings ids and a named anchor link, and reports the same ids to the page', async () => {
    const out = await render('## Summary\n\ntext\n\n## Root cause(s)\n\nmore\n');
    expect(out.code).toContain(
      '<h2 id="summary">Summary <a class="heading-anchor" href="#summary" aria-label="Link to this section: Summary">#</a></h2>',
    );
    expect(out.code).toContain('href="#root-causes"');
    expect(out.metadata.headings.map((h) => h.slug)).toEqual(['summary', 'root-causes']);
  });

  it('puts a table in a focusable region labelled with its header cells', async () => {
    const out = await render(
      '| Metric | Before | After |\n| --- | --- | --- |\n| p99 | 2 s | 40 ms |\n',
    );
    expect(out.code).toMatch(
      /^<div class="table-scroll" role="region" tabindex="0" aria-label="Table: Metric, Before, After"><table>/,
    );
  });
});
