import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  verifyDraft,
  verifyFailed,
  isSingleCause,
  findGeneralizations,
} from '../../../src/lib/draft/verify.ts';
import { skeletonDraft } from '../../../src/lib/draft/skeleton.ts';
import { prefill } from '../../../src/lib/draft/prefill.ts';
import { redact } from '../../../src/lib/redact/index.ts';
import { loadTaxonomy } from '../../../src/lib/review/taxonomy.ts';
import {
  plantDefects,
  replaceSection,
  removeInvestigationItem,
} from '../../../scripts/bench/draft-defects.ts';
import { loadFaithfulDrafts } from '../../../scripts/bench/faithful-drafts.ts';
import { REPO_ROOT, SAMPLE_CONTENT } from '../../helpers/content.ts';
import { NOTES_FILES, readNotes } from './notes-fixtures.ts';

const notes = await readFile(
  resolve(REPO_ROOT, 'test/fixtures/drafts/orders-db-pool-notes.md'),
  'utf8',
);
const faithful = await readFile(
  resolve(REPO_ROOT, 'test/fixtures/drafts/orders-db-pool-faithful.md'),
  'utf8',
);
const taxonomy = await loadTaxonomy(SAMPLE_CONTENT);

const CLEAN = {
  missing: [],
  invented: [],
  derived: [],
  generalizations: [],
  deadEndsMissing: false,
  missingDeadEnds: [],
  singleCause: false,
  zoneChanged: [],
};

describe('verifyDraft on a hand-written faithful draft', () => {
  it('reports zero findings (only the TODO count)', () => {
    const report = verifyDraft(faithful, notes);
    expect(report).toEqual({ ...CLEAN, todos: 3 });
    expect(verifyFailed(report)).toBe(false);
  });

  it('catches an altered value: maxOpenConns 50 → 100', () => {
    const report = verifyDraft(faithful.replaceAll('maxOpenConns: 50', 'maxOpenConns: 100'), notes);
    expect(report.invented).toContain('maxOpenConns: 100');
    expect(report.missing).toContain('maxOpenConns: 50');
    expect(verifyFailed(report)).toBe(true);
  });

  it('catches a dropped specific and a changed timestamp, but keeps the same time in another form', () => {
    const report = verifyDraft(
      faithful
        .replaceAll('`connMaxLifetime: 30s`', 'a short lifetime')
        .replaceAll('14:24', '14:42')
        .replace('T14:24:00Z', 'T14:42:00Z'),
      notes,
    );
    expect(report.missing).toEqual(['connMaxLifetime: 30s', '14:24']);
    const restated = verifyDraft(
      faithful.replaceAll('14:24', '2:24 pm').replace('T14:24:00Z', 'T14:25:00Z'),
      notes,
    );
    expect(restated.missing).toEqual([]);
  });

  it('catches an invented number with a unit and an invented version', () => {
    const report = verifyDraft(
      faithful.replace(
        '## Systemic factors',
        '## Systemic factors\n\nThe outage lasted 75 minutes on orders-api v2.9.0.\n',
      ),
      notes,
    );
    expect(report.invented).toEqual(expect.arrayContaining(['75 minutes', 'orders-api v2.9.0']));
  });

  it('reports generalising phrases with their line, but not phrases the notes use themselves', () => {
    const draft = faithful.replace(
      '## Contributing factors\n',
      '## Contributing factors\n\nThe database had issues because of a configuration issue in some services.\n',
    );
    const report = verifyDraft(draft, notes);
    const line = draft.split('\n').findIndex((l) => l.startsWith('The database had issues')) + 1;
    expect(report.generalizations).toEqual([
      { phrase: 'The database had issues', line },
      { phrase: 'a configuration issue', line },
      { phrase: 'some services', line },
    ]);
    expect(findGeneralizations('we saw various errors', 'notes: various errors in logs')).toEqual(
      [],
    );
  });

  it('notices missing dead ends, even when only one suspect is dropped', () => {
    expect(
      verifyDraft(
        replaceSection(faithful, 'Investigation path', 'We found the pool waits in the metrics.'),
        notes,
      ).deadEndsMissing,
    ).toBe(true);
    const withoutCpu = faithful.replace(/^1\. 14:31 we suspected Postgres CPU.*$/m, '');
    expect(verifyDraft(withoutCpu, notes).deadEndsMissing).toBe(true);
  });

  it('notices a single cause with no account of how factors combined', () => {
    const report = verifyDraft(
      replaceSection(faithful, 'Contributing factors', 'The root cause was `maxIdleConns: 2`.'),
      notes,
    );
    expect(report.singleCause).toBe(true);
    expect(isSingleCause('- `maxIdleConns: 2`\n- the new lookup\n')).toBe(false);
    expect(
      isSingleCause(
        'The idle setting alone was harmless; combined with the lookup it exhausted the pool.',
      ),
    ).toBe(false);
    expect(isSingleCause('TODO: explain how the factors combined.')).toBe(false);
  });
});

