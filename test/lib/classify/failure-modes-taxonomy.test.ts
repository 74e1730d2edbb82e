import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  mapFailureModes,
  scoreFailureModes,
  UNCLASSIFIED,
} from '../../../src/lib/classify/index.ts';
import { loadTaxonomy } from '../../../src/lib/review/taxonomy.ts';
import { SAMPLE_CONTENT } from '../../helpers/content.ts';

const slugsOf = (text: string, taxonomy: Parameters<typeof scoreFailureModes>[1]) =>
  scoreFailureModes(text, taxonomy).map((s) => s.slug);

describe('failure modes real postmortems need beyond the sample', async () => {
  const taxonomy = await loadTaxonomy(SAMPLE_CONTENT);

  it('lists security, dependency, network, capacity and hardware modes in the taxonomy', () => {
    const slugs = taxonomy.map((m) => m.slug);
    for (const slug of [
      'security-incident',
      'dependency-outage',
      'network-partition',
      'capacity-exhaustion',
      'hardware-failure',
    ])
      expect(slugs).toContain(slug);
  });

  it('suggests a security incident for a leaked key used by an attacker', () => {
    const text = [
      'Crypto-mining instances appeared in the billing account overnight.',
      'An attacker found an access key that had been committed to a public repository and used',
      'it to start 300 instances. We revoked the key, rotated every credential of the CI user',
      'and told the affected customers.',
    ].join('\n');
    expect(slugsOf(text, taxonomy)).toEqual(['security-incident']);
  });

  it('suggests a security incident for a denial-of-service attack', () => {
    expect(
      slugsOf(
        'The login page was unreachable for 50 minutes during a DDoS from a botnet of 40k addresses.',
        taxonomy,
      ),
    ).toEqual(['security-incident']);
  });

  it('suggests a dependency outage when the cloud provider has a regional outage', () => {
    const text = [
      'Uploads failed for 70 minutes. Our object storage vendor had a regional outage in',
      'eu-west-1 and every PUT returned 503. There was nothing to roll back on our side; we',
      'waited for the vendor, then added a second bucket in another region as a fallback.',
    ].join('\n');
    expect(slugsOf(text, taxonomy)).toEqual(['dependency-outage']);
  });

  it('suggests a network partition for a BGP route leak', () => {
    const text = [
      'A transit peer re-announced our prefixes with a shorter path, a classic BGP route leak,',
      'and traffic from two ISPs was blackholed for 25 minutes until the peer withdrew them.',
    ].join('\n');
    expect(slugsOf(text, taxonomy)).toEqual(['network-partition']);
  });

  it('suggests a network partition when a cluster splits brain across a failed link', () => {
    const text =
      'The link between the two racks flapped; each half of the cluster elected its own leader (split brain) and both accepted writes.';
    expect(slugsOf(text, taxonomy)).toEqual(['network-partition']);
  });

  it('suggests capacity exhaustion when the fleet runs out of compute under a traffic spike', () => {
    const text = [
      'A sale tripled traffic. CPU saturation on every API host pushed p99 latency to 30 s;',
      'the fleet was under-provisioned for the peak and new instances took 12 minutes to boot.',
    ].join('\n');
    expect(slugsOf(text, taxonomy)).toEqual(['capacity-exhaustion']);
  });

  it('suggests a hardware failure for a failed disk and power supply', () => {
    const text =
      'db-07 went read-only after a failed disk, and the spare had a faulty power supply, so the RAID array could not rebuild.';
    expect(slugsOf(text, taxonomy)).toEqual(['hardware-failure']);
  });

  it('keeps a rate limit a quota, not capacity: the provider refused the calls', () => {
    expect(
      slugsOf('The payments API returned 429: we hit the rate limit of 100 requests/s.', taxonomy),
    ).toEqual(['quota-exhaustion']);
  });

  it('leaves text with no evidence unclassified, with score 0', () => {
    const text = [
      'The service was unavailable for some customers on Tuesday afternoon.',
      'The team looked into it, things recovered, and we will follow up next week.',
    ].join('\n');
    expect(scoreFailureModes(text, taxonomy)).toEqual([{ slug: UNCLASSIFIED, score: 0 }]);
  });

  it('does not call a security review cycle that blocked access a security incident', () => {
    expect(
      slugsOf(
        'A change made during the routine security controls review was the trigger of this incident.',
        taxonomy,
      ),
    ).toEqual([UNCLASSIFIED]);
  });

  it('maps imported categories for the new modes through the one rule table', () => {
    const mapping = mapFailureModes(
      ['Security', 'third-party', 'networking', 'hardware'],
      taxonomy,
    );
    expect(mapping.slugs).toEqual([
      'security-incident',
      'dependency-outage',
      'network-partition',
      'hardware-failure',
    ]);
    expect(mapping.unmatched).toEqual([]);
  });
});

describe('a failure mode a team adds to its taxonomy', () => {
  it('is suggested from its description alone, with no rule written for it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'casebook-taxonomy-'));
    const sample = await readFile(join(SAMPLE_CONTENT, 'failure-modes.yaml'), 'utf8');
    const added = [
      '- slug: feature-flag-misfire',
      '  name: Feature-flag misfire',
      '  description: >-',
      '    A feature flag evaluates to the wrong value: a targeting rule matches the wrong',
      '    audience, a percentage rollout is set far too high, or a kill switch is left off.',
      '',
    ].join('\n');
    await writeFile(join(dir, 'failure-modes.yaml'), `${sample.trimEnd()}\n${added}`);
    const taxonomy = await loadTaxonomy(dir);
    const text = [
      'Checkout v2 reached every customer within a minute.',
      'The percentage rollout was typed as 100 instead of 10, and the targeting rule matched',
      'the whole audience, so the unfinished payment page was served to all of them.',
    ].join('\n');
    const [first] = scoreFailureModes(text, taxonomy);
    expect(first?.slug).toBe('feature-flag-misfire');
    expect(first?.score).toBeGreaterThanOrEqual(2);
    expect(scoreFailureModes('We reviewed the roadmap for the next quarter.', taxonomy)).toEqual([
      { slug: UNCLASSIFIED, score: 0 },
    ]);
  });
});
