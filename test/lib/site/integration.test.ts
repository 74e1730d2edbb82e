import { describe, expect, it } from 'vitest';
import { readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { makeBuildDir, runAstroBuild } from '../../../src/lib/site/build-process.ts';
import { casebookIntegration } from '../../../src/lib/site/integration.ts';
import { readSimilarFile } from '../../../src/lib/search/similar.ts';
import { mayHoldIndex } from '../../../src/lib/search/store.ts';
import { REPO_ROOT } from '../../helpers/content.ts';
import { makeDbDir, makeTopicContent, TOPICS } from '../../helpers/search.ts';

describe('the Casebook integration in astro build', () => {
  it('stops the build before Astro loads anything when CASEBOOK_DB names a file, saying so without a stack trace', async () => {
    const work = await makeBuildDir('integration-db-');
    try {
      const db = join(work, 'lancedb');
      await writeFile(db, 'not an index');
      const failed = runAstroBuild(join(work, 'dist'), {
        CASEBOOK_DB: db,
        CASEBOOK_CACHE_DIR: join(work, 'cache'),
      });
      const message = await failed.then(
        () => 'built',
        (error: Error) => error.message,
      );
      expect(message).toContain(`--db ${db} is (or is inside) a file, not a folder`);
      expect(message).not.toMatch(/\n\s+at .*\.(ts|js|mjs):\d+/);
      // Nothing was synced or rendered.
      expect(message).not.toContain('Syncing content');
      expect(await readdir(work)).not.toContain('dist');
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }, 120_000);
});

/** The integration's hooks called as Astro calls them, with a logger and updateConfig that record. */
async function runSetup(command: 'build' | 'dev', env: Record<string, string | undefined>) {
  const integration = casebookIntegration({ env, cwd: REPO_ROOT });
  const lines: string[] = [];
  const logger = { info: (m: string) => lines.push(m), warn: () => {}, error: () => {} };
  const plugins: PluginLike[] = [];
  const setup = integration.hooks['astro:config:setup'] as unknown as (o: unknown) => Promise<void>;
  await setup({
    command,
    logger,
    updateConfig: (c: { vite: { plugins: PluginLike[] } }) => plugins.push(...c.vite.plugins),
  });
  return { lines, plugins };
}

interface PluginLike {
  name: string;
  resolveId?: (id: string) => string | undefined;
  load?: (id: string) => string | undefined;
  buildEnd?: () => Promise<void>;
}

describe('the build runs the embed beside Astro', () => {
  it('holds the end of bundling until the embed has written the index and every similar-incidents list', async () => {
    const contentDir = await makeTopicContent();
    const dbUri = await makeDbDir();
    const { lines, plugins } = await runSetup('build', {
      ...process.env,
      CASEBOOK_CONTENT: contentDir,
      CASEBOOK_DB: dbUri,
      CASEBOOK_REVIEW_CACHE: 'off',
    });
    expect(lines[0]).toMatch(/^checked 4 reviews in /);
    const module = plugins.find((p) => p.name === 'casebook:build-module')!;
    const similarFile = JSON.parse(
      module.load!(module.resolveId!('virtual:casebook/build')!)!.replace(
        /^export const similarFile = (.*);\nexport const building = true;$/,
        '$1',
      ),
    ) as string;
    expect(similarFile).toMatch(/casebook-build-.*similar-incidents\.json$/);
    const gate = plugins.find((p) => p.name === 'casebook:wait-for-embed')!;
    await gate.buildEnd!();
    // Once the gate opens, the index and the file are complete.
    expect(await mayHoldIndex(dbUri)).toBe(true);
    expect([...(await readSimilarFile(similarFile)).keys()].sort()).toEqual(
      Object.keys(TOPICS).sort(),
    );
    expect(lines.some((l) => /^embed done in /.test(l))).toBe(true);
    await rm(dirname(similarFile), { recursive: true, force: true });
  }, 120_000);

  it('leaves the index alone with CASEBOOK_BUILD_EMBED=0 and in astro dev, and the pages compute similar incidents themselves', async () => {
    const contentDir = await makeTopicContent();
    const dbUri = await makeDbDir();
    for (const [command, extra, building] of [
      ['build', { CASEBOOK_BUILD_EMBED: '0' }, true],
      ['dev', {}, false],
    ] as const) {
      const { plugins } = await runSetup(command, {
        ...process.env,
        CASEBOOK_CONTENT: contentDir,
        CASEBOOK_DB: dbUri,
        CASEBOOK_REVIEW_CACHE: 'off',
        ...extra,
      });
      expect(plugins.map((p) => p.name)).toEqual(['casebook:build-module']);
      const module = plugins[0]!;
      expect(module.load!(module.resolveId!('virtual:casebook/build')!)).toBe(
        `export const similarFile = null;\nexport const building = ${building};`,
      );
    }
    expect(await mayHoldIndex(dbUri)).toBe(false);
  });
});
