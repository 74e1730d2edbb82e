import { describe, expect, it } from 'vitest';
import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeBuildDir, runAstroBuild } from '../../../src/lib/site/build-process.ts';

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
