import { execFileSync } from 'node:child_process';
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus, MAX_REVIEW_BYTES } from '../../../src/lib/review/load.ts';
import { loadTaxonomy } from '../../../src/lib/review/taxonomy.ts';
import { unsafeNameReason } from '../../../src/lib/review/schema.ts';
import { makeContent, reviewMarkdown } from '../../helpers/content.ts';

const ID = '2025-06-02-ledger-db-wal-archive-disk-full';
const ALIAS_BOMB = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
].join('\n');

interface BadContent {
  entry: string;
  files: Record<string, string>;
  /** Extra setup in the content folder (symlinks). */
  setup?: (dir: string) => Promise<void>;
  path: string;
  line: number;
  code: string;
  message: string;
}

// One row per "content that breaks the build" entry of issue 13, plus their general cases.
const CASES: BadContent[] = [
  {
    entry: 'a service named ".." (would overwrite the home page)',
    files: { [`${ID}.md`]: reviewMarkdown({ frontMatter: { services: '[".."]' } }) },
    path: `reviews/${ID}.md`,
    line: 6,
    code: 'schema',
    message: 'service name ".." starts with a dot',
  },
  {
    entry: 'a service name with a slash',
    files: { [`${ID}.md`]: reviewMarkdown({ frontMatter: { services: '["payments/api"]' } }) },
    path: `reviews/${ID}.md`,
    line: 6,
    code: 'schema',
    message: 'service name "payments/api" contains a slash',
  },
  {
    entry: 'a service name with HTML in it',
    files: {
      [`${ID}.md`]: reviewMarkdown({
        frontMatter: { services: '["<img src=x onerror=alert(1)>"]' },
      }),
    },
    path: `reviews/${ID}.md`,
    line: 6,
    code: 'schema',
    message: 'has characters other than letters, digits, ".", "_" and "-"',
  },
  {
    entry: 'a service name ending like a site file',
    files: { [`${ID}.md`]: reviewMarkdown({ frontMatter: { services: '[rss.xml]' } }) },
    path: `reviews/${ID}.md`,
    line: 6,
    code: 'schema',
    message: `service name "rss.xml" ends with ".xml", which collides with the site's .xml files`,
  },
  {
    entry: 'ids X and X.json',
    files: { 'x.md': reviewMarkdown(), 'x.json.md': reviewMarkdown() },
    path: 'reviews/x.json.md',
    line: 1,
    code: 'unsafe-name',
    message: `review id "x.json" (the file name) ends with ".json", which collides with the site's .json files`,
  },
  {
    entry: 'service names that differ only in case',
    files: {
      'a.md': reviewMarkdown({ frontMatter: { services: '[Ledger-Service]' } }),
      'b.md': reviewMarkdown({ frontMatter: { services: '[ledger-service]' } }),
    },
    path: 'reviews/b.md',
    line: 6,
    code: 'name-collision',
    message:
      'service "ledger-service" is spelled "Ledger-Service" in reviews/a.md; names that differ only in case share one page',
  },
  {
    entry: 'a symlinked review',
    files: {},
    setup: async (dir) => {
      await writeFile(join(dir, 'outside.md'), reviewMarkdown());
      await symlink(join(dir, 'outside.md'), join(dir, 'reviews', `${ID}.md`));
    },
    path: `reviews/${ID}.md`,
    line: 1,
    code: 'symlink',
    message: 'is a symbolic link. Reviews must be regular files in reviews/',
  },
  {
    entry: 'a YAML alias bomb in front matter',
    files: { [`${ID}.md`]: reviewMarkdown().replace('---\n', `---\n${ALIAS_BOMB}\n`) },
    path: `reviews/${ID}.md`,
    line: 3,
    code: 'yaml',
    message: 'the YAML uses too many aliases (*name), over 100 expansions',
  },
  {
    entry: 'a review over the size limit',
    files: {
      [`${ID}.md`]: reviewMarkdown().replace(
        '## Summary\n',
        `## Summary\n${'log line 14:02 UTC ERROR pool exhausted\n'.repeat(60_000)}`,
      ),
    },
    path: `reviews/${ID}.md`,
    line: 1,
    code: 'too-large',
    message: 'is over the 2 MB limit for a review',
  },
  // Held-out faults found in the audit: entries that look like reviews but are not files.
  {
    entry: 'a folder named like a review',
    files: {},
    setup: (dir) => mkdir(join(dir, 'reviews', 'x.md')).then(() => undefined),
    path: 'reviews/x.md',
    line: 1,
    code: 'not-a-file',
    message: 'is a folder, not a review file. Reviews are regular .md files',
  },
  {
    entry: 'a named pipe named like a review',
    files: {},
    setup: async (dir) => {
      execFileSync('mkfifo', [join(dir, 'reviews', `${ID}.md`)]);
    },
    path: `reviews/${ID}.md`,
    line: 1,
    code: 'not-a-file',
    message: 'is a named pipe (FIFO), not a review file',
  },
  {
    entry: 'front matter nested thousands of levels deep',
    files: {
      [`${ID}.md`]: reviewMarkdown().replace(
        '---\n',
        `---\ntags: ${'['.repeat(5000)}${']'.repeat(5000)}\n`,
      ),
    },
    path: `reviews/${ID}.md`,
    line: 2,
    code: 'yaml',
    message: 'broken YAML in front matter: the YAML is nested too deeply',
  },
];

