import { describe, expect, it } from 'vitest';
import { knownSelection } from '../../../../src/lib/site/client/search-page.ts';

const options = {
  severity: { SEV1: 2, SEV2: 6 },
  service: { 'payments-api': 3, 'ledger-service': 2 },
};

describe('the filters a shared search URL asks for', () => {
  it('keeps the values the site has, spelled as the site spells them', () => {
    expect(
      knownSelection({ severity: ['sev2', 'SEV1'], service: ['Payments-API'] }, options),
    ).toEqual({
      selection: { severity: ['SEV2', 'SEV1'], service: ['payments-api'] },
      dropped: [],
    });
  });

  it('drops a value no review has and names it as param=value', () => {
    expect(
      knownSelection({ service: ['billing-legacy', 'ledger-service'], year: ['2019'] }, options),
    ).toEqual({
      selection: { service: ['ledger-service'] },
      dropped: ['service=billing-legacy', 'year=2019'],
    });
  });

  it('keeps one copy of a value asked for twice', () => {
    expect(knownSelection({ severity: ['SEV1', 'sev1'] }, options).selection).toEqual({
      severity: ['SEV1'],
    });
  });
});
