import { describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BUILD_MODULE,
  buildEmbeds,
  buildModulePlugin,
  startBuildEmbed,
} from '../../../src/lib/site/build-embed.ts';

/** A project whose bin/casebook.mjs is `script`, to stand in for the real CLI. */
async function fakeProject(script: string): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'casebook-build-embed-'));
  await mkdir(join(root, 'bin'));
  await writeFile(join(root, 'bin', 'casebook.mjs'), script);
  return root;
}

const logger = () => {
  const lines: string[] = [];
  return { lines, info: (line: string) => lines.push(line) };
};

describe('the site build runs casebook embed beside Astro', () => {
  it("runs `casebook embed` with the build's arguments, environment and folder, and passes its lines to the build's log", async () => {
    const root = await fakeProject(
      [
        "console.error('embed 3/3 (0.0s)');",
        'console.log(JSON.stringify({ args: process.argv.slice(2), db: process.env.CASEBOOK_DB, cwd: process.cwd() }));',
      ].join('\n'),
    );
    const cwd = await mkdtemp(join(tmpdir(), 'casebook-build-cwd-'));
    const log = logger();
    await startBuildEmbed({
      env: { ...process.env, CASEBOOK_DB: 'db-here' },
      cwd,
      log,
      args: ['--similar-out', '/tmp/x.json'],
      root,
    });
    expect(log.lines[0]).toBe('embed 3/3 (0.0s)');
    const seen = JSON.parse(log.lines[1]!.replace(/^embed: /, '')) as Record<string, unknown>;
    expect(seen).toEqual({
      args: ['embed', '--similar-out', '/tmp/x.json'],
      db: 'db-here',
      cwd: expect.stringContaining('casebook-build-cwd-'),
    });
  });

  it("fails the build with BUILD_FAILED quoting the end of the embed's output when it exits non-zero", async () => {
    const lines = Array.from({ length: 30 }, (_, i) => `console.error('line ${i + 1}');`);
    const root = await fakeProject(
      [...lines, "console.error('--db x is a file, not a folder');", 'process.exit(2);'].join('\n'),
    );
    const log = logger();
    const failed = startBuildEmbed({ env: process.env, cwd: root, log, root });
    await expect(failed).rejects.toMatchObject({
      code: 'BUILD_FAILED',
      message: expect.stringMatching(
        /^casebook embed exited with 2; the site was not built:\nline 12\n[\s\S]*line 30\n--db x is a file, not a folder\nRun `npx casebook embed`/,
      ),
    });
    const message = await failed.catch((error: Error) => error.message);
    expect(message).not.toContain('line 11\n');
    expect(message).toContain('CASEBOOK_BUILD_EMBED=0');
    expect(log.lines).toHaveLength(31);
  });

  it('is on unless CASEBOOK_BUILD_EMBED=0', () => {
    expect(buildEmbeds({})).toBe(true);
    expect(buildEmbeds({ CASEBOOK_BUILD_EMBED: '1' })).toBe(true);
    expect(buildEmbeds({ CASEBOOK_BUILD_EMBED: '0' })).toBe(false);
  });

  it("tells the pages where the embed's similar-incidents file is, or that there is none", () => {
    const plugin = buildModulePlugin('/tmp/build/similar-incidents.json');
    const id = plugin.resolveId(BUILD_MODULE);
    expect(id).toBe(`\0${BUILD_MODULE}`);
    expect(plugin.resolveId('./other.ts')).toBeUndefined();
    expect(plugin.load(id!)).toBe(
      'export const similarFile = "/tmp/build/similar-incidents.json";\nexport const building = true;',
    );
    expect(plugin.load('/src/other.ts')).toBeUndefined();
    const off = buildModulePlugin(null);
    expect(off.load(off.resolveId(BUILD_MODULE)!)).toBe(
      'export const similarFile = null;\nexport const building = false;',
    );
    const reader = buildModulePlugin(null, true);
    expect(reader.load(reader.resolveId(BUILD_MODULE)!)).toBe(
      'export const similarFile = null;\nexport const building = true;',
    );
  });
});
