import { describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  buildFloor,
  childrenCpuSeconds,
  FLOOR_PROJECT,
  routeTimes,
  runMeasured,
  similarIndexSize,
  treeRss,
  writeBenchResult,
  type SiteBenchResult,
} from '../../../scripts/bench/site-bench.ts';
import { writeSyntheticContent, generateReviewMarkdown } from '../../../scripts/bench/synthetic.ts';
import { makeBuildDir } from '../../../src/lib/site/build-process.ts';

/** A /proc entry's stat line with the given parent and resident pages. */
const statLine = (pid: number, comm: string, ppid: number, rssPages: number) =>
  `${pid} (${comm}) S ${ppid} ${pid} ${pid} 0 -1 4194304 100 0 0 0 1 2 0 0 20 0 1 0 100 1000000 ${rssPages} 18446744073709551615\n`;

async function fakeProc(processes: [number, string, number, number][]): Promise<string> {
  const proc = await mkdtemp(join(tmpdir(), 'casebook-fake-proc-'));
  for (const [pid, comm, ppid, pages] of processes) {
    await mkdir(join(proc, String(pid)));
    await writeFile(join(proc, String(pid), 'stat'), statLine(pid, comm, ppid, pages));
  }
  await mkdir(join(proc, 'self'));
  return proc;
}

