/**
 * `npm run bench:match [-- --sizes 1000,10000]`: similarity index performance on synthetic
 * corpora (scripts/bench/synthetic.ts), lexical embedder:
 * full embed time, incremental embed after changing one review, in-process hybrid query
 * p50/p95, wall time of a `casebook match` process, and the build-time similar-incidents pass.
 * Writes bench-results/match.json.
 *
 * `--s3`: the same against a local S3-compatible server (s3rver on 127.0.0.1, started and
 * stopped by the benchmark; index at s3://casebook/bench-<n>), through the AWS_* variables a
 * user would set. The similar-incidents pass is left out there. Writes bench-results/match-s3.json.
 */
import { fileURLToPath } from 'node:url';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { Readable } from 'node:stream';
import { BENCH_NOTES as NOTES, writeSyntheticContent } from './synthetic.ts';
import { embedCorpus } from '../../src/lib/search/embed.ts';
import { openMatcher } from '../../src/lib/search/match.ts';
import { similarIncidents } from '../../src/lib/search/similar.ts';
import { loadValidCorpus } from '../../src/lib/review/load.ts';
import { storageOptionsOf } from '../../src/lib/search/store.ts';
import { startLocalS3, type LocalS3 } from '../../test/helpers/search.ts';
import type { Io } from '../../src/lib/cli/io.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const execFileAsync = promisify(execFile);

const quietIo = (): Io => ({
  stdout: { write: () => true },
  stderr: { write: () => true },
  stdin: Readable.from([]),
  env: {},
  cwd: REPO_ROOT,
  now: () => new Date(),
});
const seconds = (ms: number) => Number((ms / 1000).toFixed(2));
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;

async function benchSize(n: number, s3?: LocalS3) {
  const work = await mkdtemp(join(tmpdir(), `casebook-bench-match-${n}-`));
  try {
    const contentDir = join(work, 'content');
    const dbUri = s3 ? `s3://${s3.bucket}/bench-${n}` : join(work, 'lancedb');
    const storageOptions = s3 ? storageOptionsOf(s3.env) : undefined;
    await writeSyntheticContent(contentDir, n);
    let t = performance.now();
    const full = await embedCorpus({
      contentDir,
      dbUri,
      storageOptions,
      embedder: 'lexical',
      io: quietIo(),
    });
    const fullMs = performance.now() - t;

    const files = (await readdir(join(contentDir, 'reviews')))
      .filter((f) => f.endsWith('.md'))
      .sort();
    const target = join(contentDir, 'reviews', files[Math.floor(files.length / 2)]!);
    const text = await readFile(target, 'utf8');
    await writeFile(
      target,
      text.replace(
        '## Detailed mechanism\n',
        '## Detailed mechanism\nA later finding: the retry budget was also disabled by the same change.\n',
      ),
    );
    t = performance.now();
    const incremental = await embedCorpus({
      contentDir,
      dbUri,
      storageOptions,
      embedder: 'lexical',
      io: quietIo(),
    });
    const incrementalMs = performance.now() - t;
    if (incremental.updated !== 1 || incremental.added + incremental.removed !== 0)
      throw new Error(
        `incremental run did not update exactly one review: ${JSON.stringify(incremental)}`,
      );

    const matcher = await openMatcher({ dbUri, contentDir, storageOptions });
    const latencies: number[] = [];
    try {
      for (const notes of NOTES.slice(0, 3)) await matcher.query(notes); // warm-up
      for (let i = 0; i < 60; i++) {
        const s = performance.now();
        await matcher.query(NOTES[i % NOTES.length]!);
        latencies.push(performance.now() - s);
      }
    } finally {
      matcher.close();
    }

    const notesFile = join(work, 'notes.txt');
    await writeFile(notesFile, NOTES[0]!);
    const walls: number[] = [];
    for (let i = 0; i < 3; i++) {
      const s = performance.now();
      // Not execFileSync: with --s3 the store is served by this process, which must stay free.
      await execFileAsync(
        process.execPath,
        [
          join(REPO_ROOT, 'bin/casebook.mjs'),
          'match',
          notesFile,
          '--db',
          dbUri,
          '--content',
          contentDir,
          '--json',
        ],
        { cwd: REPO_ROOT, env: { ...process.env, ...s3?.env } },
      );
      walls.push(performance.now() - s);
    }

    let similarMs: number | undefined;
    if (n <= 1000 && !s3) {
      const { reviews } = await loadValidCorpus(contentDir);
      t = performance.now();
      await similarIncidents(reviews, { dbUri, contentDir, warn: () => {} });
      similarMs = performance.now() - t;
    }
    return {
      store: s3 ? 's3rver' : 'local folder',
      reviews: n,
      chunks: full.chunks,
      fullEmbedS: seconds(fullMs),
      incrementalEmbedS: seconds(incrementalMs),
      queryP50Ms: Number(pct(latencies, 50).toFixed(1)),
      queryP95Ms: Number(pct(latencies, 95).toFixed(1)),
      matchProcessS: seconds(pct(walls, 50)),
      similarIncidentsBuildS: similarMs === undefined ? undefined : seconds(similarMs),
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function main() {
  const { values } = parseArgs({
    options: { sizes: { type: 'string' }, out: { type: 'string' }, s3: { type: 'boolean' } },
  });
  const sizes = (values.sizes ?? '1000,10000').split(',').map(Number);
  const results: Awaited<ReturnType<typeof benchSize>>[] = [];
  const s3 = values.s3 ? await startLocalS3() : undefined;
  try {
    for (const n of sizes) {
      const r = await benchSize(n, s3);
      results.push(r);
      console.log(JSON.stringify(r));
    }
  } finally {
    await s3?.close();
  }
  const at = (n: number) => results.find((r) => r.reviews === n);
  const checks = [
    at(1000) &&
      `incremental embed at 1,000: ${at(1000)!.incrementalEmbedS} s (target ≤ 2 s) ${at(1000)!.incrementalEmbedS <= 2 ? 'ok' : 'MISSED'}`,
    at(10000) &&
      `hybrid query p50 at 10,000: ${at(10000)!.queryP50Ms} ms (target ≤ 20 ms) ${at(10000)!.queryP50Ms <= 20 ? 'ok' : 'MISSED'}`,
    at(10000) &&
      `casebook match process at 10,000: ${at(10000)!.matchProcessS} s (target ≤ 1.5 s) ${at(10000)!.matchProcessS <= 1.5 ? 'ok' : 'MISSED'}`,
  ].filter(Boolean);
  for (const c of checks) console.log(c);
  const out = resolve(
    values.out ?? join(REPO_ROOT, 'bench-results', values.s3 ? 'match-s3.json' : 'match.json'),
  );
  await mkdir(resolve(out, '..'), { recursive: true });
  await writeFile(out, JSON.stringify(results, null, 2) + '\n');
  console.log(`wrote ${out}`);
}

await main();
