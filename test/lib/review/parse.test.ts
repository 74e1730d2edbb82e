import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseReview } from '../../../src/lib/review/parse.ts';

const SAMPLE = join(
  fileURLToPath(new URL('.', import.meta.url)),
  '../../../content/reviews/2026-02-19-payments-api-pgbouncer-pool-exhaustion-retry-storm.md',
);
const context = {
  failureModes: ['connection-pool-exhaustion', 'retry-storm', 'bad-config-push'],
};

async function sample(edit: (text: string) => string) {
  const text = edit(await readFile(SAMPLE, 'utf8'));
  return parseReview('x', 'x.md', text, context);
}

describe('section checks through the Markdown module', () => {
  it('accepts a Summary heading written in setext style as the Summary section', async () => {
    const { problems } = await sample((t) => t.replace(/^## Summary$/m, 'Summary\n-------'));
    expect(problems.filter((p) => p.code.startsWith('section'))).toEqual([]);
  });

  it('names the canonical heading when a required section is written as a known variant', async () => {
    const text = await readFile(SAMPLE, 'utf8');
    const line = text.split('\n').indexOf('## Detailed mechanism') + 1;
    const { problems } = await sample((t) =>
      t.replace(/^## Detailed mechanism$/m, '## Root cause(s)'),
    );
    expect(problems.filter((p) => p.code.startsWith('section'))).toEqual([
      {
        path: 'x.md',
        line,
        code: 'section-missing',
        message:
          'required section "## Detailed mechanism" is missing: "Root cause(s)" is a variant of it. Rename the heading to "## Detailed mechanism".',
      },
    ]);
  });

  it('does not count a ## heading inside a four-backtick fence as a section', async () => {
    const { problems } = await sample((t) =>
      t.replace(/^## Summary$/m, '````\n## Summary\n````\n\n## Summary'),
    );
    expect(problems.filter((p) => p.code.startsWith('section'))).toEqual([]);
  });
});
