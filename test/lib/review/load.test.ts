import { mkdtemp, mkdir, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCorpus, plausibleRelated } from '../../../src/lib/review/load.ts';

const SAMPLE = fileURLToPath(new URL('../../../content', import.meta.url));

async function contentWith(reviewName: string, edit: (text: string) => string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'casebook-load-'));
  await mkdir(join(dir, 'reviews'));
  await writeFile(
    join(dir, 'failure-modes.yaml'),
    await readFile(join(SAMPLE, 'failure-modes.yaml')),
  );
  const text = await readFile(join(SAMPLE, 'reviews', reviewName), 'utf8');
  await writeFile(join(dir, 'reviews', reviewName), edit(text));
  return dir;
}

describe('loadCorpus', () => {
  it('names the missing content folder and how to point at another one', async () => {
    const missing = join(tmpdir(), 'casebook-no-such-content-folder');
    await expect(loadCorpus(missing)).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
      message: expect.stringContaining(
        `content folder ${missing} does not exist. Pass --content <dir>`,
      ),
    });
  });

  it('reports a review date that does not exist, with its line', async () => {
    const name = '2026-02-19-payments-api-pgbouncer-pool-exhaustion-retry-storm.md';
    const dir = await contentWith(name, (t) =>
      t.replace(/^date: 2026-02-19$/m, 'date: 2026-02-30'),
    );
    const { problems, reviews } = await loadCorpus(dir, { cwd: dir });
    expect(reviews).toHaveLength(0);
    const problem = problems.find((p) => p.message.includes('2026-02-30'));
    expect(problem?.message).toContain('"2026-02-30" is not a date');
    expect(problem?.line).toBe(3);
  });
});

describe('plausibleRelated', () => {
  const real = '2026-02-19-payments-api-pgbouncer-pool-exhaustion-retry-storm';

  it('suggests the nearest review id for a typo or a shortened id', () => {
    expect(
      plausibleRelated('2026-02-19-payments-api-pgbouncer-pool-exhaustion-retry-strom', real),
    ).toBe(real);
    expect(plausibleRelated('2026-02-19-pgbouncer-pool-exhaustion', real)).toBe(real);
  });

  it('suggests nothing when the nearest id has nothing to do with the one written', () => {
    expect(
      plausibleRelated('2020-01-01-nope', '2025-01-28-search-indexer-retry-spool-disk-full'),
    ).toBeUndefined();
    expect(plausibleRelated('anything', undefined)).toBeUndefined();
  });
});
