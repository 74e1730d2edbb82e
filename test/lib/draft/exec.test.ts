import { describe, expect, it } from 'vitest';
import {
  countWords,
  extractiveExecSummary,
  leadershipSentence,
} from '../../../src/lib/draft/exec.ts';
import { parseReview } from '../../../src/lib/review/parse.ts';
import { reviewMarkdown } from '../../helpers/content.ts';

/** A parsed review from the test template with these front-matter lines and body. */
function review(id: string, frontMatter: Record<string, string>, body: string) {
  const parsed = parseReview(id, `reviews/${id}.md`, reviewMarkdown({ frontMatter, body }), {
    failureModes: ['certificate-expiry', 'disk-full', 'retry-storm', 'bad-config-push'],
  });
  if (!parsed.review) throw new Error(JSON.stringify(parsed.problems));
  return parsed.review;
}

const sections = (summary: string) => `## Summary
${summary}

## Detailed mechanism
See the summary.

## Contributing factors
Two factors combined.

## Investigation path
We first suspected the network; ruled out.

## Systemic factors
No alert.
`;

describe('leadershipSentence', () => {
  it('removes an unquoted error string with the phrase that introduces it', () => {
    expect(
      leadershipSentence(
        'Checkout API calls failed with x509: certificate has expired or is not yet valid for 47 minutes after the edge certificate for api.example.com lapsed.',
      ),
    ).toBe(
      'Checkout API calls failed for 47 minutes after the edge certificate for api.example.com lapsed.',
    );
    expect(
      leadershipSentence(
        'Ledger writes failed with ENOSPC for 22 minutes; 3,100 transfers delayed.',
      ),
    ).toBe('Ledger writes failed for 22 minutes; 3,100 transfers delayed.');
  });

  it('turns an error or status that is the object of a verb into "errors"', () => {
    expect(
      leadershipSentence(
        'Clients retried ECONNRESET errors without backoff, and the gateway returned HTTP 503 to 18% of requests.',
      ),
    ).toBe(
      'Clients retried errors without backoff, and the gateway returned errors to 18% of requests.',
    );
    expect(
      leadershipSentence(
        'The edge proxies rejected every TLS handshake, and clients got `x509: certificate has expired`.',
      ),
    ).toBe('The edge proxies rejected every TLS handshake, and clients got errors.');
  });

  it('puts a bare config key in words and drops a key with its value where a phrase introduces it', () => {
    expect(
      leadershipSentence(
        'A config push set `upstream.timeout_ms` to 500, so checkout requests timed out.',
      ),
    ).toBe('A config push set the upstream timeout to 500, so checkout requests timed out.');
    expect(
      leadershipSentence(
        'Payments failed after a config push with maxIdleConns=2 and the pool (pool_size: 10) ran dry.',
      ),
    ).toBe('Payments failed after a config push and the pool ran dry.');
    expect(leadershipSentence('Alert on archive_command failures')).toBe(
      'Alert on archive command failures.',
    );
  });

  it('keeps the noun a technical name qualifies and keeps service names and versions as written', () => {
    expect(
      leadershipSentence(
        'webhook-relay v3.4.0 did not deliver `payment.succeeded` webhooks; `kubectl rollout undo` fixed it.',
      ),
    ).toBe('webhook-relay v3.4.0 did not deliver webhooks.');
    expect(leadershipSentence('`ENOSPC` errors filled the ledger logs within minutes.')).toBe(
      'Errors filled the ledger logs within minutes.',
    );
  });

  it('cuts at a clause boundary, or gives nothing, rather than leave a fragment', () => {
    expect(
      leadershipSentence(
        'Canary runtime config pushes for 30 minutes before `paycfg` applies them fleet-wide',
      ),
    ).toBe('Canary runtime config pushes for 30 minutes.');
    expect(leadershipSentence('Set `maxIdleConns: 16`')).toBeNull();
    expect(
      leadershipSentence(
        'Recovery began when `kubectl rollout undo deploy/payments-api` finished.',
      ),
    ).toBeNull();
  });
});

