import { describe, it, expect } from 'vitest';
import { runCli } from '../../../src/lib/cli/main.ts';
import { captureIo, type CapturedIo } from '../../helpers/io.ts';
import { makeContent, reviewMarkdown, SECTIONS, SAMPLE_CONTENT } from '../../helpers/content.ts';

async function check(
  files: Record<string, string | Uint8Array>,
  extra: string[] = [],
): Promise<{ code: number; io: CapturedIo; dir: string }> {
  const dir = await makeContent(files);
  const io = captureIo({ cwd: dir });
  const code = await runCli(['check', '--content', dir, ...extra], io);
  return { code, io, dir };
}

/** Runs check on one bad file next to a good one and returns the printed lines. */
async function problemsFor(bad: string | Uint8Array, name = '2025-07-01-bad.md') {
  const { code, io } = await check({ '2025-06-02-good.md': reviewMarkdown(), [name]: bad });
  return { code, lines: io.out().trim().split('\n').filter(Boolean) };
}

describe('casebook check', () => {
  it('passes the sample corpus with exit code 0', async () => {
    const io = captureIo();
    const code = await runCli(['check', '--content', SAMPLE_CONTENT], io);
    expect(io.out()).toBe('');
    expect(code).toBe(0);
    expect(io.err()).toMatch(/\d+ reviews? checked, no problems/);
  });

  it('passes a valid review', async () => {
    const { code, io } = await check({ '2025-06-02-good.md': reviewMarkdown() });
    expect(io.out()).toBe('');
    expect(code).toBe(0);
  });

  it('reports broken YAML with the line of the error', async () => {
    const { code, lines } = await problemsFor(
      reviewMarkdown({ frontMatter: { tags: '[postgres, wal' } }),
    );
    expect(code).toBe(1);
    expect(lines[0]).toMatch(/^reviews\/2025-07-01-bad\.md:\d+: broken YAML in front matter/);
  });

  it('reports an unknown severity with the allowed values and the line of the field', async () => {
    const { code, lines } = await problemsFor(
      reviewMarkdown({ frontMatter: { severity: 'SEV5' } }),
    );
    expect(code).toBe(1);
    expect(lines).toEqual([
      'reviews/2025-07-01-bad.md:4: front matter field "severity" is "SEV5", which is not allowed. Use one of: SEV1, SEV2, SEV3, SEV4 (or unknown while the review is imported or a draft).',
    ]);
  });

  it('reports a missing required section and where to add it', async () => {
    const body = SECTIONS.replace(/## Investigation path\n[^#]*/, '');
    const { code, lines } = await problemsFor(reviewMarkdown({ body }));
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /2025-07-01-bad\.md:\d+: required section "## Investigation path" is missing\. Add it after "## Contributing factors"\./,
    );
  });

  it('reports an empty required section at its heading line', async () => {
    const body = SECTIONS.replace(/(## Systemic factors\n)[^]*$/, '$1\n');
    const text = reviewMarkdown({ body });
    const headingLine = text.split('\n').indexOf('## Systemic factors') + 1;
    const { code, lines } = await problemsFor(text);
    expect(code).toBe(1);
    expect(lines).toEqual([
      `reviews/2025-07-01-bad.md:${headingLine}: section "## Systemic factors" is empty. Write it.`,
    ]);
  });

  it('accepts a TODO-only section in a draft but not in a published review', async () => {
    const body = SECTIONS.replace(
      /(## Systemic factors\n)[^]*$/,
      '$1TODO: why was this not caught in staging?\n',
    );
    const draft = await problemsFor(reviewMarkdown({ body, frontMatter: { status: 'draft' } }));
    expect(draft.code).toBe(0);
    const published = await problemsFor(reviewMarkdown({ body }));
    expect(published.code).toBe(1);
    expect(published.lines[0]).toMatch(/section "## Systemic factors" holds only a TODO/);
  });

  it('reports sections out of order', async () => {
    const [summary, mechanism, ...rest] = SECTIONS.split(/(?=^## )/m);
    const body = [mechanism, summary, ...rest].join('');
    const { code, lines } = await problemsFor(reviewMarkdown({ body }));
    expect(code).toBe(1);
    expect(lines.join('\n')).toMatch(
      /section "## Detailed mechanism" is out of order: it must come after "## Summary"\. Required sections go in this order: Summary, Detailed mechanism/,
    );
  });

  it('reports an optional section placed between required ones', async () => {
    const body = SECTIONS.replace(
      '## Investigation path',
      '## Lessons\nKeep WAL alerts.\n\n## Investigation path',
    );
    const { code, lines } = await problemsFor(reviewMarkdown({ body }));
    expect(code).toBe(1);
    expect(lines.join('\n')).toMatch(/"## Lessons" stands between the required sections/);
  });

  it('ignores H2 lines inside fenced code blocks', async () => {
    const body = SECTIONS.replace(
      '## Investigation path\n',
      '## Investigation path\n```\n## Summary (from a log)\n```\n',
    );
    const { code } = await problemsFor(reviewMarkdown({ body }));
    expect(code).toBe(0);
  });

  it('reports an unknown failure mode and suggests the nearest slug', async () => {
    const { code, lines } = await problemsFor(
      reviewMarkdown({ frontMatter: { failureModes: '[disk-ful]' } }),
    );
    expect(code).toBe(1);
    expect(lines).toEqual([
      'reviews/2025-07-01-bad.md:7: unknown failure mode "disk-ful"; did you mean "disk-full"? Use a slug from content/failure-modes.yaml, or add the mode there first.',
    ]);
  });

  it('reports a related id that points nowhere with the nearest id', async () => {
    const { code, lines } = await problemsFor(
      reviewMarkdown({ frontMatter: { related: '[2025-06-02-goood]' } }),
    );
    expect(code).toBe(1);
    expect(lines).toEqual([
      'reviews/2025-07-01-bad.md:10: related review "2025-06-02-goood" does not exist; did you mean "2025-06-02-good"? Use the file name of another review without .md.',
    ]);
  });

  it('reports a duplicate id in a sub-folder', async () => {
    const { code, io } = await check({
      '2025-06-02-good.md': reviewMarkdown(),
      'archive/2025-06-02-good.md': reviewMarkdown(),
    });
    expect(code).toBe(1);
    expect(io.out()).toMatch(/duplicate review id "2025-06-02-good": also used by/);
  });

  it('reports an unparseable date', async () => {
    const { code, lines } = await problemsFor(
      reviewMarkdown({ frontMatter: { date: '2025-13-45' } }),
    );
    expect(code).toBe(1);
    expect(lines).toEqual([
      'reviews/2025-07-01-bad.md:3: front matter field "date": "2025-13-45" is not a date; write YYYY-MM-DD or an ISO 8601 timestamp such as 2026-03-14T09:12:00Z.',
    ]);
  });

  it('reports a timeline out of order', async () => {
    const text = reviewMarkdown().replace('2025-06-02T11:45:00Z', '2025-06-02T09:45:00Z');
    const { code, lines } = await problemsFor(text);
    expect(code).toBe(1);
    expect(lines[0]).toMatch(
      /timeline entry 3 \(2025-06-02T09:45:00\.000Z\) is earlier than entry 2 .* Put timeline entries in chronological order\./,
    );
  });

  it('reports a binary file and a non-UTF-8 file in the folder', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const latin1 = Buffer.from(reviewMarkdown().replace('Ana Lima', 'Jos\u00e9'), 'latin1');
    const { code, io } = await check({
      '2025-06-02-good.md': reviewMarkdown(),
      'diagram.png': png,
      '2025-07-01-latin1.md': latin1,
      '2025-07-02-bin.md': png,
    });
    expect(code).toBe(1);
    const out = io.out();
    expect(out).toMatch(
      /reviews\/diagram\.png:1: "diagram\.png" is not a review: only \.md files belong in reviews\//,
    );
    expect(out).toMatch(
      /reviews\/2025-07-01-latin1\.md:1: the file is not valid UTF-8\. Re-save it as UTF-8\./,
    );
    expect(out).toMatch(
      /reviews\/2025-07-02-bin\.md:1: this is a binary file, not a Markdown review/,
    );
  });

  it('reports an unknown front matter field with the known ones', async () => {
    const { code, lines } = await problemsFor(
      reviewMarkdown({ frontMatter: { failuremodes: '[disk-full]' } }),
    );
    expect(code).toBe(1);
    expect(lines[0]).toMatch(
      /unknown front matter field "failuremodes"\. Check the spelling; known fields: title, date/,
    );
  });

  it('prints the same problems as JSON with --json', async () => {
    const { code, io } = await check(
      {
        '2025-06-02-good.md': reviewMarkdown(),
        '2025-07-01-bad.md': reviewMarkdown({ frontMatter: { severity: 'SEV5' } }),
      },
      ['--json'],
    );
    expect(code).toBe(1);
    const report = JSON.parse(io.out());
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      {
        path: 'reviews/2025-07-01-bad.md',
        line: 4,
        code: 'schema',
        message: expect.stringContaining('"severity" is "SEV5"'),
      },
    ]);
  });

  it('checks only the named files when paths are given, still resolving related ids against the folder', async () => {
    const dir = await makeContent({
      '2025-06-02-good.md': reviewMarkdown(),
      '2025-07-01-bad.md': reviewMarkdown({ frontMatter: { severity: 'SEV9' } }),
      '2025-07-02-rel.md': reviewMarkdown({ frontMatter: { related: '[2025-06-02-good]' } }),
    });
    const io = captureIo({ cwd: dir });
    const code = await runCli(['check', '--content', dir, 'reviews/2025-07-02-rel.md'], io);
    expect(io.out()).toBe('');
    expect(code).toBe(0);
  });

  it('exits 2 on an unknown option', async () => {
    const io = captureIo();
    const code = await runCli(['check', '--frobnicate'], io);
    expect(code).toBe(2);
    expect(io.err()).toMatch(/Unknown option '--frobnicate'/);
  });
});
