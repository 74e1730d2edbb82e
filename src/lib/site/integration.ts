/**
 * The Casebook Astro integration:
 * - `astro:config:setup` runs the lib's `loadCorpus` on the content folder and fails the build
 *   with the same `path:line: message` lines as `casebook check`; on `astro build` it then starts
 *   `casebook embed` beside Astro (build-embed.ts) and holds the end of Vite's bundling, before
 *   any page is rendered, until the embed has finished;
 * - `astro:build:done` builds the Pagefind index in-process into `<outDir>/pagefind`.
 * With CASEBOOK_BUILD_REPORT=<file>, it writes its timings there as JSON (used by the benchmark).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { checkContentForBuild } from './content-check.ts';
import { buildSearchIndex } from './search-index.ts';
import { buildEmbeds, buildModulePlugin, startBuildEmbed } from './build-embed.ts';
import { contentDirOf, dbUriOf } from '../config.ts';
import { isCasebookError } from '../errors.ts';
import { assertDbLocation } from '../search/store.ts';

/** Timings of one build, as written to CASEBOOK_BUILD_REPORT. */
export interface BuildReport {
  /** When the integration's first hook ran (ISO time): what came before is npm and embed. */
  startedAt: string;
  /** Reviews that passed the check. */
  reviews: number;
  checkSeconds: number;
  /** Seconds from the start of the embed until the pages could read the index (0 without one). */
  embedSeconds: number;
  /** How long the pages waited for the embed after Vite had bundled them. */
  embedWaitSeconds: number;
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

/**
 * Runs a hook's work; an expected error (a CasebookError: bad content, a wrong --db, a failed
 * embed) reaches Astro without its stack, so Astro prints the message and no stack trace.
 */
async function expected<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isCasebookError(error)) error.stack = '';
    throw error;
  }
}

export function casebookIntegration(options: CasebookIntegrationOptions = {}): AstroIntegration {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const report: Partial<BuildReport> = {};
  /** The build's temporary folder (the similar-incidents file), removed when the build is done. */
  let scratch: string | undefined;
  return {
    name: 'casebook',
    hooks: {
      'astro:config:setup': ({ command, logger, updateConfig }) =>
        expected(async () => {
          report.startedAt ??= new Date().toISOString();
          const started = performance.now();
          const contentDir = contentDirOf(undefined, { env, cwd });
          // On problems this throws; Astro prints its message: the same `path:line: message` lines as `casebook check`.
          const corpus = await checkContentForBuild(contentDir, cwd, env);
          report.reviews = corpus.reviews.length;
          report.checkSeconds = (performance.now() - started) / 1000;
          logger.info(`checked ${report.reviews} reviews in ${report.checkSeconds.toFixed(2)} s`);
          report.embedSeconds = 0;
          report.embedWaitSeconds = 0;
          if (command !== 'build' || !buildEmbeds(env)) {
            updateConfig({ vite: { plugins: [buildModulePlugin(null, command === 'build')] } });
            return;
          }
          // A wrong --db fails now rather than after Astro has bundled everything.
          await assertDbLocation(dbUriOf(undefined, { env, cwd }));
          scratch = await mkdtemp(join(tmpdir(), 'casebook-build-'));
          const similarFile = join(scratch, 'similar-incidents.json');
          const embedStarted = performance.now();
          const embedded = startBuildEmbed({
            env,
            cwd,
            log: logger,
            args: ['--similar-out', similarFile],
          }).then(() => {
            report.embedSeconds = (performance.now() - embedStarted) / 1000;
          });
          // Awaited by the pages' gate below; a failure before the gate is reached is not an
          // unhandled rejection (Astro may stop earlier for its own reasons).
          embedded.catch(() => undefined);
          updateConfig({
            vite: {
              plugins: [
                buildModulePlugin(similarFile),
                {
                  name: 'casebook:wait-for-embed',
                  apply: 'build',
                  // Awaited inside each Vite build Astro runs; pages render after the last one.
                  buildEnd: () =>
                    expected(async () => {
                      const waitStarted = performance.now();
                      await embedded;
                      report.embedWaitSeconds =
                        (report.embedWaitSeconds ?? 0) + (performance.now() - waitStarted) / 1000;
                    }),
                },
              ],
            },
          });
        }),
      'astro:build:done': async ({ dir, logger }) => {
        if (scratch) await rm(scratch, { recursive: true, force: true });
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
