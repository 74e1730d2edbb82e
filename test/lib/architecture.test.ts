/**
 * The layering rules of docs/architecture.md, checked on the source: lower layers never import
 * higher ones, `cli/` is imported only by commands/, mcp/ and itself, and no runtime import
 * cycle exists. Imports are read from each module's text (static, `export … from`, dynamic).
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const LIB = fileURLToPath(new URL('../../src/lib/', import.meta.url));

/** Layer of a module by its first path segment under src/lib (docs/architecture.md, "Layers"). */
const LAYERS: Record<string, number> = {
  'errors.ts': 0,
  'files.ts': 0,
  'progress.ts': 0,
  'config.ts': 0,
  util: 0,
  markdown: 1,
  facts: 1,
  classify: 1,
  redact: 1,
  review: 2,
  search: 3,
  draft: 3,
  import: 3,
  stats: 3,
  export: 3,
  cli: 4,
  commands: 4,
  mcp: 4,
  site: 4,
};

interface Edge {
  from: string;
  to: string;
  typeOnly: boolean;
}

const IMPORT =
  /\b(import\s+type\b|import|export)\b[^'";]*?\bfrom\s*'(\.{1,2}\/[^']+)'|\bimport\s*\(\s*'(\.{1,2}\/[^']+)'\s*\)|^import\s+'(\.{1,2}\/[^']+)'/gm;

function modules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? modules(join(dir, e.name))
      : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

function edges(): Edge[] {
  return modules(LIB).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(IMPORT)].map((m) => ({
      from: relative(LIB, file),
      to: relative(LIB, resolve(dirname(file), (m[2] ?? m[3] ?? m[4]) as string)),
      typeOnly: m[1] === 'import type' || /^import\s*\{(\s*type\s+\w+\s*,?)+\}/.test(m[0]),
    })),
  );
}

/**
 * Leaf modules placed by what they are, not by their folder: the review schema (zod only) is the
 * document type every layer shares, and the tokenizer (no imports, browser-safe) is the one
 * word splitter the classifiers and the search both use.
 */
const LEAVES: Record<string, number> = { 'review/schema.ts': 1, 'search/tokenize.ts': 1 };

const layerOf = (path: string): number | undefined =>
  LEAVES[path] ?? LAYERS[path.split('/')[0] as string];

describe('the layering of src/lib', () => {
  const all = edges().filter((e) => !e.to.startsWith('..'));

  it('reads the imports of every module (a sanity check of the reader itself)', () => {
    expect(all.length).toBeGreaterThan(300);
    expect(all).toContainEqual({
      from: 'review/parse.ts',
      to: 'review/frontmatter.ts',
      typeOnly: false,
    });
  });

  it('puts every module in a layer of the architecture map', () => {
    const unplaced = [...new Set(all.flatMap((e) => [e.from, e.to]))].filter(
      (p) => layerOf(p) === undefined,
    );
    expect(unplaced).toEqual([]);
  });

  it('never has a lower layer import a higher one at run time (type-only imports of review/ types excepted)', () => {
    const upward = all
      .filter((e) => !(e.typeOnly && e.to.startsWith('review/')))
      .filter((e) => (layerOf(e.from) ?? 0) < (layerOf(e.to) ?? 0))
      .map((e) => `${e.from} → ${e.to}`);
    expect(upward).toEqual([]);
  });

  it('has cli/ imported only by commands/, mcp/ and cli/ itself', () => {
    const reaching = all
      .filter((e) => e.to.startsWith('cli/') && !/^(cli|commands|mcp)\//.test(e.from))
      .map((e) => `${e.from} → ${e.to}`);
    expect(reaching).toEqual([]);
  });

  it('has no import cycle among runtime imports', () => {
    const graph = new Map<string, string[]>();
    for (const e of all.filter((x) => !x.typeOnly))
      graph.set(e.from, [...(graph.get(e.from) ?? []), e.to]);
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (node: string, path: string[]) => {
      if (state.get(node) === 'done') return;
      if (state.get(node) === 'open') {
        cycles.push([...path.slice(path.indexOf(node)), node].join(' → '));
        return;
      }
      state.set(node, 'open');
      for (const next of graph.get(node) ?? []) visit(next, [...path, node]);
      state.set(node, 'done');
    };
    for (const node of graph.keys()) visit(node, []);
    expect(cycles).toEqual([]);
  });
});