describe('the site benchmark', () => {
  it('sums the resident memory of a process and all its descendants, not its siblings', async () => {
    const proc = await fakeProc([
      [10, 'npm run build', 1, 100],
      [11, 'sh', 10, 10],
      [12, 'node (astro) x', 11, 1000],
      [13, 'esbuild', 12, 50],
      [20, 'other', 1, 7000],
    ]);
    expect(treeRss(10, proc)).toBe((100 + 10 + 1000 + 50) * 4096);
    expect(treeRss(12, proc)).toBe((1000 + 50) * 4096);
    expect(treeRss(99, proc)).toBe(0);
    expect(treeRss(10, join(proc, 'missing'))).toBe(0);
  });

  it("reads route build times from Astro's log, in seconds", () => {
    const log = [
      '05:58:15 ▶ src/pages/index.astro',
      '05:58:15   └─ /index.html (+2.50s) ',
      '05:58:23   ├─ /reviews/2023-01-01-a/index.html (+12ms) ',
      '05:58:33   └─ /stats/index.html (+118ms) ',
      '05:58:25   └─ /similar-index.json (+8.01s) ',
      '05:58:12 [vite] ✓ built in 305ms',
    ].join('\n');
    expect([...routeTimes(log)]).toEqual([
      ['/index.html', 2.5],
      ['/reviews/2023-01-01-a/index.html', 0.012],
      ['/stats/index.html', 0.118],
      ['/similar-index.json', 8.01],
    ]);
  });

  it('measures the find-similar index whether it is one file or parts', async () => {
    const out = await mkdtemp(join(tmpdir(), 'casebook-similar-size-'));
    expect(await similarIndexSize(out)).toEqual({ bytes: 0, gzipBytes: 0, files: 0 });
    const one = Buffer.from('{"chunks":[' + '1,'.repeat(500) + '1]}');
    await writeFile(join(out, 'similar-index.json'), one);
    await mkdir(join(out, 'similar-index'));
    const part = Buffer.from('{"part":2}');
    await writeFile(join(out, 'similar-index', 'part-2.json'), part);
    expect(await similarIndexSize(out)).toEqual({
      bytes: one.length + part.length,
      gzipBytes: gzipSync(one).length + gzipSync(part).length,
      files: 2,
    });
  });

  it('runs a command with its peak memory, and names the command and its output when it fails', async () => {
    const ok = await runMeasured(
      process.execPath,
      [
        '-e',
        'const a = Buffer.alloc(64 * 1024 * 1024, 1); setTimeout(() => console.log(a[0]), 600)',
      ],
      { cwd: tmpdir(), env: {}, sampleMs: 50 },
    );
    expect(ok.output.trim()).toBe('1');
    expect(ok.peakRssBytes).toBeGreaterThan(64 * 1024 * 1024);
    // A child that spins until it has used 0.4 s of CPU: its CPU time is counted, not its wall time.
    const busy = await runMeasured(
      process.execPath,
      ['-e', 'while (process.cpuUsage().user < 400000) {}'],
      { cwd: tmpdir(), env: {} },
    );
    expect(busy.cpuSeconds).toBeGreaterThan(0.35);
    const failed = await runMeasured(
      process.execPath,
      ['-e', 'console.error("no such page"); process.exit(3)'],
      { cwd: tmpdir(), env: {} },
    ).then(
      () => null,
      (e: Error) => e,
    );
    expect(failed).toMatchObject({ code: 'BUILD_FAILED' });
    expect(failed?.message).toContain('exited with 3');
    expect(failed?.message).toContain('no such page');
  });

  it("reads the CPU time of finished children from /proc/self/stat's cutime and cstime", async () => {
    const proc = await mkdtemp(join(tmpdir(), 'casebook-proc-'));
    await mkdir(join(proc, 'self'));
    // pid (comm with a space) state ppid ... utime stime cutime cstime (fields 14-17)
    await writeFile(
      join(proc, 'self', 'stat'),
      '4242 (node worker) S 1 4242 4242 0 -1 4194304 100 0 0 0 50 7 1234 566 20 0 11 0 1 0 0\n',
    );
    expect(childrenCpuSeconds(proc)).toBe(18);
    expect(childrenCpuSeconds(join(proc, 'missing'))).toBeNull();
  });

  it('writes the result as JSON under bench-results/site-<N>.json, marking a partial one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'casebook-bench-results-'));
    const run = {
      seconds: 10,
      peakRssBytes: 1,
      cpuSeconds: 12,
      pages: 3,
      pagefindBytes: 2,
      siteBytes: 5,
      homeBytes: 1,
    };
    const result: SiteBenchResult = {
      reviews: 3,
      cores: 2,
      loadAverage: { start: 1, end: 2 },
      generateSeconds: 0.1,
      casebook: {
        ...run,
        seconds: 15,
        stages: {
          beforeAstro: 4,
          check: 1,
          embed: 6,
          embedWait: 0.5,
          pagefind: 2,
          routes: {},
          reviewPages: 1,
        },
      },
      floor: run,
      ratio: 1.5,
      cpuRatio: 1.25,
      similarIndex: { bytes: 0, gzipBytes: 0, files: 0 },
    };
    const path = await writeBenchResult(dir, result);
    expect(path).toBe(join(dir, 'site-3.json'));
    const written = JSON.parse(await readFile(path, 'utf8')) as SiteBenchResult & { at: string };
    expect(written.ratio).toBe(1.5);
    expect(written.casebook.seconds).toBe(15);
    expect(written.at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(written).toMatchObject({ complete: true });
    await writeBenchResult(dir, { reviews: 3, floor: run });
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({
      reviews: 3,
      complete: false,
      floor: { seconds: 10 },
    });
  });

  it('builds the floor: a bare Astro site with one page per review, an index page and Pagefind', async () => {
    expect((await readdir(FLOOR_PROJECT)).sort()).toEqual(
      expect.arrayContaining(['astro.config.mjs', 'package.json', 'src']),
    );
    const work = await makeBuildDir('test-floor-');
    try {
      await writeSyntheticContent(join(work, 'content'), 3);
      const run = await buildFloor(work, join(work, 'content'));
      expect(run.pages).toBe(4);
      expect(run.pagefindBytes).toBeGreaterThan(0);
      expect(run.peakRssBytes).toBeGreaterThan(0);
      const { id } = generateReviewMarkdown(2);
      const page = await readFile(join(work, 'floor', 'dist', 'reviews', id, 'index.html'), 'utf8');
      expect(page).toContain('data-pagefind-body');
      expect(page).toContain('Detailed mechanism');
      const home = await readFile(join(work, 'floor', 'dist', 'index.html'), 'utf8');
      expect(home).toContain(`/reviews/${id}/`);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }, 300_000);
});
