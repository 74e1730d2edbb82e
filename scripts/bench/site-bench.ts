/**
 * The site benchmark: N synthetic reviews built twice from a clean state in one run,
 * - Casebook: `npm run build` in the project, as a user runs it (astro build: the content check,
 *   the embed and similar-incidents pass beside Astro, the pages, Pagefind), into a fresh index,
 *   Astro cache and outDir;
 * - the floor: `npm run build` of scripts/bench/floor/, a bare Astro 5 site (one page per
 *   review, an index page) plus the Pagefind CLI, using the project's installed astro and pagefind;
 * with wall time, peak memory of the whole process tree (sampled from /proc), Pagefind index
 * size, and the sizes that matter at scale (home page, find-similar index, stats page time).
 */
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { cp, mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { writeSyntheticContent } from './synthetic.ts';
import { makeBuildDir, PROJECT_ROOT } from '../../src/lib/site/build-process.ts';
import { directorySize } from '../../src/lib/site/search-index.ts';
import type { BuildReport } from '../../src/lib/site/integration.ts';
import { CasebookError } from '../../src/lib/errors.ts';

/** The bare Astro + Pagefind project the benchmark compares against. */
export const FLOOR_PROJECT = fileURLToPath(new URL('./floor/', import.meta.url));

/** One measured `npm run build`. */
export interface BuildRun {
  /** Wall-clock seconds of `npm run build`. */
  seconds: number;
  /** Peak of the summed resident memory of npm and every process under it (sampled). */
  peakRssBytes: number;
  /**
   * CPU seconds (user + system) of npm and every process under it. Less sensitive than wall
   * time to other work on the machine; 0 where /proc is not available.
   */
  cpuSeconds: number;
  /** HTML pages in the output (Pagefind's own files left out). */
  pages: number;
  /** Bytes of `<outDir>/pagefind`. */
  pagefindBytes: number;
  /** Bytes of the whole output. */
  siteBytes: number;
  /** Bytes of the home page (`index.html`). */
  homeBytes: number;
}

/** Where Casebook's build spends its time (from its build report and Astro's page log). */
export interface CasebookStages {
  /** npm and Astro starting: from spawn until the Astro integration starts. */
  beforeAstro: number;
  /** The integration's content check. */
  check: number;
  /** The embed and similar-incidents pass running beside Astro, from its start to its end. */
  embed: number;
  /** How long Astro waited for it before rendering the pages (0: it was off the critical path). */
  embedWait: number;
  /** Pagefind inside astro build. */
  pagefind: number;
  /** Build time of single routes, from Astro's log (`/stats/index.html` ...), in seconds. */
  routes: Record<string, number>;
  /** Sum of the review pages' build times. */
  reviewPages: number;
}

export interface SiteBenchResult {
  reviews: number;
  cores: number;
  /** 1-minute load average when the run started and ended (other work on the machine). */
  loadAverage: { start: number; end: number };
  /** Writing the synthetic Markdown (not part of either build). */
  generateSeconds: number;
  casebook: BuildRun & { stages: CasebookStages };
  floor: BuildRun;
  /** Casebook's build time divided by the floor's. */
  ratio: number;
  /** Casebook's CPU seconds divided by the floor's (0 when CPU time was not measured). */
  cpuRatio: number;
  /** The find-similar page's static index, raw and gzip-compressed bytes (0 when absent). */
  similarIndex: { bytes: number; gzipBytes: number; files: number };
}

/** Routes whose build time the benchmark reports. */
export const WATCHED_ROUTES = ['/index.html', '/stats/index.html', '/similar-index/manifest.json'];

const PAGE_SIZE = 4096;

/**
 * The fields of a /proc/<pid>/stat line after "(comm)" (which may hold spaces): state, ppid, …;
 * field N of proc(5) is at index N - 3.
 */
const statFields = (text: string): string[] => text.slice(text.lastIndexOf(')') + 2).split(' ');

/** Summed resident memory (bytes) of `root` and all its descendants, from /proc. 0 when unreadable. */
export function treeRss(root: number, proc = '/proc'): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  let names: string[];
  try {
    names = readdirSync(proc);
  } catch {
    return 0;
  }
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    let text: string;
    try {
      text = readFileSync(join(proc, name, 'stat'), 'utf8');
    } catch {
      continue; // the process ended meanwhile
    }
    // rss is field 24, i.e. index 21 after the comm.
    const fields = statFields(text);
    const pid = Number(name);
    const ppid = Number(fields[1]);
    rss.set(pid, Number(fields[21]) * PAGE_SIZE);
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  let total = 0;
  const stack = [root];
  const seen = new Set<number>();
  while (stack.length) {
    const pid = stack.pop() as number;
    if (seen.has(pid)) continue;
    seen.add(pid);
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/**
 * Build times of routes from Astro's build log: lines like `├─ /stats/index.html (+118ms)` or
 * `└─ /index.html (+2.50s)`. Returns route → seconds.
 */
export function routeTimes(log: string): Map<string, number> {
  const times = new Map<string, number>();
  for (const match of log.matchAll(/[├└]─ (\/\S*) \(\+([\d.]+)(ms|s)\)/g)) {
    const [, route, value, unit] = match;
    times.set(route as string, Number(value) / (unit === 'ms' ? 1000 : 1));
  }
  return times;
}

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const USER_HZ = 100;

/**
 * CPU seconds of this process's waited-for children and their descendants (cutime + cstime in
 * /proc/self/stat), or null where /proc is not readable. The difference around one command is
 * that command's whole process tree.
 */
export function childrenCpuSeconds(proc = '/proc'): number | null {
  try {
    const fields = statFields(readFileSync(join(proc, 'self', 'stat'), 'utf8'));
    return (Number(fields[13]) + Number(fields[14])) / USER_HZ;
  } catch {
    return null;
  }
}

/** Runs a command, sampling the process tree's memory; rejects with its output on failure. */
export function runMeasured(
  cmd: string,
  args: string[],
  options: { cwd: string; env: Record<string, string>; sampleMs?: number },
): Promise<{ seconds: number; peakRssBytes: number; cpuSeconds: number; output: string }> {
  return new Promise((ok, fail) => {
    const started = performance.now();
    const cpuBefore = childrenCpuSeconds();
    const child = spawn(cmd, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let peak = 0;
    const sample = () => {
      if (child.pid) peak = Math.max(peak, treeRss(child.pid));
    };
    const timer = setInterval(sample, options.sampleMs ?? 200);
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (error) => {
      clearInterval(timer);
      fail(error);
    });
    child.on('close', (code) => {
      clearInterval(timer);
      const seconds = (performance.now() - started) / 1000;
      const cpuAfter = childrenCpuSeconds();
      const cpuSeconds = cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : 0;
      if (code === 0) ok({ seconds, peakRssBytes: peak, cpuSeconds, output });
      else
        fail(
          new CasebookError(
            'BUILD_FAILED',
            `${cmd} ${args.join(' ')} (in ${options.cwd}) exited with ${code}:\n${output.slice(-4000)}`,
          ),
        );
    });
  });
}

async function countHtml(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const pagefind = join(dir, 'pagefind');
  return entries.filter(
    (e) => e.isFile() && e.name.endsWith('.html') && !e.parentPath.startsWith(pagefind),
  ).length;
}

const sizeOf = (path: string) =>
  stat(path).then(
    (s) => s.size,
    () => 0,
  );

async function measureOutput(
  outDir: string,
): Promise<Omit<BuildRun, 'seconds' | 'peakRssBytes' | 'cpuSeconds'>> {
  return {
    pages: await countHtml(outDir),
    pagefindBytes: await directorySize(join(outDir, 'pagefind')),
    siteBytes: await directorySize(outDir),
    homeBytes: await sizeOf(join(outDir, 'index.html')),
  };
}

/** The find-similar page's static index: `similar-index.json` or `similar-index/**` parts. */
export async function similarIndexSize(
  outDir: string,
): Promise<{ bytes: number; gzipBytes: number; files: number }> {
  const files: string[] = [];
  if (await sizeOf(join(outDir, 'similar-index.json'))) files.push('similar-index.json');
  const partsDir = join(outDir, 'similar-index');
  const parts = await readdir(partsDir, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const e of parts)
    if (e.isFile()) files.push(join(e.parentPath, e.name).slice(outDir.length + 1));
  let bytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const data = await readFile(join(outDir, file));
    bytes += data.length;
    gzipBytes += gzipSync(data).length;
  }
  return { bytes, gzipBytes, files: files.length };
}

const round = (x: number, digits = 2) => Number(x.toFixed(digits));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Builds the floor site of `contentDir` in `<work>/floor`; a copy of scripts/bench/floor/. */
export async function buildFloor(work: string, contentDir: string): Promise<BuildRun> {
  const root = join(work, 'floor');
  await cp(FLOOR_PROJECT, root, {
    recursive: true,
    filter: (src) => !/[\\/](dist|\.astro|node_modules)$/.test(src),
  });
  const run = await runMeasured(npm, ['run', 'build'], {
    cwd: root,
    env: { FLOOR_CONTENT: contentDir },
  });
  return {
    seconds: round(run.seconds),
    peakRssBytes: run.peakRssBytes,
    cpuSeconds: round(run.cpuSeconds),
    ...(await measureOutput(join(root, 'dist'))),
  };
}

/** Runs Casebook's `npm run build` on `contentDir` into `<work>/dist`, with a fresh index and caches. */
export async function buildCasebook(
  work: string,
  contentDir: string,
): Promise<BuildRun & { stages: CasebookStages }> {
  const outDir = join(work, 'dist');
  const reportFile = join(work, 'build-report.json');
  const started = Date.now();
  const run = await runMeasured(npm, ['run', 'build', '--', '--outDir', outDir], {
    cwd: PROJECT_ROOT,
    env: {
      CASEBOOK_CONTENT: contentDir,
      CASEBOOK_DB: join(work, 'lancedb'),
      CASEBOOK_CACHE_DIR: join(work, 'astro-cache'),
      CASEBOOK_BUILD_REPORT: reportFile,
      CASEBOOK_REVIEW_CACHE: join(work, 'review-cache.bin'),
    },
  });
  const report = JSON.parse(await readFile(reportFile, 'utf8')) as BuildReport;
  const routes = routeTimes(run.output);
  let reviewPages = 0;
  for (const [route, seconds] of routes)
    if (/^\/reviews\/[^/]+\/index\.html$/.test(route)) reviewPages += seconds;
  return {
    seconds: round(run.seconds),
    peakRssBytes: run.peakRssBytes,
    cpuSeconds: round(run.cpuSeconds),
    ...(await measureOutput(outDir)),
    stages: {
      beforeAstro: round(
        report.startedAt ? (new Date(report.startedAt).getTime() - started) / 1000 : 0,
      ),
      check: round(report.checkSeconds),
      embed: round(report.embedSeconds),
      embedWait: round(report.embedWaitSeconds),
      pagefind: round(report.pagefindSeconds),
      routes: Object.fromEntries(
        WATCHED_ROUTES.filter((r) => routes.has(r)).map((r) => [r, round(routes.get(r) ?? 0, 3)]),
      ),
      reviewPages: round(reviewPages),
    },
  };
}

/** Runs both builds on `n` synthetic reviews; `log` gets one line per stage. Cleans up unless `keep`. */
export async function runSiteBench(
  n: number,
  options: {
    keep?: boolean;
    log?: (line: string) => void;
    cores?: number;
    /** Called with what is measured so far after each build (long runs keep their first half). */
    partial?: (result: Partial<SiteBenchResult> & { reviews: number }) => Promise<unknown>;
  } = {},
): Promise<SiteBenchResult> {
  const log = options.log ?? (() => {});
  const loadStart = loadavg()[0] ?? 0;
  const work = await makeBuildDir(`bench-site-${n}-`);
  const content = join(work, 'content');
  try {
    const t = performance.now();
    await writeSyntheticContent(content, n);
    const generateSeconds = round((performance.now() - t) / 1000);
    log(`generate  ${generateSeconds.toFixed(2)} s  (${n} reviews → ${content})`);

    const floor = await buildFloor(work, content);
    log(`floor     ${floor.seconds.toFixed(2)} s  ${describeRun(floor)}`);
    await options.partial?.({ reviews: n, cores: options.cores ?? 0, generateSeconds, floor });
    const casebook = await buildCasebook(work, content);
    log(`casebook  ${casebook.seconds.toFixed(2)} s  ${describeRun(casebook)}`);
    const s = casebook.stages;
    log(
      `          before astro (npm) ${s.beforeAstro.toFixed(2)} s, check ${s.check.toFixed(2)} s, embed beside astro ${s.embed.toFixed(2)} s (pages waited ${s.embedWait.toFixed(2)} s), pagefind ${s.pagefind.toFixed(2)} s, review pages ${s.reviewPages.toFixed(2)} s`,
    );
    log(
      `          routes: ${Object.entries(s.routes)
        .map(([r, sec]) => `${r} ${sec.toFixed(2)} s`)
        .join(', ')}`,
    );
    const similarIndex = await similarIndexSize(join(work, 'dist'));
    log(
      `similar   static index ${mib(similarIndex.bytes)} raw, ${mib(similarIndex.gzipBytes)} gzip in ${similarIndex.files} file(s)`,
    );
    return {
      reviews: n,
      cores: options.cores ?? 0,
      loadAverage: { start: round(loadStart), end: round(loadavg()[0] ?? 0) },
      generateSeconds,
      casebook,
      floor,
      ratio: round(casebook.seconds / floor.seconds),
      cpuRatio: floor.cpuSeconds > 0 ? round(casebook.cpuSeconds / floor.cpuSeconds) : 0,
      similarIndex,
    };
  } finally {
    if (!options.keep) await rm(work, { recursive: true, force: true });
    else log(`kept ${work}`);
  }
}

export const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;

const describeRun = (run: BuildRun): string =>
  `(${run.cpuSeconds.toFixed(1)} s CPU, ${run.pages} pages, peak memory ${mib(run.peakRssBytes)}, Pagefind ${mib(run.pagefindBytes)}, home page ${mib(run.homeBytes)})`;

/**
 * Writes the result to `<dir>/site-<N>.json`; returns the path. A partial result (only the
 * floor so far) is marked `"complete": false`.
 */
export async function writeBenchResult(
  dir: string,
  result: SiteBenchResult | (Partial<SiteBenchResult> & { reviews: number }),
): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `site-${result.reviews}.json`);
  const complete = 'ratio' in result && result.ratio !== undefined;
  await writeFile(
    path,
    JSON.stringify({ ...result, complete, at: new Date().toISOString() }, null, 2) + '\n',
  );
  return path;
}
