/**
 * End to end: `casebook mcp` as a child process (node bin/casebook.mjs mcp), driven by the MCP
 * SDK's client over stdio, on the sample corpus copied to a temp folder with its own index.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  StdioClientTransport,
  getDefaultEnvironment,
} from '@modelcontextprotocol/sdk/client/stdio.js';
import { REPO_ROOT } from '../../helpers/content.ts';
import {
  PGBOUNCER_ID,
  PGBOUNCER_NOTES,
  leakedSecrets,
  sampleWithIndex,
  snapshot,
  toolCaller,
  type SampleSetup,
  type TextResult,
} from './helpers.ts';

describe('casebook mcp as a child process over stdio', () => {
  let sample: SampleSetup;
  let client: Client;
  let transport: StdioClientTransport;
  let stderr = '';
  let filesBefore: string[] = [];
  const texts: string[] = [];

  const { call, callJson } = toolCaller(
    () => client,
    texts,
    (isError, text) => expect(isError, text).toBe(false),
  );

  beforeAll(async () => {
    sample = await sampleWithIndex();
    filesBefore = await snapshot(sample.dir);
    transport = new StdioClientTransport({
      command: process.execPath,
      args: [
        join(REPO_ROOT, 'bin', 'casebook.mjs'),
        'mcp',
        '--content',
        sample.contentDir,
        '--db',
        sample.dbUri,
      ],
      env: { ...getDefaultEnvironment(), CASEBOOK_SITE: 'https://casebook.example.com/kb/' },
      cwd: sample.dir,
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    client = new Client({ name: 'casebook-e2e', version: '1.0.0' });
    await client.connect(transport);
  });

  afterAll(async () => {
    await client?.close();
  });

  it('lists its tools and resources', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual([
      'find_similar_incidents',
      'search_reviews',
      'get_review',
      'list_failure_modes',
      'list_services',
      'draft_review_prompt',
      'verify_draft',
    ]);
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri)).toContain(`casebook://reviews/${PGBOUNCER_ID}`);
  });

  it('finds the pool-exhaustion review first for pgbouncer notes, linked under CASEBOOK_SITE', async () => {
    const result = await callJson('find_similar_incidents', { notes: PGBOUNCER_NOTES });
    const first = (result.results as Record<string, unknown>[])[0];
    expect(first?.id).toBe(PGBOUNCER_ID);
    expect(first?.url).toBe(`https://casebook.example.com/kb/reviews/${PGBOUNCER_ID}/`);
  });

  it('answers every other tool on the sample corpus', async () => {
    const search = await callJson('search_reviews', { query: 'x509 certificate expired' });
    expect((search.results as { id: string }[])[0]?.id).toBe(
      '2024-02-07-edge-proxy-expired-cross-signed-intermediate',
    );
    const review = await callJson('get_review', {
      id: PGBOUNCER_ID,
      sections: ['Detailed mechanism', 'Investigation path'],
    });
    expect((review.sections as { heading: string }[]).map((s) => s.heading)).toEqual([
      'Detailed mechanism',
      'Investigation path',
    ]);
    const modes = await callJson('list_failure_modes');
    expect((modes.failureModes as { slug: string }[]).length).toBe(22);
    const services = await callJson('list_services');
    expect((services.services as { name: string }[]).map((s) => s.name)).toContain('edge-proxy');
    const prompt = await callJson('draft_review_prompt', { notes: PGBOUNCER_NOTES });
    expect(prompt.prompt as string).toContain('[REDACTED:github-token]');
    const verify = await callJson('verify_draft', {
      draft: '---\ntitle: x\n---\n\n## Summary\nA configuration issue.\n',
      notes: PGBOUNCER_NOTES,
    });
    expect(verify.failed).toBe(true);
    expect(verify.generalizations).toEqual(
      expect.arrayContaining([expect.objectContaining({ line: 6 })]),
    );
  });

  it('answers bad arguments with tool errors, and keeps serving', async () => {
    const unknownTool = await client
      .callTool({ name: 'delete_everything', arguments: {} })
      .then((r) => r as TextResult);
    expect(unknownTool.isError).toBe(true);
    const badId = await call('get_review', { id: 'no-such-review' });
    expect(badId.isError).toBe(true);
    expect(badId.text).toContain('get_review: error [FILE_NOT_FOUND]: no review "no-such-review"');
    const badType = await call('search_reviews', { query: 'x', year: 'last year' });
    expect(badType.isError).toBe(true);
    expect(badType.text).toContain('Expected number, received string at year');
    expect((await callJson('list_services')).services).toBeDefined();
  });

  it('never puts a planted secret in a result or on stderr, and writes or touches no file', async () => {
    expect(texts.length).toBeGreaterThanOrEqual(9);
    for (const text of texts) expect(leakedSecrets(text)).toEqual([]);
    expect(leakedSecrets(stderr)).toEqual([]);
    expect(stderr).toContain('casebook mcp: loaded 13 reviews');
    // Names, sizes and modification times: no file written, rewritten or added.
    expect(await snapshot(sample.dir)).toEqual(filesBefore);
  });

  it('stops when the client closes stdin', async () => {
    const pid = transport.pid;
    expect(pid).toBeGreaterThan(0);
    await client.close();
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && stderr.indexOf('stdin closed, stopped') < 0)
      await new Promise((r) => setTimeout(r, 100));
    expect(stderr).toContain('casebook mcp: stdin closed, stopped.');
  });
});
