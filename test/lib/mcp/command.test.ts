import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/lib/cli/main.ts';
import { captureIo } from '../../helpers/io.ts';
import { makeContent, reviewMarkdown } from '../../helpers/content.ts';

describe('casebook mcp (the command, in-process)', () => {
  it('ends with exit 1 and the CLI message when the content folder does not exist', async () => {
    const io = captureIo();
    expect(await runCli(['mcp', '--content', '/nonexistent/casebook-content'], io)).toBe(1);
    expect(io.out()).toBe('');
    expect(io.err()).toContain(
      'casebook mcp: error [FILE_NOT_FOUND]: content folder /nonexistent/casebook-content does not exist.',
    );
  });

  it('rejects a --site that is not an http(s) URL, and positional arguments, as usage errors', async () => {
    const site = captureIo();
    expect(await runCli(['mcp', '--site', 'casebook.local'], site)).toBe(2);
    expect(site.err()).toContain('--site (or CASEBOOK_SITE) must be the http(s) URL');
    const extra = captureIo();
    expect(await runCli(['mcp', 'notes.md'], extra)).toBe(2);
    expect(extra.err()).toContain('unexpected argument "notes.md"');
  });

  it('loads the corpus, says so on stderr only, and stops with exit 0 when stdin ends', async () => {
    const contentDir = await makeContent({ '2025-06-02-wal-disk-full.md': reviewMarkdown() });
    const io = captureIo();
    expect(await runCli(['mcp', '--content', contentDir, '--db', '/nonexistent/db'], io)).toBe(0);
    expect(io.out()).toBe('');
    expect(io.err()).toContain('casebook mcp: loaded 1 review and 22 failure modes from');
    expect(io.err()).toContain('casebook mcp: stdin closed, stopped.');
  });
});
