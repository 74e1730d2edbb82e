import { describe, expect, it } from 'vitest';
import { servicesInvolved } from '../../../src/lib/classify/index.ts';

describe('servicesInvolved', () => {
  it('lists the components that failed first and leaves out a suspect the notes ruled out', () => {
    const notes = [
      '- 14:02 ledger-api returning 503 to payouts-worker',
      '- 14:10 suspected auth-gateway, ruled out: its p99 was flat',
      '- ledger-db connections at max; ledger-api pool timeouts',
      '- reporting-svc runs the nightly export',
    ].join('\n');
    expect(servicesInvolved(notes)).toEqual([
      'ledger-api',
      'payouts-worker',
      'ledger-db',
      'reporting-svc',
    ]);
  });
});
