import { afterEach, describe, expect, it } from 'vitest';
import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/lib/cli/main.ts';
import type { VerifyReport } from '../../../src/lib/draft/verify.ts';
import { captureIo } from '../../helpers/io.ts';
import { REPO_ROOT, SAMPLE_CONTENT } from '../../helpers/content.ts';
import { startFakeApi, type FakeApi } from './fake-messages-api.ts';
import { countWords, extractiveExecSummary } from '../../../src/lib/draft/exec.ts';
import { verifyDraft } from '../../../src/lib/draft/verify.ts';
import { technicalSpans } from '../../../src/lib/facts/index.ts';
import { redact } from '../../../src/lib/redact/index.ts';
import { parseReview } from '../../../src/lib/review/parse.ts';
import { loadTaxonomy } from '../../../src/lib/review/taxonomy.ts';
import { defectReported, loadModelDrafts } from '../../../scripts/bench/faithful-drafts.ts';

let api: FakeApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

/** Replays `reply` as the model's answer through the real `casebook draft` path. */
async function draftWithReply(notesPath: string, reply: string) {
  api = await startFakeApi('success', reply);
  const content = join(await mkdtemp(join(tmpdir(), 'casebook-model-')), 'content');
  await cp(SAMPLE_CONTENT, content, { recursive: true });
  const out = join(content, 'reviews', 'model-draft.md');
  const io = captureIo({
    cwd: REPO_ROOT,
    env: { ANTHROPIC_API_KEY: 'sk-test-key', ANTHROPIC_BASE_URL: api.baseURL },
  });
  const code = await runCli(
    ['draft', notesPath, '--content', content, '--no-match', '--out', out, '--json'],
    io,
  );
  const json = JSON.parse(io.out()) as { verify: VerifyReport; problems: unknown[] };
  return {
    code,
    report: json.verify,
    problems: json.problems,
    written: await readFile(out, 'utf8'),
    io,
  };
}

describe('model-style drafts replayed through casebook draft', () => {
  const pairs = loadModelDrafts(REPO_ROOT);

  it('has faithful and sloppy drafts for five sets of notes', () => {
    expect(pairs.map((p) => p.name)).toEqual([
      'webhook-relay',
      'orders-db-pool',
      'edge-cert-expiry',
      'kafka-ledger-rebalance',
      'coredns-forward-push',
    ]);
  });

  for (const pair of pairs) {
    it(`writes the faithful ${pair.name} draft with no missing, invented or dead-end finding and exits 0`, async () => {
      const { code, report, problems } = await draftWithReply(pair.notesPath, pair.faithful);
      expect(report.missing).toEqual([]);
      expect(report.invented).toEqual([]);
      expect(report.missingDeadEnds).toEqual([]);
      expect(report.deadEndsMissing).toBe(false);
      expect(problems).toEqual([]);
      expect(code).toBe(0);
    });

    it(`summarises the written faithful ${pair.name} draft for leadership with no error string, config key or value verify would flag`, async () => {
      const { written } = await draftWithReply(pair.notesPath, pair.faithful);
      const parsed = parseReview('2026-01-01-model-draft', 'model-draft.md', written, {
        failureModes: (await loadTaxonomy(SAMPLE_CONTENT)).map((m) => m.slug),
      });
      expect(parsed.problems).toEqual([]);
      const summary = extractiveExecSummary(parsed.review!);
      expect(countWords(summary)).toBeLessThanOrEqual(150);
      expect(summary).toContain('Impact: ');
      expect(summary).toContain('The incident lasted ');
      expect(summary).toContain('To prevent recurrence: ');
      expect(summary).not.toContain('`');
      expect(technicalSpans(summary)).toEqual([]);
      expect(verifyDraft(summary, (await redact(pair.notes)).text).invented).toEqual([]);
    });

    it(`reports every planted defect of the sloppy ${pair.name} draft and exits 9`, async () => {
      const { code, report } = await draftWithReply(pair.notesPath, pair.sloppy);
      const missed = pair.defects.filter((d) => !defectReported(report, d)).map((d) => d.label);
      expect(missed).toEqual([]);
      expect(code).toBe(9);
    });
  }

  it('keeps the faithful draft when the model wraps it in a fence with chatter around it', async () => {
    const pair = pairs[0]!;
    const reply = `Here is the review you asked for.\n\n\`\`\`markdown\n${pair.faithful.trim()}\n\`\`\`\n\nLet me know if you want changes.\n`;
    const { code, written } = await draftWithReply(pair.notesPath, reply);
    expect(code).toBe(0);
    expect(written).not.toContain('```');
    expect(written).not.toContain('Let me know');
    expect(written.startsWith('---\n')).toBe(true);
  });
});
