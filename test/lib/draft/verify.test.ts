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
import { replaceSection, removeInvestigationItem } from '../../../scripts/bench/draft-defects.ts';
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

/**
 * Defects planted by hand in the offline draft of each notes fixture: literal edits, with the
 * findings written out from reading the notes (never computed by the extractor under test).
 */
interface Planted {
  /** Specifics of the notes deleted from the draft (each replaced by "it"). */
  drop: string[];
  /** What verify must then report missing, in notes order. */
  missing: string[];
  /** [as in the notes, as planted]: the planted value is invented, the notes' value missing. */
  alter: [string, string][];
  /** A specific replaced by a vague phrase: [specific, phrase]; the phrase must be reported. */
  generalize: [string, string];
  /** Openings of the Investigation path lines about one suspect, removed together. */
  deadEnd: string[];
  /** The notes' lines about that suspect, which verify must then name as unrepresented. */
  deadEndNotes: string[];
  /** The lone "root cause" of the collapsed Contributing factors. */
  cause: string;
}

const PLANTED: Record<string, Planted> = {
  'es-disk-watermark-shard-allocation.md': {
    drop: ['es_fs_path_available_bytes', 'index.lifecycle.name'],
    missing: ['index.lifecycle.name', 'es_fs_path_available_bytes'],
    alter: [
      [
        'cluster.routing.allocation.disk.watermark.high: 90%',
        'cluster.routing.allocation.disk.watermark.high: 97%',
      ],
      ['Elasticsearch 7.17.9', 'Elasticsearch 7.17.12'],
    ],
    generalize: [
      '`cluster.routing.allocation.disk.watermark.flood_stage: 95%`',
      'a configuration issue',
    ],
    deadEnd: ['- 14:26 suspected JVM heap pressure', '- [14:31] <li> not it. young GCs'],
    deadEndNotes: [
      '14:26 suspected JVM heap pressure on the data nodes',
      '[14:31] <li> not it. young GCs normal too',
    ],
    cause: 'cluster.routing.allocation.disk.watermark.flood_stage: 95%',
  },
  'feature-flag-sdk-cpu-spike.md': {
    drop: ['beta-merchants-eu', '--max-old-space-size=1536'],
    missing: ['beta-merchants-eu', '--max-old-space-size=1536'],
    alter: [
      ['maxReplicas: 40', 'maxReplicas: 60'],
      ['Node.js 20.12.2', 'Node.js 20.11.0'],
    ],
    generalize: ['`minReplicas: 12`', 'a configuration issue'],
    deadEnd: ['- 11:19 suspected GC', '- GC: `nodejs_gc_duration_seconds`'],
    deadEndNotes: [
      '11:19 suspected GC',
      'GC: `nodejs_gc_duration_seconds` sum barely moved, heap flat. dead end',
    ],
    cause: 'v4.0.2',
  },
  'grpc-keepalive-goaway-nlb.md': {
    drop: ['TCP_Target_Reset_Count', 'inventory-nlb-int'],
    missing: ['inventory-nlb-int', 'TCP_Target_Reset_Count'],
    alter: [
      ['grpc-java 1.58.0', 'grpc-java 1.60.0'],
      ['120 pods', '240 pods'],
    ],
    generalize: ['`grpc.server.permit-keep-alive-time: 5s`', 'a configuration issue'],
    deadEnd: ['- 15:15      suspected conntrack', '- conntrack: `nf_conntrack: table full`'],
    deadEndNotes: [
      '15:15      suspected conntrack on the nodes',
      'conntrack: `nf_conntrack: table full` not in dmesg on any node, `node_nf_conntrack_entries` at 31% of max. ruled out',
    ],
    cause: 'permitKeepAliveTime',
  },
  'postgres-xid-wraparound-prepared-xact.md': {
    drop: ['pg_database_datfrozenxid_age', 'max_prepared_transactions = 100'],
    missing: ['max_prepared_transactions = 100', 'pg_database_datfrozenxid_age'],
    alter: [
      ['terminationGracePeriodSeconds: 10', 'terminationGracePeriodSeconds: 30'],
      ['Postgres 14.11', 'Postgres 14.12'],
    ],
    generalize: ['`pg_prepared_xacts`', 'various errors'],
    deadEnd: ['- 08:52  thought it was the Metabase', '- Metabase idle-in-transaction: killed'],
    deadEndNotes: [
      '08:52  thought it was the Metabase idle-in-transaction session (backend_xmin 6h old) -> `pg_terminate_backend(48211)`. no change. not it',
      'Metabase idle-in-transaction: killed, nothing changed. dead end',
    ],
    cause: 'terminationGracePeriodSeconds: 10',
  },
  'redis-cluster-failover-lua-script.md': {
    drop: ['sliding_window.lua', 'redis_slowlog_length'],
    missing: ['sliding_window.lua', 'redis_slowlog_length'],
    alter: [
      ['cluster-node-timeout 15000', 'cluster-node-timeout 30000'],
      ['go-redis v9.5.1', 'go-redis v9.6.0'],
    ],
    generalize: ['`busy-reply-threshold 5000`', 'a configuration issue'],
    deadEnd: ['- 10:27  suspected BGSAVE', '- BGSAVE: `latest_fork_usec`'],
    deadEndNotes: [
      '10:27  suspected BGSAVE fork latency',
      'BGSAVE: `latest_fork_usec` 180000 (180 ms), bad but not 15 s. dead end',
    ],
    cause: 'busy-reply-threshold 5000',
  },
  's3-slowdown-ledger-export.md': {
    drop: ['export_parts_failed_total', 'retry.MaxAttempts: 3'],
    // The notes also name `export_parts_failed_total > 0` (the alert to add): gone with the metric.
    missing: ['retry.MaxAttempts: 3', 'export_parts_failed_total', 'export_parts_failed_total > 0'],
    alter: [
      ['export.concurrency: 512', 'export.concurrency: 1024'],
      ['aws-sdk-go-v2 v1.26.1', 'aws-sdk-go-v2 v1.27.0'],
    ],
    generalize: ['`SlowDown: Please reduce your request rate.`', 'various errors'],
    deadEnd: ['- 07:30 suspected KMS throttling', '- KMS: checked `ThrottlingException`'],
    deadEndNotes: [
      '07:30 suspected KMS throttling (bucket uses SSE-KMS)',
      'KMS: checked `ThrottlingException` on GenerateDataKey — 0 of them, KMS quota nowhere near. ruled out',
    ],
    cause: 'export.concurrency: 512',
  },
};

