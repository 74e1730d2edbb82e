import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseMarkdownSource } from '../../../src/lib/import/markdown.ts';
import { blankTemplateReason, emptyDocumentReason } from '../../../src/lib/import/template.ts';
import { REPO_ROOT } from '../../helpers/content.ts';
import { fixture, runImport } from '../../helpers/import.ts';

const TEMPLATES = join(REPO_ROOT, 'test', 'fixtures', 'import-templates');
const DFDS = join(
  fileURLToPath(new URL('.', import.meta.url)),
  '../../../../shared/data/real-postmortems/dfds',
);
const present = existsSync(DFDS);
if (!present)
  console.warn(
    `NOT RUN: the blank-template check on real postmortems needs ${DFDS} (../shared/data beside the repository); only the absence was checked.`,
  );

async function reasonFor(path: string, label: string): Promise<string | undefined> {
  const doc = parseMarkdownSource(await readFile(path, 'utf8'), label);
  if (!('hashText' in doc)) throw new Error(`${label}: ${doc.message}`);
  return blankTemplateReason(doc);
}

const reasonOfText = (text: string, label: string): string | undefined => {
  const doc = parseMarkdownSource(text, label);
  if (!('hashText' in doc)) throw new Error(`${label}: ${doc.message}`);
  return blankTemplateReason(doc);
};

describe('blank templates', () => {
  it('recognises the Google/SRE, PagerDuty and Atlassian blank templates by their content', async () => {
    expect(await reasonFor(join(TEMPLATES, 'sre-style.md'), 'sre-style.md')).toBe(
      'sre-style.md: skipped: a blank template (13 headings; 18 of its 97 words are incident content, the rest placeholders and guidance). Fill it in, or leave it out of the import.',
    );
    expect(await reasonFor(join(TEMPLATES, 'pagerduty-style.md'), 'pagerduty-style.md')).toMatch(
      /^pagerduty-style\.md: skipped: a blank template \(10 headings; 11 of its 93 words/,
    );
    expect(await reasonFor(join(TEMPLATES, 'atlassian-style.md'), 'atlassian-style.md')).toMatch(
      /^atlassian-style\.md: skipped: a blank template \(12 headings; 24 of its 165 words/,
    );
  });

  it('does not need the word "template": headings and placeholders are enough', () => {
    const text = `# Outage of <service>

## Summary
[What happened, in one sentence.]

## Root cause
What was the trigger? Describe the chain of events.

## Timeline
| Time | Event |
| --- | --- |
| YYYY-MM-DD HH:MM | <event> |

## Action items
- [ ] <action> — owner: <name>, due YYYY-MM-DD
`;
    expect(reasonOfText(text, 'notes/outage.md')).toMatch(
      /^notes\/outage\.md: skipped: a blank template \(4 headings; \d+ of its \d+ words are incident content/,
    );
  });

  it('keeps a terse real postmortem: a few words with real times and numbers are incident content', () => {
    const text = `# DB failover

## Summary
Primary db-3 died at 02:10; failover took 11 min.

## Cause
Disk full.

## Fix
Replaced the volume.
`;
    expect(reasonOfText(text, 'db-failover.md')).toBeUndefined();
  });

  it('skips a template with its reason and still imports the postmortem given with it', async () => {
    const { items } = await runImport([
      join(TEMPLATES, 'pagerduty-style.md'),
      fixture('sre-book.md'),
    ]);
    expect(items.map((i) => i.outcome)).toEqual(['skipped', 'imported']);
    expect(items[0]?.message).toMatch(/pagerduty-style\.md: skipped: a blank template/);
  });

  it('finds exactly the one blank template among the real dfds postmortems', async () => {
    if (!present) {
      expect(existsSync(DFDS)).toBe(false);
      return;
    }
    const names = (await readdir(DFDS)).filter((n) => n.startsWith('PM')).sort();
    expect(names).toHaveLength(40);
    const templates: string[] = [];
    for (const name of names) if (await reasonFor(join(DFDS, name), name)) templates.push(name);
    expect(templates).toEqual(['PMyyyy-nnn - Postmortem template.md']);
  });
});

describe('documents with nothing to import', () => {
  const emptyReason = (text: string, label: string): string | undefined => {
    const doc = parseMarkdownSource(text, label);
    if (!('hashText' in doc)) throw new Error(`${label}: ${doc.message}`);
    return emptyDocumentReason(doc);
  };

  it('skips a file of only front matter, or only a title and field lines, saying why', () => {
    expect(emptyReason('---\ntitle: Checkout outage\ndate: 2025-03-02\n---\n', 'only-fm.md')).toBe(
      'only-fm.md: skipped: no postmortem text, only a title or metadata. Write what happened under its headings first, or leave it out of the import.',
    );
    expect(
      emptyReason('# Checkout outage\n\nDate: 2025-03-02\nSeverity: SEV2\n', 'title-and-fields.md'),
    ).toMatch(/^title-and-fields\.md: skipped: no postmortem text/);
    expect(emptyReason('# Checkout outage\n\n## Summary\n\n## Timeline\n', 'headings.md')).toMatch(
      /^headings\.md: skipped: no postmortem text/,
    );
  });

  it('keeps a document with a single sentence of its own', () => {
    expect(
      emptyReason(
        '---\ntitle: Checkout outage\n---\nThe checkout API returned 502s for 14 minutes after a bad deploy.\n',
        'one-line.md',
      ),
    ).toBeUndefined();
  });

  it('reports a document of only front matter as skipped in a real import, and writes nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'casebook-import-empty-'));
    await writeFile(join(dir, 'only-fm.md'), '---\ntitle: Checkout outage\n---\n');
    const result = await runImport([dir]);
    expect(result.items.map((i) => [i.outcome, i.message])).toEqual([
      ['skipped', expect.stringMatching(/only-fm\.md: skipped: no postmortem text/)],
    ]);
    expect(await readdir(join(result.contentDir, 'reviews'))).toEqual([]);
  });

  it('fails an input folder that holds nothing at all, naming it', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'casebook-import-emptydir-'));
    const empty = join(parent, 'exports.md');
    await mkdir(empty);
    const result = await runImport([empty]);
    expect(result.items).toEqual([
      expect.objectContaining({
        outcome: 'failed',
        message: expect.stringMatching(/exports\.md: an empty folder, nothing to import\./),
      }),
    ]);
  });
});
