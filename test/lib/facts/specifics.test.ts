import { describe, expect, it } from 'vitest';
import {
  extractSpecifics,
  hasSpecific,
  normalizeForCompare,
  technicalSpans,
} from '../../../src/lib/facts/index.ts';

const texts = (notes: string) => extractSpecifics(notes).map((s) => s.text);

describe('extractSpecifics', () => {
  it('finds config pairs, error strings, metrics, versions, quantities, hosts and timestamps', () => {
    const found = texts(
      [
        '09:31 UTC payments-api v3.12.0 set maxOpenConns: 50 and upstream.timeout_ms=5000',
        'error `pq: sorry, too many clients already` on pg-payments-01.prod.internal, p99 4.2s, 38% of requests',
        'pgbouncer cl_waiting_total hit 1,200 connections; Postgres 14.11; NodeDisconnectedException; 2026-03-14T09:12Z',
      ].join('\n'),
    );
    expect(found).toEqual(
      expect.arrayContaining([
        '09:31 UTC',
        'payments-api v3.12.0',
        'maxOpenConns: 50',
        'upstream.timeout_ms=5000',
        'pq: sorry, too many clients already',
        'pg-payments-01.prod.internal',
        '4.2s',
        '38%',
        'cl_waiting_total',
        '1,200 connections',
        'Postgres 14.11',
        'NodeDisconnectedException',
        '2026-03-14T09:12Z',
      ]),
    );
  });

  it('keeps a backticked line as one specific instead of its parts', () => {
    expect(texts('watermark `cluster.routing.allocation.disk.watermark.high: 90%` hit')).toEqual([
      'cluster.routing.allocation.disk.watermark.high: 90%',
    ]);
  });

  it('names a component called for what it does (cert-renewer), not a compound word (follow-up, cross-border)', () => {
    expect(texts('cert-renewer failed; the feed-poller lagged; a cross-border follow-up')).toEqual([
      'cert-renewer',
      'feed-poller',
    ]);
  });

  it('does not treat common words or plain labels as specifics', () => {
    expect(
      texts(
        'IC: dana / notes: ravi. we looked at the dashboards and it was fine, follow-ups below',
      ),
    ).toEqual([]);
  });
});

describe('hasSpecific', () => {
  const has = (
    text: string,
    specific: string,
    kind: 'config' | 'quantity' | 'timestamp' = 'quantity',
  ) => hasSpecific(normalizeForCompare(text), { kind, text: specific });
  it('ignores backticks and whitespace but not other forms', () => {
    expect(has('set `maxOpenConns:  50`', 'maxOpenConns: 50', 'config')).toBe(true);
    expect(has('set maxOpenConns=50', 'maxOpenConns: 50', 'config')).toBe(true);
    expect(has('set maxOpenConns: 500', 'maxOpenConns: 50', 'config')).toBe(false);
    expect(has('at 95.3 percent', '95.3%')).toBe(false);
    expect(has('was 195.3%', '95.3%')).toBe(false);
  });
  it('finds a clock time inside an ISO timestamp', () => {
    expect(has('at: 2026-05-03T14:26:00Z', '14:26', 'timestamp')).toBe(true);
    expect(has('at 2:26 pm', '14:26', 'timestamp')).toBe(false);
  });
});

describe('technicalSpans', () => {
  const spans = (text: string) =>
    technicalSpans(text).map((s) => [s.kind, text.slice(s.start, s.end)]);

  it('finds unquoted error messages, errno codes, HTTP statuses and config keys with or without a value', () => {
    expect(
      spans(
        'Calls failed with x509: certificate has expired or is not yet valid for 47 minutes; ENOSPC, then HTTP 503 after upstream.timeout_ms and maxIdleConns=2 changed.',
      ),
    ).toEqual([
      ['error-string', 'x509: certificate has expired or is not yet valid'],
      ['exception', 'ENOSPC'],
      ['error-string', 'HTTP 503'],
      ['config', 'upstream.timeout_ms'],
      ['config', 'maxIdleConns=2'],
    ]);
  });

  it('takes in the backticks around a span and keeps names, hosts, versions and quantities out', () => {
    expect(
      spans(
        'webhook-relay v3.4.0 on orders-db-01.prod.internal sent `payment.succeeded` at 41% CPU, `v3.4.0`, `2.1 GB`.',
      ),
    ).toEqual([['error-string', '`payment.succeeded`']]);
  });
});