describe('loadCorpus on content that used to break the build', () => {
  for (const c of CASES) {
    it(`reports ${c.entry} as ${c.path}:${c.line} without throwing`, async () => {
      const dir = await makeContent(c.files);
      await c.setup?.(dir);
      const { problems } = await loadCorpus(dir, { cwd: dir });
      const found = problems.find((p) => p.code === c.code);
      expect(found, JSON.stringify(problems)).toBeDefined();
      expect(found?.path).toBe(c.path);
      expect(found?.line).toBe(c.line);
      expect(found?.message).toContain(c.message);
    });
  }

  it('reports a named pipe given as a path instead of waiting for a writer', async () => {
    const dir = await makeContent({});
    const pipe = join(dir, 'notes-pipe.md');
    execFileSync('mkfifo', [pipe]);
    const { problems } = await loadCorpus(dir, { cwd: dir, paths: [pipe] });
    expect(problems).toEqual([
      {
        path: 'notes-pipe.md',
        line: 1,
        code: 'not-a-file',
        message:
          'is a named pipe (FIFO), not a review file. Reviews are regular .md files: remove it from reviews/ (or rename a folder so it does not end in .md).',
      },
    ]);
  });

  it('sets the review size limit at 2 MiB', () => {
    expect(MAX_REVIEW_BYTES).toBe(2_097_152);
  });
});

describe('unsafeNameReason', () => {
  it('accepts the names services and ids are written with', () => {
    for (const name of ['payments-api', 'pgbouncer_payments', 'Ledger-Service', 'v2.api', 'k8s'])
      expect(unsafeNameReason(name), name).toBeNull();
  });

  it('rejects path tricks, hidden names and route endings', () => {
    expect(unsafeNameReason('..')).toBe('starts with a dot');
    expect(unsafeNameReason('a..b')).toBe('contains ".."');
    expect(unsafeNameReason('.env')).toBe('starts with a dot');
    expect(unsafeNameReason('a\\b')).toBe('contains a slash');
    expect(unsafeNameReason('index.html')).toBe(
      `ends with ".html", which collides with the site's .html files`,
    );
    expect(unsafeNameReason('a b')).toBe(
      'has characters other than letters, digits, ".", "_" and "-"',
    );
    expect(unsafeNameReason('')).toBe('is empty');
  });
});

describe('loadTaxonomy on a broken failure-modes.yaml', () => {
  const cases: { entry: string; setup: (path: string) => Promise<void>; message: string }[] = [
    {
      entry: 'a folder in its place',
      setup: (path) => mkdir(path).then(() => undefined),
      message: 'failure-modes.yaml: is a folder, not a file.',
    },
    {
      entry: 'binary bytes',
      setup: (path) => writeFile(path, Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3])),
      message: 'failure-modes.yaml: is a binary file, not YAML.',
    },
    {
      entry: 'flow sequences nested thousands deep',
      setup: (path) => writeFile(path, `${'['.repeat(5000)}${']'.repeat(5000)}\n`),
      message: 'failure-modes.yaml: broken YAML (the YAML is nested too deeply',
    },
  ];
  for (const c of cases) {
    it(`names the file and the fault for ${c.entry}`, async () => {
      const dir = await makeContent({});
      const path = join(dir, 'failure-modes.yaml');
      await rm(path);
      await c.setup(path);
      await expect(loadTaxonomy(dir)).rejects.toMatchObject({
        code: 'TAXONOMY_INVALID',
        message: expect.stringContaining(c.message),
      });
    });
  }
});
