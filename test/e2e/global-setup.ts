/**
 * e2e global setup: finds (or provisions) Chromium and provides its path as
 * `inject('chromiumPath')`; builds the SAMPLE site once (embed + astro build, as `npm run build`
 * does) into a temp outDir, serves it on 127.0.0.1 and provides its URL as `inject('siteUrl')`.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ChromiumMissing, findChromium, systemLookup } from './browser.ts';
import { runAstroBuild, makeBuildDir } from './build-site.ts';
import { serveStatic } from './static-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the served sample site, without trailing slash. */
    siteUrl: string;
    /** The Chromium executable the browser tests launch. */
    chromiumPath: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  project.provide('chromiumPath', await chromiumOrOneLine());
  const work = await makeBuildDir('e2e-');
  const outDir = join(work, 'dist');
  await runAstroBuild(outDir, {
    CASEBOOK_DB: join(work, 'lancedb'),
    CASEBOOK_CACHE_DIR: join(work, 'astro-cache'),
  });
  const server = await serveStatic(outDir);
  project.provide('siteUrl', server.url);
  return async () => {
    await server.close();
    await rm(work, { recursive: true, force: true });
  };
}

/** Chromium's path; when there is none, an error that prints as the one line saying what to run. */
async function chromiumOrOneLine(): Promise<string> {
  try {
    return await findChromium(systemLookup((line) => process.stderr.write(`${line}\n`)));
  } catch (error) {
    if (error instanceof ChromiumMissing) error.stack = error.message;
    throw error;
  }
}
