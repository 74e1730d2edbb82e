/**
 * e2e global setup: builds the SAMPLE site once (embed + astro build, as `npm run build` does) into
 * a temp outDir, serves it on 127.0.0.1 and provides its URL as `inject('siteUrl')`.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildSite, makeBuildDir } from './build-site.ts';
import { serveStatic } from './static-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the served sample site, without trailing slash. */
    siteUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const work = await makeBuildDir('e2e-');
  const outDir = join(work, 'dist');
  await buildSite(outDir, {
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