describe('extractiveExecSummary on real-looking reviews', () => {
  it('TLS certificate expiry: no x509 string, with impact, duration and prevention', () => {
    const r = review(
      '2026-01-14-edge-tls-certificate-expired',
      {
        title:
          '"Edge certificate for api.example.com expired because the renewal job lost its DNS permission"',
        impact:
          '"Checkout API calls failed with `x509: certificate has expired or is not yet valid` for 47 minutes; 12,400 checkouts failed."',
        timeline: `
  - at: 2026-01-14T16:00:00Z
    event: "Certificate expires"
    kind: impact-start
  - at: 2026-01-14T16:09:00Z
    event: "TLSHandshakeErrors pages"
    kind: detected
  - at: 2026-01-14T16:41:00Z
    event: "New certificate deployed"
    kind: mitigated
  - at: 2026-01-14T16:47:00Z
    event: "Error rate back to normal"
    kind: resolved`,
        actionItems: `
  - title: "Alert 14 days before any certificate expires"
    owner: edge-team
    status: open
  - title: "Give cert-renewer the \`route53:ChangeResourceRecordSets\` permission back"
    owner: edge-team
    status: done`,
      },
      sections(
        'The edge certificate for api.example.com expired at 16:00 UTC because cert-renewer could no longer answer DNS challenges, and clients got x509: certificate has expired or is not yet valid. Nobody saw the renewal failures.',
      ),
    );
    const summary = extractiveExecSummary(r);
    expect(summary).toBe(
      'The edge certificate for api.example.com expired at 16:00 UTC because cert-renewer could no longer answer DNS challenges, and clients got errors. ' +
        'Impact: Checkout API calls failed for 47 minutes; 12,400 checkouts failed. ' +
        'The incident lasted 47 min; it was detected after 9 min and mitigated after 41 min. ' +
        'To prevent recurrence: Alert 14 days before any certificate expires (open); Give cert-renewer the permission back (done). ' +
        'Nobody saw the renewal failures.',
    );
  });

  it('disk full: "failed with ENOSPC" loses the error, not the mechanism sentence', () => {
    const r = review(
      '2025-06-02-ledger-wal-archive-disk-full',
      {},
      sections(
        'Ledger writes failed with ENOSPC after WAL archiving to s3 stalled and pg_wal filled the 200 GiB volume. Archiving had failed silently for 100 minutes.',
      ),
    );
    expect(extractiveExecSummary(r)).toBe(
      'Ledger writes failed after WAL archiving to s3 stalled and the pg wal filled the 200 GiB volume. ' +
        'Impact: Ledger writes failed for 22 minutes; 3,100 transfers delayed. ' +
        'The incident lasted 22 min; it was detected after 5 min and mitigated after 18 min. ' +
        'To prevent recurrence: Alert on archive command failures (open). ' +
        'Archiving had failed silently for 100 minutes.',
    );
  });

  it('retry storm: ECONNRESET and HTTP 503 leave grammatical sentences', () => {
    const r = review(
      '2026-02-03-mobile-retry-storm-gateway',
      {
        impact:
          '"The gateway returned HTTP 503 to 18% of requests for 35 minutes, and 2,300 mobile users could not log in."',
        actionItems: `
  - title: "Add jittered exponential backoff to the mobile client retries"
    owner: mobile-team
    status: in-progress
  - title: "Cap retries per session at 3"
    owner: mobile-team
    status: open`,
      },
      sections(
        'When auth-api restarted, mobile clients retried ECONNRESET errors immediately and without backoff, so the gateway saw 9x its normal traffic and shed load.',
      ),
    );
    expect(extractiveExecSummary(r)).toBe(
      'When auth-api restarted, mobile clients retried errors immediately and without backoff, so the gateway saw 9x its normal traffic and shed load. ' +
        'Impact: The gateway returned errors to 18% of requests for 35 minutes, and 2,300 mobile users could not log in. ' +
        'The incident lasted 22 min; it was detected after 5 min and mitigated after 18 min. ' +
        'To prevent recurrence: Add jittered exponential backoff to the mobile client retries (in-progress); Cap retries per session at 3 (open).',
    );
  });

  it('config push: config keys with values leave, a bare key is put in words, and the summary stays within 150 words', () => {
    const r = review(
      '2026-03-10-payments-config-push-timeout',
      {
        impact:
          '"Card payments failed for 41 minutes (upstream.timeout_ms=500); 8,900 payments were declined."',
        actionItems: `
  - title: "Validate \`upstream.timeout_ms\` against the p99 of the upstream before a push"
    owner: payments
    status: open
  - title: "Set \`maxIdleConns: 16\`"
    owner: payments
    status: done`,
      },
      sections(
        'A config push set `upstream.timeout_ms` to 500 while the card network answered in 800 ms at p99, so payments-api timed out and retried with maxIdleConns=2 until the pool ran dry.',
      ),
    );
    const summary = extractiveExecSummary(r);
    expect(summary).toBe(
      'A config push set the upstream timeout to 500 while the card network answered in 800 ms at p99, so payments-api timed out and retried until the pool ran dry. ' +
        'Impact: Card payments failed for 41 minutes; 8,900 payments were declined. ' +
        'The incident lasted 22 min; it was detected after 5 min and mitigated after 18 min. ' +
        'To prevent recurrence: Validate the upstream timeout against the p99 of the upstream before a push (open).',
    );
    expect(countWords(summary)).toBeLessThanOrEqual(150);
  });
});