describe('verifyDraft on offline drafts of every notes fixture', () => {
  for (const file of NOTES_FILES) {
    it(`finds nothing wrong with the faithful draft of ${file} and catches the planted defects`, async () => {
      const raw = readNotes(file);
      const clean = (await redact(raw)).text;
      const draft = skeletonDraft({
        notes: clean,
        prefill: prefill({
          notes: clean,
          taxonomy,
          related: [],
          now: new Date('2026-06-01T00:00:00Z'),
        }),
        related: [],
      });
      const report = verifyDraft(draft, clean);
      expect({ ...report, todos: 0 }).toEqual({ ...CLEAN, todos: 0 });
      const defects = plantDefects(draft, clean);
      const kinds = new Set(defects.map((d) => d.kind));
      expect(kinds).toEqual(
        new Set([
          'drop-specific',
          'alter-value',
          'generalize',
          'remove-dead-ends',
          'remove-one-dead-end',
          'collapse-factors',
        ]),
      );
      const missed = defects
        .filter((d) => !d.detected(verifyDraft(d.draft, clean)))
        .map((d) => `${d.kind}: ${d.label}`);
      expect(missed).toEqual([]);
    });
  }
});

describe('verifyDraft on hand-written paraphrased faithful drafts', () => {
  const fixtures = loadFaithfulDrafts(REPO_ROOT);

  it('has at least four paraphrased drafts, each with labelled dead ends', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(4);
    for (const f of fixtures) expect(f.deadEndItems.length).toBeGreaterThan(0);
  });

  for (const fixture of fixtures) {
    it(`reports zero findings on ${fixture.file}`, async () => {
      const report = verifyDraft(fixture.draft, (await redact(fixture.notes)).text);
      expect({ ...report, todos: 0 }).toEqual({ ...CLEAN, todos: 0 });
      expect(verifyFailed(report)).toBe(false);
    });

    it(`notices each dead end of ${fixture.file} removed on its own`, () => {
      for (const opening of fixture.deadEndItems) {
        const damaged = removeInvestigationItem(fixture.draft, opening);
        expect(damaged, opening).not.toBeNull();
        expect(verifyDraft(damaged ?? '', fixture.notes).deadEndsMissing, opening).toBe(true);
      }
    });
  }
});

describe('dead-end matching', () => {
  it('does not count words shared by several dead ends as evidence for each', () => {
    const notes = [
      'dead ends',
      '- inventory-svc v5.3.0: rolled back, no change, ruled out',
      '- 15:08 no change after inventory rollback. dead end',
      '- conntrack on inventory nodes: table at 31%, ruled out',
      'context',
      '- inventory-svc calls inventory-db',
    ].join('\n');
    const kept =
      '## Investigation path\n\n1. Rolling inventory-svc back from v5.3.0 changed nothing, so it was ruled out.\n2. Conntrack on the inventory nodes was at 31%.\n';
    const draft = (inv: string) =>
      `## Summary\n\nx\n\n## Detailed mechanism\n\nx\n\n## Contributing factors\n\n- a\n- b\n\n${inv}\n## Systemic factors\n\nx\n`;
    expect(verifyDraft(draft(kept), notes).deadEndsMissing).toBe(false);
    const withoutRollback = kept.replace(/^1\..*$/m, '');
    expect(verifyDraft(draft(withoutRollback), notes).deadEndsMissing).toBe(true);
  });
});
