import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bound, redactDeep, resultText, toolError } from '../../../src/lib/mcp/safety.ts';
import { createMcpContext, parseSiteUrl } from '../../../src/lib/mcp/context.ts';
import { draftReviewPrompt, findSimilarIncidents } from '../../../src/lib/mcp/tools.ts';
import { CasebookError } from '../../../src/lib/errors.ts';
import type { Matcher } from '../../../src/lib/search/match.ts';
import { makeContent, reviewMarkdown } from '../../helpers/content.ts';
import { SECRETS, leakedSecrets } from './helpers.ts';

describe('MCP result safety', () => {
  it('redacts every string of a result, nested in objects and arrays, and leaves other values', async () => {
    const value = {
      a: `key ${SECRETS.aws}`,
      list: [`token ${SECRETS.github}`, 3, true, null],
      nested: { dsn: `postgres://u:${SECRETS.dsnPassword}@db:5432/x` },
    };
    expect(await redactDeep(value)).toEqual({
      a: 'key [REDACTED:aws-access-key]',
      list: ['token [REDACTED:github-token]', 3, true, null],
      nested: { dsn: 'postgres://u:[REDACTED:url-password]@db:5432/x' },
    });
  });

  it("redacts object keys too, since a map can be keyed by the caller's words", async () => {
    expect(await redactDeep({ corrections: { [`ghp ${SECRETS.github}`]: 'fixed' } })).toEqual({
      corrections: { 'ghp [REDACTED:github-token]': 'fixed' },
    });
  });

  it('redacts a private key that is a string of its own', async () => {
    const key = [
      '-----BEGIN RSA PRIVATE KEY-----',
      'MIIEowIBAAKCAQEA1c2qk4r0S6x8n3t5Yd8Zr6sS0vQm5fZ2r4Kx7yJpQeLhQ0n3',
      '-----END RSA PRIVATE KEY-----',
    ].join('\n');
    const [clean] = await redactDeep([key, 'after']);
    expect(clean).not.toContain('MIIEowIBAAKCAQEA');
  });

  it('cuts text over the bound and says how much was left out', () => {
    expect(bound('abcdef', 4, 'Ask for less.')).toBe(
      'abcd\n… [cut: 2 more characters. Ask for less.]',
    );
    expect(bound('abc', 4, 'x')).toBe('abc');
  });

  it('turns a CasebookError into a tool error with its code and message', async () => {
    const result = await toolError(
      'get_review',
      new CasebookError('FILE_NOT_FOUND', 'no review "x".'),
      () => {},
    );
    expect(result).toEqual({
      content: [{ type: 'text', text: 'get_review: error [FILE_NOT_FOUND]: no review "x".' }],
      isError: true,
    });
  });

  it('turns any other error into an "unexpected error" tool error, the stack going to the log only', async () => {
    const log: string[] = [];
    const result = await toolError('search_reviews', new TypeError(`boom ${SECRETS.aws}`), (l) =>
      log.push(l),
    );
    expect(result.isError).toBe(true);
    expect(result.content[0]?.text).toBe(
      'search_reviews: unexpected error: boom [REDACTED:aws-access-key]',
    );
    expect(log[0]).toContain('TypeError: boom [REDACTED:aws-access-key]\n    at ');
  });

  it('serialises results as indented JSON', async () => {
    expect(await resultText({ a: [1] })).toBe('{\n  "a": [\n    1\n  ]\n}');
  });
});

