/**
 * The Casebook Astro integration:
 * - `astro:config:setup` runs the lib's `loadCorpus` on the content folder and fails the build
 *   with the same `path:line: message` lines as `casebook check`;
 * - `astro:build:done` builds the Pagefind index in-process into `<outDir>/pagefind`.
 * With CASEBOOK_BUILD_REPORT=<file>, it writes its timings there as JSON (used by the benchmark).
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { checkContentForBuild } from './content-check.ts';
import { buildSearchIndex } from './search-index.ts';
import { contentDirOf } from '../config.ts';

/** Timings of one build, as written to CASEBOOK_BUILD_REPORT. */
export interface BuildReport {
  /** When the integration's first hook ran (ISO time): what came before is npm and embed. */
  startedAt: string;
  /** Reviews that passed the check. */
  reviews: number;
  checkSeconds: number;
  /** Pages Pagefind indexed. */
  pagefindPages: number;
  pagefindSeconds: number;
  /** The bundle directory. */
  pagefindPath: string;
}

export interface CasebookIntegrationOptions {
  /** Environment to read CASEBOOK_CONTENT / CASEBOOK_BUILD_REPORT from (default process.env). */
  env?: Record<string, string | undefined>;
  /** Working directory paths are reported relative to (default process.cwd()). */
  cwd?: string;
}

export function casebookIntegration(options: CasebookIntegrationOptions = {}): AstroIntegration {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const report: Partial<BuildReport> = {};
  return {
    name: 'casebook',
    hooks: {
      'astro:config:setup': async ({ logger }) => {
        report.startedAt ??= new Date().toISOString();
        const started = performance.now();
        const contentDir = contentDirOf(undefined, { env, cwd });
        // On problems this throws; Astro prints its message: the same `path:line: message` lines as `casebook check`.
        const corpus = await checkContentForBuild(contentDir, cwd, env);
        report.reviews = corpus.reviews.length;
        report.checkSeconds = (performance.now() - started) / 1000;
        logger.info(`checked ${report.reviews} reviews in ${report.checkSeconds.toFixed(2)} s`);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const result = await buildSearchIndex(fileURLToPath(dir));
        logger.info(
          `Pagefind indexed ${result.pages} pages in ${result.seconds.toFixed(2)} s → ${result.outputPath}`,
        );
        Object.assign(report, {
          pagefindPages: result.pages,
          pagefindSeconds: result.seconds,
          pagefindPath: result.outputPath,
        });
        if (env.CASEBOOK_BUILD_REPORT)
          await writeFile(env.CASEBOOK_BUILD_REPORT, JSON.stringify(report, null, 2));
      },
    },
  };
}
