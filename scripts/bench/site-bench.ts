/**
 * The site benchmark's stages: generate N synthetic reviews into a temporary content folder,
 * check them (loadCorpus), build the site (astro build, whose integration runs the same check and
 * then Pagefind), and measure the Pagefind index on disk.
 */
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeSyntheticContent } from './synthetic.ts';
import { loadCorpus } from '../../src/lib/review/load.ts';
import { makeBuildDir, runAstroBuild } from '../../src/lib/site/build-process.ts';
import { directorySize } from '../../src/lib/site/search-index.ts';
import type { BuildReport } from '../../src/lib/site/integration.ts';
import { CasebookError } from '../../src/lib/errors.ts';

export interface SiteBenchResult {
  reviews: number;
  cores: number;
  seconds: {
    /** Writing the synthetic Markdown (not part of the target). */
    generate: number;
    /** `loadCorpus` on the folder, as `casebook check` does. */
    check: number;
    /** `astro build` wall clock, minus the Pagefind stage inside it (includes the build's own content check). */
    build: number;
    /** Pagefind in-process indexing and writing, inside astro build. */
    pagefind: number;
    /** check + build + pagefind: the figure the 60 s target is about. */
    total: number;
  };
  /** HTML pages in the output. */
  pages: number;
  /** Pages rendered per second of the build stage. */
  pagesPerSecond: number;
  /** Pages Pagefind indexed (files it looked at). */
  pagefindPages: number;
  /** Bytes of `<outDir>/pagefind`. */
  pagefindBytes: number;
  /** Bytes of the whole output. */
  siteBytes: number;
}

const since = (t: number) => (performance.now() - t) / 1000;

async function countHtml(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter(
    (e) =>
      e.isFile() && e.name.endsWith('.html') && !e.parentPath.includes(`${join(dir, 'pagefind')}`),
  ).length;
}

/** Runs every stage for `n` reviews; `log` gets one line per stage. Cleans up unless `keep`. */
export async function runSiteBench(
  n: number,
  options: { keep?: boolean; log?: (line: string) => void; cores?: number } = {},
): Promise<SiteBenchResult> {
  const log = options.log ?? (() => {});
  const work = await makeBuildDir(`bench-site-${n}-`);
  const content = join(work, 'content');
  const outDir = join(work, 'dist');
  const reportFile = join(work, 'build-report.json');
  try {
    let t = performance.now();
    await writeSyntheticContent(content, n);
    const generate = since(t);
    log(`generate  ${generate.toFixed(2)} s  (${n} reviews → ${content})`);

    t = performance.now();
    const corpus = await loadCorpus(content, { cwd: work });
    const check = since(t);
    if (corpus.problems.length)
      throw new CasebookError(
        'CONTENT_INVALID',
        `synthetic reviews failed the check:\n${corpus.problems
          .slice(0, 5)
          .map((p) => `${p.path}:${p.line}: ${p.message}`)
          .join('\n')}`,
      );
    log(`check     ${check.toFixed(2)} s  (${corpus.reviews.length} reviews, 0 problems)`);

    t = performance.now();
    await runAstroBuild(outDir, {
      CASEBOOK_CONTENT: content,
      CASEBOOK_CACHE_DIR: join(work, 'astro-cache'),
      CASEBOOK_DB: join(work, 'lancedb'),
      CASEBOOK_BUILD_REPORT: reportFile,
    });
    const buildWall = since(t);
    const report = JSON.parse(await readFile(reportFile, 'utf8')) as BuildReport;
    const pagefind = report.pagefindSeconds;
    const build = buildWall - pagefind;
    const pages = await countHtml(outDir);
    log(
      `build     ${build.toFixed(2)} s  (${pages} pages; astro build wall clock ${buildWall.toFixed(2)} s incl. its own check ${report.checkSeconds.toFixed(2)} s)`,
    );
    const pagefindBytes = await directorySize(join(outDir, 'pagefind'));
    log(
      `pagefind  ${pagefind.toFixed(2)} s  (${report.pagefindPages} pages, index ${(pagefindBytes / 1024 / 1024).toFixed(2)} MiB)`,
    );
    const total = check + build + pagefind;
    return {
      reviews: n,
      cores: options.cores ?? 0,
      seconds: {
        generate: round(generate),
        check: round(check),
        build: round(build),
        pagefind: round(pagefind),
        total: round(total),
      },
      pages,
      pagesPerSecond: round(pages / build, 1),
      pagefindPages: report.pagefindPages,
      pagefindBytes,
      siteBytes: await directorySize(outDir),
    };
  } finally {
    if (!options.keep) await rm(work, { recursive: true, force: true });
    else log(`kept ${work}`);
  }
}

const round = (x: number, digits = 2) => Number(x.toFixed(digits));

/** Writes the result to `<dir>/site-<N>.json`; returns the path. */
export async function writeBenchResult(dir: string, result: SiteBenchResult): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `site-${result.reviews}.json`);
  await writeFile(
    path,
    JSON.stringify({ ...result, at: new Date().toISOString() }, null, 2) + '\n',
  );
  return path;
}
