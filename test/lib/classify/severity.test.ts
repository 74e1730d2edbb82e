import { describe, expect, it } from 'vitest';
import { severityInText, severityOf } from '../../../src/lib/classify/index.ts';

describe('severity', () => {
  it('maps source severity words to SEV1-SEV4', () => {
    expect(severityOf('P2')).toBe('SEV2');
    expect(severityOf('critical')).toBe('SEV1');
    expect(severityOf('minor')).toBe('SEV3');
    expect(severityOf('unknown')).toBeUndefined();
  });

  it('finds a stated severity in notes and nothing when there is none', () => {
    expect(severityInText('14:31 declared sev-2, bridge opened')).toBe('SEV2');
    expect(severityInText('14:31 bridge opened')).toBeUndefined();
  });
});
