/**
 * `npm run bench:similar-index [-- --sizes 1000,10000]`: builds only the find-similar page's
 * static index (no site) for N synthetic reviews and measures what the browser loads:
 * the first load (the manifest), each benchmark query's loads on a fresh page (manifest, chunk
 * table, parts, review groups), and all files; raw and gzip bytes, gzip per file as a server
 * would send it. Writes bench-results/similar-index.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { BENCH_NOTES, syntheticReviews } from './synthetic.ts';
import { buildStaticIndex } from '../../src/lib/search/static-index.ts';
import { staticMatcher } from '../../src/lib/search/browser-match.ts';
import { PROJECT_ROOT } from '../../src/lib/site/build-process.ts';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '1000,10000' } } });
const sizes = (values.sizes ?? '').split(',').map(Number);
if (sizes.some((n) => !Number.isInteger(n) || n < 1)) {
  console.error(
    `--sizes must be positive whole numbers separated by commas, got "${values.sizes}".`,
  );
  process.exit(2);
}

interface Bytes {
  files: number;
  bytes: number;
  gzipBytes: number;
}
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const seconds = (ms: number) => Number((ms / 1000).toFixed(2));

const results = [];
for (const n of sizes) {
  const reviews = syntheticReviews(n);
  const started = performance.now();
  const { files, manifest } = buildStaticIndex(reviews);
  const buildSeconds = seconds(performance.now() - started);
  const sizes = new Map(
    [...files].map(([path, body]) => {
      const data = typeof body === 'string' ? Buffer.from(body) : body;
      return [path, { bytes: data.length, gzipBytes: gzipSync(data).length }] as const;
    }),
  );
  const sum = (paths: Iterable<string>): Bytes => {
    const out = { files: 0, bytes: 0, gzipBytes: 0 };
    for (const p of paths) {
      const s = sizes.get(p);
      if (!s) continue;
      out.files++;
      out.bytes += s.bytes;
      out.gzipBytes += s.gzipBytes;
    }
    return out;
  };
  const kinds = (prefix: string) => sum([...files.keys()].filter((p) => p.startsWith(prefix)));

  // Each query on a fresh page: everything it fetches.
  const queries = [];
  for (const notes of BENCH_NOTES) {
    const read: string[] = [];
    const match = staticMatcher(async (path) => {
      read.push(path);
      const body = files.get(path);
      if (body === undefined) throw new Error(`no ${path}`);
      return typeof body === 'string' ? new TextEncoder().encode(body) : body;
    });
    const t = performance.now();
    const hits = await match(notes);
    queries.push({
      notes,
      ms: Number((performance.now() - t).toFixed(1)),
      top: hits[0]?.id ?? null,
      loaded: sum(read),
      parts: read.filter((p) => p.startsWith('parts/')).length,
    });
  }
  const perQuery = queries.map((q) => q.loaded.gzipBytes);
  const result = {
    reviews: n,
    chunks: manifest.chunks,
    buildSeconds,
    dimsPerPart: manifest.dimsPerPart,
    parts: manifest.parts,
    firstLoad: sum(['manifest.json']),
    chunkTable: sum(['chunks.bin']),
    postingParts: kinds('parts/'),
    docGroups: kinds('docs/'),
    all: sum(files.keys()),
    query: {
      gzipBytesMean: Math.round(perQuery.reduce((a, b) => a + b, 0) / perQuery.length),
      gzipBytesMax: Math.max(...perQuery),
      partsMean: queries.reduce((a, q) => a + q.parts, 0) / queries.length,
    },
    queries,
  };
  results.push(result);
  console.log(
    `${n} reviews (${manifest.chunks} chunks), built in ${buildSeconds} s: first load ${kib(result.firstLoad.gzipBytes)} gzip; ` +
      `a query loads ${kib(result.query.gzipBytesMean)} gzip on average (max ${kib(result.query.gzipBytesMax)}, ${result.query.partsMean.toFixed(0)} of ${manifest.parts} parts); ` +
      `all ${result.all.files} files ${kib(result.all.gzipBytes)} gzip (${kib(result.all.bytes)} raw): chunk table ${kib(result.chunkTable.gzipBytes)}, parts ${kib(result.postingParts.gzipBytes)}, review groups ${kib(result.docGroups.gzipBytes)}`,
  );
}
const dir = join(PROJECT_ROOT, 'bench-results');
await mkdir(dir, { recursive: true });
const out = join(dir, 'similar-index.json');
await writeFile(out, JSON.stringify({ at: new Date().toISOString(), results }, null, 2) + '\n');
console.log(`→ ${out}`);
