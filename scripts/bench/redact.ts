/**
 * `npm run bench:redact`: recall of the one redaction (src/lib/redact) on the planted-secret
 * corpus (test/fixtures/redact/corpus.ts), personal-data recall with PII on, and false positives
 * on near-misses that must stay. Prints the figures and writes bench-results/redact.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PII_KINDS, redact } from '../../src/lib/redact/index.ts';
import {
  NEAR_MISSES,
  PII,
  SECRETS,
  survivingPiece,
  type SecretCase,
} from '../../test/fixtures/redact/corpus.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const started = performance.now();

/** A planted case is caught when no piece of its value is left and a placeholder took its place. */
async function caught(c: SecretCase, pii: boolean): Promise<boolean> {
  const out = await redact(c.text, pii ? { pii: PII_KINDS } : {});
  return !survivingPiece(c, out.text) && out.count > 0;
}

const missed: string[] = [];
for (const c of SECRETS)
  if (!(await caught(c, false))) missed.push(`${c.kind}: ${c.text.slice(0, 80)}`);
const piiMissed: string[] = [];
for (const c of PII) if (!(await caught(c, true))) piiMissed.push(`${c.kind}: ${c.text}`);
const falsePositives: string[] = [];
for (const near of NEAR_MISSES) {
  const out = await redact(near.text, { pii: PII_KINDS });
  if (out.text !== near.text) falsePositives.push(`${near.label}: ${out.text.slice(0, 100)}`);
}

// Everything in one text, to check that the printed count equals the planted count.
const joined = await redact(SECRETS.map((c) => c.text).join('\n\n'));

const kinds = new Set(SECRETS.map((c) => c.kind));
const results = {
  secrets: SECRETS.length,
  kinds: kinds.size,
  recall: (SECRETS.length - missed.length) / SECRETS.length,
  missed,
  pii: PII.length,
  piiRecall: (PII.length - piiMissed.length) / PII.length,
  piiMissed,
  nearMisses: NEAR_MISSES.length,
  falsePositives: falsePositives.length,
  falsePositiveCases: falsePositives,
  joinedCount: joined.count,
  seconds: (performance.now() - started) / 1000,
};

console.log(
  `secrets: ${results.secrets} across ${results.kinds} kinds, recall ${(results.recall * 100).toFixed(1)}% (${missed.length} missed)`,
);
for (const m of missed) console.log(`  missed ${m}`);
console.log(
  `personal data: ${results.pii}, recall ${(results.piiRecall * 100).toFixed(1)}% (${piiMissed.length} missed)`,
);
for (const m of piiMissed) console.log(`  missed ${m}`);
console.log(`near-misses: ${results.nearMisses}, false positives ${falsePositives.length}`);
for (const f of falsePositives) console.log(`  changed ${f}`);
console.log(`all secrets in one text: ${joined.count} redactions for ${SECRETS.length} planted`);

await mkdir(join(ROOT, 'bench-results'), { recursive: true });
await writeFile(join(ROOT, 'bench-results/redact.json'), JSON.stringify(results, null, 2) + '\n');
console.log(`wrote bench-results/redact.json (${results.seconds.toFixed(1)} s)`);
