import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { createMcpContext, type McpContext } from '../../../src/lib/mcp/context.ts';
import { createMcpServer } from '../../../src/lib/mcp/server.ts';
import { getReview, listServices } from '../../../src/lib/mcp/tools.ts';
import { CasebookError } from '../../../src/lib/errors.ts';
import { runCli } from '../../../src/lib/cli/main.ts';
import { captureIo } from '../../helpers/io.ts';
import {
  PGBOUNCER_ID,
  PGBOUNCER_NOTES,
  SECRETS,
  leakedSecrets,
  sampleWithIndex,
  toolCaller,
  type SampleSetup,
} from './helpers.ts';

describe('the MCP server in-process, on the sample corpus', () => {
  let sample: SampleSetup;
  let ctx: McpContext;
  let client: Client;
  const logs: string[] = [];
  const results: string[] = [];

  const { call, callJson } = toolCaller(
    () => client,
    results,
    (isError, text) => expect(isError, text).toBe(false),
  );

  beforeAll(async () => {
    sample = await sampleWithIndex();
    ctx = await createMcpContext({
      contentDir: sample.contentDir,
      dbUri: sample.dbUri,
      site: 'https://casebook.example.com',
      io: { env: {}, cwd: sample.dir, now: () => new Date('2026-11-28T12:00:00Z') },
      log: (line) => logs.push(line),
    });
    const server = createMcpServer(ctx, (line) => logs.push(line));
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await server.connect(serverSide);
    client = new Client({ name: 'casebook-test', version: '1.0.0' });
    await client.connect(clientSide);
  });

  afterAll(async () => {
    await client?.close();
    await ctx?.close();
  });

  it('says on its log what it loaded, and opens the index only when first needed', () => {
    expect(logs[0]).toContain('loaded 13 reviews and 22 failure modes from');
    expect(logs[0]).toContain('(1 draft left out;');
    expect(logs.join('\n')).not.toContain('opened the similarity index');
  });

  it('lists the seven tools, each with a description and an input schema', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      'draft_review_prompt',
      'find_similar_incidents',
      'get_review',
      'list_failure_modes',
      'list_services',
      'search_reviews',
      'verify_draft',
    ]);
    for (const tool of tools) {
      expect(tool.description?.length).toBeGreaterThan(80);
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.annotations?.readOnlyHint).toBe(true);
    }
    const similar = tools.find((t) => t.name === 'find_similar_incidents');
    expect(similar?.inputSchema.required).toEqual(['notes']);
    expect(Object.keys(similar?.inputSchema.properties ?? {})).toEqual([
      'notes',
      'k',
      'service',
      'since',
    ]);
  });

  it('finds the pgbouncer pool-exhaustion review first for pgbouncer notes, with why and a site link', async () => {
    const result = await callJson('find_similar_incidents', { notes: PGBOUNCER_NOTES, k: 3 });
    const hits = result.results as Record<string, unknown>[];
    expect(hits[0]?.id).toBe(PGBOUNCER_ID);
    expect(hits[0]?.url).toBe(`https://casebook.example.com/reviews/${PGBOUNCER_ID}/`);
    expect(hits[0]?.failureModes).toContainEqual({
      slug: 'connection-pool-exhaustion',
      name: 'Connection-pool exhaustion',
    });
    expect(hits[0]?.servicesNamedInNotes).toEqual(['payments-api', 'pgbouncer-payments']);
    const matched = hits[0]?.matched as { section: string; snippet: string }[];
    expect(matched.length).toBeGreaterThan(0);
    expect(matched[0]?.snippet.length).toBeGreaterThan(0);
    expect(hits.length).toBeLessThanOrEqual(3);
    expect(logs.join('\n')).toContain('opened the similarity index');
    expect(logs.join('\n')).toContain('3 secrets redacted');
  });

  it('returns the reviews and labels `casebook match --json` returns for the same notes and filters', async () => {
    const notes =
      'media-transcoder pods OOMKilled (exit 137) every 20 min; RSS grows ~150MB/min while the Go heap stays flat.';
    for (const [args, flags] of [
      [{}, []],
      [{ k: 2 }, ['--k', '2']],
      [{ since: '2025-01-01' }, ['--since', '2025-01-01']],
    ] as [Record<string, unknown>, string[]][]) {
      const io = captureIo({ cwd: sample.dir, stdin: notes });
      const argv = ['match', '-', '--json', '--content', sample.contentDir, '--db', sample.dbUri];
      expect(await runCli([...argv, ...flags], io)).toBe(0);
      const cli = (JSON.parse(io.out()) as { id: string; strength: string }[]).map(
        (h) => `${h.id} ${h.strength} match`,
      );
      const mcp = (
        (await callJson('find_similar_incidents', { notes, ...args })).results as {
          id: string;
          match: string;
        }[]
      ).map((h) => `${h.id} ${h.match}`);
      expect(mcp).toEqual(cli);
      if (!args.since)
        expect(mcp[0]).toBe('2026-01-13-media-transcoder-cgo-frame-buffer-leak-oom strong match');
    }
  });

  it('answers notes that share nothing with the reviews with an empty list and a no-close-match note', async () => {
    const result = await callJson('find_similar_incidents', {
      notes: 'zorp blargh wibble quux; ??? 12345 ~~~ frobnicated the flimflam',
    });
    expect(result.results).toEqual([]);
    expect(result.note).toMatch(/^No close match: .* Try search_reviews with a key error string/);
  });

  it('narrows similar incidents to a service, and rejects an unknown one with the nearest name', async () => {
    const result = await callJson('find_similar_incidents', {
      notes: PGBOUNCER_NOTES,
      service: 'edge-proxy',
    });
    for (const hit of result.results as { services: string[] }[])
      expect(hit.services).toContain('edge-proxy');
    const bad = await call('find_similar_incidents', {
      notes: PGBOUNCER_NOTES,
      service: 'payments-apy',
    });
    expect(bad.isError).toBe(true);
    expect(bad.text).toContain(
      'no review lists service "payments-apy"; did you mean "payments-api"?',
    );
  });

  it('rejects a since that is not a real day, and notes that are empty', async () => {
    const since = await call('find_similar_incidents', { notes: 'x', since: '2026-02-30' });
    expect(since).toEqual({
      isError: true,
      text: 'find_similar_incidents: error [USAGE]: since must be a date YYYY-MM-DD, got "2026-02-30".',
    });
    const empty = await call('find_similar_incidents', { notes: '   ' });
    expect(empty.isError).toBe(true);
    expect(empty.text).toContain('error [INPUT_EMPTY]: the notes are empty.');
  });

  it('answers bad argument types and out-of-range values with tool errors naming the field', async () => {
    const missing = await call('find_similar_incidents', {});
    expect(missing.isError).toBe(true);
    expect(missing.text).toContain('notes is required');
    const wrongType = await call('get_review', { id: 42 });
    expect(wrongType.isError).toBe(true);
    expect(wrongType.text).toContain('Expected string, received number at id');
    const tooMany = await call('find_similar_incidents', { notes: 'pgbouncer', k: 500 });
    expect(tooMany.isError).toBe(true);
    expect(tooMany.text).toContain('k must be at most 20');
  });

  it('searches with typo tolerance and the site filters', async () => {
    const result = await callJson('search_reviews', { query: 'pgbounser max_client_conn' });
    expect(result.corrections).toEqual({ pgbounser: 'pgbouncer' });
    const hits = result.results as Record<string, unknown>[];
    expect(hits[0]?.id).toBe(PGBOUNCER_ID);
    expect(hits[0]?.url).toBe(`https://casebook.example.com/reviews/${PGBOUNCER_ID}/`);
    const filtered = await callJson('search_reviews', {
      query: '',
      failureMode: 'Certificate expiry',
      year: 2024,
    });
    expect((filtered.results as { id: string }[]).map((h) => h.id)).toEqual([
      '2024-02-07-edge-proxy-expired-cross-signed-intermediate',
    ]);
  });

  it('finds a review by its ticket id and by a tag', async () => {
    const ticket = await callJson('search_reviews', { query: 'PAY-2287' });
    expect((ticket.results as { id: string }[])[0]?.id).toBe(PGBOUNCER_ID);
    const bySeverity = await callJson('search_reviews', { query: 'pgbouncer', severity: 'sev1' });
    for (const hit of bySeverity.results as { severity: string }[])
      expect(hit.severity).toBe('SEV1');
  });

  it('rejects an unknown failure mode, a bad severity and an empty unfiltered query', async () => {
    const mode = await call('search_reviews', { query: 'x', failureMode: 'retry-strom' });
    expect(mode.text).toBe(
      'search_reviews: error [USAGE]: unknown failure mode "retry-strom"; did you mean "retry-storm"? list_failure_modes gives every slug.',
    );
    const severity = await call('search_reviews', { query: 'x', severity: 'critical' });
    expect(severity.text).toBe(
      'search_reviews: error [USAGE]: severity must be one of SEV1, SEV2, SEV3, SEV4, got "critical".',
    );
    const empty = await call('search_reviews', { query: ' ' });
    expect(empty.isError).toBe(true);
    expect(empty.text).toContain('[INPUT_EMPTY]');
  });

  it('returns only the asked sections of a review, by name in any case', async () => {
    const review = await callJson('get_review', {
      id: PGBOUNCER_ID,
      sections: ['detailed MECHANISM', 'Investigation path'],
    });
    expect((review.sections as { heading: string }[]).map((s) => s.heading)).toEqual([
      'Detailed mechanism',
      'Investigation path',
    ]);
    const fm = review.frontMatter as Record<string, unknown>;
    expect(fm.date).toBe('2026-02-19');
    expect(fm.severity).toBe('SEV2');
    expect(fm.services).toEqual(['payments-api', 'pgbouncer-payments']);
    expect(review.url).toBe(`https://casebook.example.com/reviews/${PGBOUNCER_ID}/`);
  });

  it('finds a section by a common wording of its heading', async () => {
    const review = await callJson('get_review', { id: PGBOUNCER_ID, sections: ['Root cause(s)'] });
    expect((review.sections as { heading: string }[]).map((s) => s.heading)).toEqual([
      'Detailed mechanism',
    ]);
  });

  it('finds a section by a word of its heading or by what the words are about', async () => {
    const headingsOf = async (sections: string[]) =>
      (
        (await callJson('get_review', { id: PGBOUNCER_ID, sections })).sections as {
          heading: string;
        }[]
      ).map((s) => s.heading);
    expect(await headingsOf(['systemic', 'Contributing'])).toEqual([
      'Systemic factors',
      'Contributing factors',
    ]);
    expect(await headingsOf(['What we ruled out', 'red herrings'])).toEqual(['Investigation path']);
  });

  it('takes one section name given as a string as a list of one', async () => {
    const review = await callJson('get_review', {
      id: PGBOUNCER_ID,
      sections: 'Investigation path',
    });
    expect((review.sections as { heading: string }[]).map((s) => s.heading)).toEqual([
      'Investigation path',
    ]);
  });

  it('points to the front matter for the timeline and action items instead of failing', async () => {
    const review = await callJson('get_review', {
      id: PGBOUNCER_ID,
      sections: ['Mechanism', 'Timeline', 'Follow-ups'],
    });
    expect((review.sections as { heading: string }[]).map((s) => s.heading)).toEqual([
      'Detailed mechanism',
    ]);
    expect(review.note).toBe(
      'frontMatter.timeline, frontMatter.actionItems: in the front matter, not a section.',
    );
    expect((review.frontMatter as { timeline: unknown[] }).timeline.length).toBeGreaterThan(0);
  });

  it('names the nearest id for an unknown review and the sections a review has for an unknown section', async () => {
    const id = await call('get_review', { id: PGBOUNCER_ID.replace('pgbouncer', 'pgbouncr') });
    expect(id.isError).toBe(true);
    expect(id.text).toContain(`[FILE_NOT_FOUND]`);
    expect(id.text).toContain(`did you mean "${PGBOUNCER_ID}"?`);
    const section = await call('get_review', { id: PGBOUNCER_ID, sections: ['Budget'] });
    expect(section.text).toContain(
      `review ${PGBOUNCER_ID} has no section "Budget". Its sections: Summary, Detailed mechanism, Contributing factors, Investigation path, Systemic factors`,
    );
  });

  it('lists failure modes and services with their counts', async () => {
    const modes = (await callJson('list_failure_modes')).failureModes as Record<string, unknown>[];
    expect(modes.find((m) => m.slug === 'connection-pool-exhaustion')).toMatchObject({
      name: 'Connection-pool exhaustion',
      reviews: 3,
      url: 'https://casebook.example.com/failure-modes/connection-pool-exhaustion/',
    });
    const services = (await callJson('list_services')).services as Record<string, unknown>[];
    expect(services.find((s) => s.name === 'pgbouncer-payments')).toEqual({
      name: 'pgbouncer-payments',
      reviews: 1,
      latest: '2026-02-19',
    });
    expect(services.reduce((n, s) => n + (s.reviews as number), 0)).toBeGreaterThanOrEqual(13);
  });

  it('builds the redacted drafting prompt with the related incidents, writing nothing', async () => {
    const result = await callJson('draft_review_prompt', { notes: PGBOUNCER_NOTES });
    const prompt = result.prompt as string;
    expect(prompt).toContain('<incident_notes>');
    expect(prompt).toContain('[REDACTED:url-password]');
    expect(prompt).toContain('SPECIFICS CHECKLIST');
    expect(prompt).toContain(`id="${PGBOUNCER_ID}"`);
    expect((result.related as { id: string }[])[0]?.id).toBe(PGBOUNCER_ID);
    expect(leakedSecrets(prompt)).toEqual([]);
  });

  it('verifies a draft against notes and reports what it lost', async () => {
    const draft = `---\ntitle: "Pool exhaustion"\nstatus: draft\n---\n\n## Summary\nThe database had issues.\n\n## Investigation path\nTODO: fill in\n`;
    const report = await callJson('verify_draft', { draft, notes: PGBOUNCER_NOTES });
    expect(report.failed).toBe(true);
    expect(report.missing).toEqual(expect.arrayContaining(['max_client_conn']));
    expect(report.deadEndsMissing).toBe(true);
    expect(report.todos).toBe(1);
  });

  it('serves each review and the taxonomy as resources', async () => {
    const { resources } = await client.listResources();
    expect(resources).toHaveLength(14);
    expect(resources.map((r) => r.uri)).toContain(`casebook://reviews/${PGBOUNCER_ID}`);
    expect(resources.map((r) => r.uri)).toContain('casebook://failure-modes');
    const review = await client.readResource({ uri: `casebook://reviews/${PGBOUNCER_ID}` });
    const text = (review.contents[0] as { text: string }).text;
    expect(text).toMatch(/^---\ntitle: /);
    expect(text).toContain('\n## Detailed mechanism\n');
    const taxonomy = await client.readResource({ uri: 'casebook://failure-modes' });
    const modes = JSON.parse((taxonomy.contents[0] as { text: string }).text) as {
      failureModes: { slug: string }[];
    };
    expect(modes.failureModes.map((m) => m.slug)).toContain('retry-storm');
  });

  it('answers an unknown or ../ review resource with one invalid-params error naming it', async () => {
    for (const id of ['no-such-review', '..%2Ffailure-modes']) {
      const error: unknown = await client
        .readResource({ uri: `casebook://reviews/${id}` })
        .catch((e: unknown) => e);
      expect((error as { code: number }).code).toBe(-32602);
      expect((error as Error).message).toMatch(
        new RegExp(`^MCP error -32602: no review "${decodeURIComponent(id)}" in `),
      );
    }
  });

  it('never returns a planted secret in any tool result', () => {
    expect(results.length).toBeGreaterThan(10);
    for (const text of results) expect(leakedSecrets(text)).toEqual([]);
    expect(leakedSecrets(logs.join('\n'))).toEqual([]);
  });

  it('calls handlers directly with the same results and CasebookErrors', () => {
    const services = listServices.run(ctx, {}) as { services: { name: string }[] };
    expect(services.services.map((s) => s.name)).toContain('payments-api');
    expect(() => getReview.run(ctx, { id: 'nope' })).toThrow(CasebookError);
    expect(SECRETS.aws).toMatch(/^AKIA/);
  });
});