describe('verifyDraft on offline drafts of every notes fixture', () => {
  it('has planted defects for every notes fixture', () => {
    expect(Object.keys(PLANTED).sort()).toEqual(NOTES_FILES);
  });

  for (const file of NOTES_FILES) {
    it(`finds nothing wrong with the offline draft of ${file} and catches the defects planted in it`, async () => {
      const clean = (await redact(readNotes(file))).text;
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
      expect({ ...verifyDraft(draft, clean), todos: 0 }).toEqual({ ...CLEAN, todos: 0 });
      const planted = PLANTED[file];
      if (!planted) throw new Error(`no planted defects for ${file}`);
      // Every planted edit changes the draft (a typo in the table would otherwise test nothing).
      const check = (damaged: string) => {
        expect(damaged).not.toBe(draft);
        return verifyDraft(damaged, clean);
      };

      const dropped = check(planted.drop.reduce((d, s) => d.replaceAll(s, 'it'), draft));
      expect(dropped.missing).toEqual(planted.missing);

      for (const [original, altered] of planted.alter) {
        const report = check(draft.replaceAll(original, altered));
        expect(report.invented, altered).toEqual([altered]);
        expect(report.missing, original).toEqual([original]);
      }

      const [specific, phrase] = planted.generalize;
      const generalized = check(draft.replaceAll(specific, phrase));
      expect(generalized.generalizations.map((g) => g.phrase.toLowerCase())).toContain(phrase);

      const breakthroughOnly = check(
        replaceSection(draft, 'Investigation path', 'We looked at the logs and found the cause.'),
      );
      expect(breakthroughOnly.deadEndsMissing).toBe(true);

      const withoutSuspect = check(
        draft
          .split('\n')
          .filter((line) => !planted.deadEnd.some((opening) => line.startsWith(opening)))
          .join('\n'),
      );
      expect(withoutSuspect.deadEndsMissing).toBe(true);
      expect(withoutSuspect.missingDeadEnds).toEqual(planted.deadEndNotes);

      const collapsed = check(
        replaceSection(draft, 'Contributing factors', `The root cause was \`${planted.cause}\`.`),
      );
      expect(collapsed.singleCause).toBe(true);
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