describe('MCP site URL and index errors', () => {
  it('accepts http(s) site URLs without the trailing slash and rejects others', () => {
    expect(parseSiteUrl('https://kb.example.com/casebook/')).toBe(
      'https://kb.example.com/casebook',
    );
    expect(parseSiteUrl(undefined)).toBeUndefined();
    expect(parseSiteUrl(' ')).toBeUndefined();
    expect(() => parseSiteUrl('kb.example.com')).toThrow(
      '--site (or CASEBOOK_SITE) must be the http(s) URL the site is served from, e.g. https://casebook.example.com, got "kb.example.com".',
    );
  });

  it('answers find_similar_incidents without an index with the CLI message, and drafts the prompt without related incidents', async () => {
    const contentDir = await makeContent({ '2025-06-02-wal-disk-full.md': reviewMarkdown() });
    const dbUri = join(await mkdtemp(join(tmpdir(), 'casebook-mcp-db-')), 'lancedb');
    const log: string[] = [];
    const ctx = await createMcpContext({
      contentDir,
      dbUri,
      io: { env: {}, cwd: contentDir, now: () => new Date('2026-11-28T12:00:00Z') },
      log: (l) => log.push(l),
    });
    const error: unknown = await Promise.resolve()
      .then(() => findSimilarIncidents.run(ctx, { notes: 'pg_wal full' }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CasebookError);
    expect((error as CasebookError).code).toBe('INDEX_MISSING');
    expect((error as CasebookError).message).toContain(`no similarity index at ${dbUri}`);
    const prompt = (await draftReviewPrompt.run(ctx, {
      notes: `pg_wal full, ENOSPC; password=${SECRETS.dsnPassword}`,
    })) as { prompt: string; related: unknown[]; note: string };
    expect(prompt.related).toEqual([]);
    expect(prompt.note).toContain('No related incidents: no similarity index at');
    expect(leakedSecrets(prompt.prompt)).toEqual([]);
    await ctx.close();
    // Read-only: asking for the missing index did not create it.
    expect(existsSync(dbUri)).toBe(false);
  });

  it('answers INDEX_MISSING for an empty index folder and writes nothing into it', async () => {
    const contentDir = await makeContent({ '2025-06-02-wal-disk-full.md': reviewMarkdown() });
    const dbUri = await mkdtemp(join(tmpdir(), 'casebook-mcp-emptydb-'));
    const ctx = await createMcpContext({
      contentDir,
      dbUri,
      io: { env: {}, cwd: contentDir, now: () => new Date('2026-11-28T12:00:00Z') },
      log: () => {},
    });
    const error: unknown = await Promise.resolve()
      .then(() => findSimilarIncidents.run(ctx, { notes: 'pg_wal full' }))
      .catch((e: unknown) => e);
    expect((error as CasebookError).code).toBe('INDEX_MISSING');
    expect((error as CasebookError).message).toContain('run `casebook embed');
    await ctx.close();
    expect(await readdir(dbUri)).toEqual([]);
  });

  it('redacts personal data in notes by default, as for the model request, and rejects a bad CASEBOOK_REDACT_PII', async () => {
    const contentDir = await makeContent({ '2025-06-02-wal-disk-full.md': reviewMarkdown() });
    const io = { env: {}, cwd: contentDir, now: () => new Date('2026-11-28T12:00:00Z') };
    const ctx = await createMcpContext({ contentDir, dbUri: '/nowhere', io, log: () => {} });
    const prompt = (await draftReviewPrompt.run(ctx, {
      notes: 'pg_wal full; paged jane.doe@corp.example.com at 11:45',
    })) as { prompt: string };
    expect(prompt.prompt).not.toContain('jane.doe@corp.example.com');
    expect(prompt.prompt).toContain('[REDACTED:email]');
    const error: unknown = await createMcpContext({
      contentDir,
      dbUri: '/nowhere',
      io: { ...io, env: { CASEBOOK_REDACT_PII: 'faces' } },
      log: () => {},
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CasebookError);
    expect((error as CasebookError).code).toBe('USAGE');
    expect((error as CasebookError).message).toContain('CASEBOOK_REDACT_PII: unknown kind "faces"');
  });

  it('opens the index once, and again after a failed open', async () => {
    const contentDir = await makeContent({ '2025-06-02-wal-disk-full.md': reviewMarkdown() });
    let opens = 0;
    const matcher = { meta: { embedder: { id: 'lexical' } }, close: () => {} } as Matcher;
    const ctx = await createMcpContext({
      contentDir,
      dbUri: '/nowhere',
      io: { env: {}, cwd: contentDir, now: () => new Date() },
      log: () => {},
      openMatcher: () => {
        opens++;
        return opens === 1
          ? Promise.reject(new CasebookError('INDEX_MISSING', 'none yet'))
          : Promise.resolve(matcher);
      },
    });
    await expect(ctx.matcher()).rejects.toThrow('none yet');
    expect(await ctx.matcher()).toBe(matcher);
    expect(await ctx.matcher()).toBe(matcher);
    expect(opens).toBe(2);
  });
});
