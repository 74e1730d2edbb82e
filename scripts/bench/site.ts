/**
 * `npm run bench:site -- --reviews N [--keep]`: Casebook's `npm run build` against a bare
 * Astro + Pagefind site of the same N synthetic reviews, in one run (see site-bench.ts).
 */
import { parseArgs } from 'node:util';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { mib, runSiteBench, writeBenchResult } from './site-bench.ts';
import { PROJECT_ROOT } from '../../src/lib/site/build-process.ts';

const { values } = parseArgs({
  options: {
    reviews: { type: 'string', default: '1000' },
    keep: { type: 'boolean', default: false },
  },
});
const n = Number(values.reviews);
if (!Number.isInteger(n) || n < 1) {
  console.error(`--reviews must be a positive whole number, got "${values.reviews}".`);
  process.exit(2);
}
const cores = availableParallelism();
console.log(`bench:site — ${n} synthetic reviews, ${cores} cores`);
const result = await runSiteBench(n, {
  keep: values.keep,
  cores,
  log: (line) => console.log(`  ${line}`),
  partial: (soFar) => writeBenchResult(join(PROJECT_ROOT, 'bench-results'), soFar),
});
console.log(
  `  ratio     ${result.ratio.toFixed(2)}× the floor (Casebook ${result.casebook.seconds.toFixed(2)} s, floor ${result.floor.seconds.toFixed(2)} s; target ≤ 1.5×)`,
);
console.log(
  `  memory    peak ${mib(result.casebook.peakRssBytes)} (floor ${mib(result.floor.peakRssBytes)}); load average ${result.loadAverage.start} → ${result.loadAverage.end} on ${cores} cores`,
);
console.log(`  → ${await writeBenchResult(join(PROJECT_ROOT, 'bench-results'), result)}`);
