/**
 * `npm run bench:stats [-- --sizes 10000]`: the stats page's build-time work for N synthetic
 * reviews (parsed in memory): `corpusStats` plus the SVG chart and table of every chart the page
 * draws. Wall and CPU milliseconds, best and median of 5 runs (the machine may be shared: CPU
 * time is the steadier figure). Target: under 2 s at 10,000 reviews.
 * Writes bench-results/stats.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { syntheticReviews } from './synthetic.ts';
import { corpusStats, type Count } from '../../src/lib/stats/metrics.ts';
import { barChart, chartTable, type Bar } from '../../src/lib/stats/charts.ts';
import { PROJECT_ROOT } from '../../src/lib/site/build-process.ts';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '10000' } } });
const sizes = (values.sizes ?? '').split(',').map(Number);
if (sizes.some((n) => !Number.isInteger(n) || n < 1)) {
  console.error(
    `--sizes must be positive whole numbers separated by commas, got "${values.sizes}".`,
  );
  process.exit(2);
}

const RUNS = 5;
const NOW = new Date('2026-12-02T00:00:00Z');

/** What the stats page computes: the statistics and every chart (SVG + table). Returns HTML bytes. */
function statsPageWork(reviews: Parameters<typeof corpusStats>[0]): number {
  const stats = corpusStats(reviews, { now: NOW });
  const bars = (counts: Count[]): Bar[] => counts.map((c) => ({ label: c.label, value: c.count }));
  const trend = (pick: 'timeToDetect' | 'timeToMitigate' | 'timeToResolve'): Bar[] =>
    stats.trend.points.map((p) => ({ label: p.period, value: p[pick].ms ?? 0 }));
  const charts: [string, Bar[]][] = [
    ['per-month', bars(stats.perMonth)],
    ['per-year', bars(stats.perYear)],
    ['per-severity', bars(stats.perSeverity)],
    ['per-service', bars(stats.perService)],
    ['per-failure-mode', bars(stats.perFailureMode)],
    ['trend-detect', trend('timeToDetect')],
    ['trend-mitigate', trend('timeToMitigate')],
    ['trend-resolve', trend('timeToResolve')],
    ['open-by-owner', bars(stats.openActions.byOwner)],
  ];
  let bytes = 0;
  for (const [id, list] of charts)
    bytes +=
      barChart({ id, title: id, bars: list }).length +
      chartTable(list, { caption: id, labelHeader: 'Label', valueHeader: 'Value' }).length;
  return bytes;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const results = [];
for (const n of sizes) {
  const reviews = syntheticReviews(n);
  const wall: number[] = [];
  const cpu: number[] = [];
  let bytes = 0;
  for (let run = 0; run < RUNS; run++) {
    const t = performance.now();
    const c = process.cpuUsage();
    bytes = statsPageWork(reviews);
    const used = process.cpuUsage(c);
    wall.push(performance.now() - t);
    cpu.push((used.user + used.system) / 1000);
  }
  const stats = corpusStats(reviews, { now: NOW });
  const result = {
    reviews: n,
    wallMs: { best: Math.round(Math.min(...wall)), median: Math.round(median(wall)) },
    cpuMs: { best: Math.round(Math.min(...cpu)), median: Math.round(median(cpu)) },
    chartBytes: bytes,
    overdueRows: stats.openActions.overdue.length,
  };
  results.push(result);
  console.log(
    `${n} reviews: stats page data + charts ${result.wallMs.median} ms wall (best ${result.wallMs.best}), ${result.cpuMs.median} ms CPU (best ${result.cpuMs.best}); ${bytes} bytes of charts, ${result.overdueRows} overdue rows`,
  );
}
const dir = join(PROJECT_ROOT, 'bench-results');
await mkdir(dir, { recursive: true });
const out = join(dir, 'stats.json');
await writeFile(out, JSON.stringify({ at: new Date().toISOString(), results }, null, 2) + '\n');
console.log(`→ ${out}`);
