import { describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  generateReviewMarkdown,
  writeSyntheticContent,
  SYNTHETIC_FAILURE_MODES,
  SYNTHETIC_SERVICES,
  TAXONOMY_SOURCE,
} from '../../../scripts/bench/synthetic.ts';
import { loadCorpus } from '../../../src/lib/review/load.ts';
import { loadTaxonomy } from '../../../src/lib/review/taxonomy.ts';
import { REQUIRED_SECTIONS } from '../../../src/lib/review/schema.ts';
import { timelineMetrics } from '../../../src/lib/review/metrics.ts';
import { dirname } from 'node:path';

describe('synthetic reviews', () => {
  it('are deterministic: the same number gives the same id and text', () => {
    expect(generateReviewMarkdown(42)).toEqual(generateReviewMarkdown(42));
    expect(generateReviewMarkdown(42).markdown).not.toEqual(generateReviewMarkdown(43).markdown);
  });

  it('only use failure modes from content/failure-modes.yaml', async () => {
    const slugs = (await loadTaxonomy(dirname(TAXONOMY_SOURCE))).map((m) => m.slug);
    for (const slug of SYNTHETIC_FAILURE_MODES) expect(slugs).toContain(slug);
  });

  it('pass loadCorpus without a single problem and vary services, modes, severities and years', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'casebook-synthetic-'));
    await writeSyntheticContent(dir, 300);
    expect(await readFile(join(dir, 'failure-modes.yaml'), 'utf8')).toBe(
      await readFile(TAXONOMY_SOURCE, 'utf8'),
    );
    expect(await readdir(join(dir, 'reviews'))).toHaveLength(300);
    const corpus = await loadCorpus(dir, { cwd: dir });
    expect(corpus.problems).toEqual([]);
    expect(corpus.reviews).toHaveLength(300);
    const all = corpus.reviews;
    expect(new Set(all.flatMap((r) => r.data.services)).size).toBe(SYNTHETIC_SERVICES.length);
    expect(new Set(all.flatMap((r) => r.data.failureModes)).size).toBe(
      SYNTHETIC_FAILURE_MODES.length,
    );
    expect(new Set(all.map((r) => r.data.severity))).toEqual(
      new Set(['SEV1', 'SEV2', 'SEV3', 'SEV4']),
    );
    expect(new Set(all.map((r) => r.data.date.getUTCFullYear()))).toEqual(
      new Set([2023, 2024, 2025]),
    );
    expect(all.some((r) => r.data.related.length > 0)).toBe(true);
    for (const review of all.slice(0, 20)) {
      expect(review.sections.map((s) => s.heading).slice(0, 5)).toEqual([...REQUIRED_SECTIONS]);
      const m = timelineMetrics(review.data.timeline);
      expect(m.timeToDetectMs).toBeGreaterThan(0);
      expect(m.timeToMitigateMs).toBeGreaterThan(m.timeToDetectMs ?? 0);
      expect(m.durationMs).toBeGreaterThan(m.timeToMitigateMs ?? 0);
    }
  });
});
