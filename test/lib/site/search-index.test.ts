import { describe, expect, it } from 'vitest';
import {
  buildSearchIndex,
  directorySize,
  type PagefindApi,
} from '../../../src/lib/site/search-index.ts';
import { mkdtemp, mkdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A Pagefind stand-in whose steps return the given errors, recording calls. */
function fakePagefind(
  errors: { create?: string[]; add?: string[]; write?: string[] } = {},
  pageCount = 3,
) {
  const calls: string[] = [];
  const api = {
    createIndex: async () => {
      calls.push('createIndex');
      return {
        errors: errors.create ?? [],
        index: {
          addDirectory: async ({ path }: { path: string }) => (
            calls.push(`addDirectory ${path}`),
            { errors: errors.add ?? [], page_count: pageCount }
          ),
          writeFiles: async ({ outputPath }: { outputPath: string }) => (
            calls.push(`writeFiles ${outputPath}`),
            { errors: errors.write ?? [], outputPath }
          ),
        },
      };
    },
    close: async () => (calls.push('close'), null),
  } as unknown as PagefindApi;
  return { api, calls };
}

describe('buildSearchIndex', () => {
  it('indexes the output folder, writes the bundle to <outDir>/pagefind and closes Pagefind', async () => {
    const { api, calls } = fakePagefind();
    const result = await buildSearchIndex('/site/dist', api);
    expect(result.pages).toBe(3);
    expect(calls).toEqual([
      'createIndex',
      'addDirectory /site/dist',
      'writeFiles /site/dist/pagefind',
      'close',
    ]);
  });

  for (const step of ['create', 'add', 'write'] as const) {
    it(`throws with Pagefind's messages when the ${step} step reports errors, and still closes`, async () => {
      const { api, calls } = fakePagefind({ [step]: [`boom in ${step}`] });
      await expect(buildSearchIndex('/site/dist', api)).rejects.toThrow(`boom in ${step}`);
      expect(calls.at(-1)).toBe('close');
    });
  }

  it('fails when no page was indexed', async () => {
    const { api } = fakePagefind({}, 0);
    await expect(buildSearchIndex('/site/dist', api)).rejects.toThrow(/no pages/);
  });

  it('indexes real HTML with the real Pagefind and writes its UI bundle', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'casebook-pagefind-'));
    await mkdir(join(dir, 'a'));
    await writeFile(
      join(dir, 'a', 'index.html'),
      '<!doctype html><html lang="en"><body><article data-pagefind-body><h1>pgbouncer pool</h1><p>cl_waiting rose</p></article></body></html>',
    );
    const result = await buildSearchIndex(dir);
    expect(result.pages).toBe(1);
    expect(await directorySize(join(dir, 'pagefind'))).toBeGreaterThan(1000);
    expect((await stat(join(dir, 'pagefind', 'pagefind-ui.js'))).isFile()).toBe(true);
    expect((await stat(join(dir, 'pagefind', 'pagefind-ui.css'))).isFile()).toBe(true);
  });
});
