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

describe('extractSpecifics: the value classes of incident notes', () => {
  const typed = (notes: string) => extractSpecifics(notes).map((s) => [s.kind, s.text]);

  it('finds URL paths and absolute file paths, but not units, word pairs or ratios', () => {
    expect(
      typed('the solver got 404 on /.well-known/acme-challenge/ and wrote to /var/lib/kafka/data'),
    ).toEqual([
      ['path', '/.well-known/acme-challenge/'],
      ['path', '/var/lib/kafka/data'],
    ]);
    expect(typed('read/write split at 24/7 load, 300 req/s')).toEqual([['quantity', '300 req/s']]);
  });

  it('finds AWS, GCP and Azure instance types', () => {
    expect(
      typed('moved from db.r6g.2xlarge and m5.large to n2-standard-16 and Standard_D4s_v3'),
    ).toEqual([
      ['instance-type', 'db.r6g.2xlarge'],
      ['instance-type', 'm5.large'],
      ['instance-type', 'n2-standard-16'],
      ['instance-type', 'Standard_D4s_v3'],
    ]);
  });

  it('leaves a pasted command line to the values in it', () => {
    expect(typed('curl -s https://jobs-api.prod.internal/v1/rerun')).toEqual([
      ['host', 'jobs-api.prod.internal'],
    ]);
  });

  it('keeps a backticked command whole and names a tool used in a sentence', () => {
    expect(typed("didn't dig into it, and top of the list was the free tier")).toEqual([]);
    expect(
      typed('we ran `kill -9 4411` then certbot renewed; later tcpdump showed resets'),
    ).toEqual([
      ['command', 'kill -9 4411'],
      ['command', 'certbot'],
      ['command', 'tcpdump'],
    ]);
  });

  it('reads error codes, HTTP statuses and a qualified exception with its message', () => {
    expect(
      typed(
        'browser showed SSL_ERROR_EXPIRED_CERT_ALERT, the probe got HTTP 404, then java.net.UnknownHostException: ledger-db.internal',
      ),
    ).toEqual([
      ['exception', 'SSL_ERROR_EXPIRED_CERT_ALERT'],
      ['error-string', 'HTTP 404'],
      ['error-string', 'java.net.UnknownHostException: ledger-db.internal'],
    ]);
  });

  it('keeps a Kubernetes annotation key with its value as one config value', () => {
    expect(typed('set acme.cert-manager.io/http01-ingress-class=nginx-public on it')).toEqual([
      ['config', 'acme.cert-manager.io/http01-ingress-class=nginx-public'],
    ]);
  });

  it('keeps timestamps with their zone, their date and a year printed after the time', () => {
    expect(
      typed('paged 08:12 CEST, then 10:02 AM PDT; cert notAfter=Jul 21 06:00:00 2026 GMT'),
    ).toEqual([
      ['timestamp', '08:12 CEST'],
      ['timestamp', '10:02 AM PDT'],
      ['config', 'notAfter=Jul 21 06:00:00 2026 GMT'],
    ]);
    expect(typed('on Tue 9 Sep 2025 and again in March 2024')).toEqual([
      ['timestamp', 'Tue 9 Sep 2025'],
      ['timestamp', 'March 2024'],
    ]);
  });

  it('never returns a bare year or a fragment of a longer value', () => {
    expect(typed('In 2025 we had the same loop; fixed in 2026.')).toEqual([]);
    expect(typed('then openssl printed notAfter=Aug  3 03:00:00 2026 GMT')).toEqual([
      ['command', 'openssl'],
      ['config', 'notAfter=Aug  3 03:00:00 2026 GMT'],
    ]);
    expect(typed('1h 18m of degraded lookups at 1.2k/s')).toEqual([
      ['quantity', '1h 18m'],
      ['quantity', '1.2k/s'],
    ]);
  });
});
