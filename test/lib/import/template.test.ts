import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseMarkdownSource } from '../../../src/lib/import/markdown.ts';
import { blankTemplateReason } from '../../../src/lib/import/template.ts';
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
