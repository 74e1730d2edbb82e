/** `npm run bench:site -- --reviews N [--keep]`: check + build + Pagefind on N synthetic reviews. */
import { parseArgs } from 'node:util';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { runSiteBench, writeBenchResult } from './site-bench.ts';
import { PROJECT_ROOT } from '../../src/lib/site/build-process.ts';

const { values } = parseArgs({
  options: {
    reviews: { type: 'string', default: '100' },
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
});
console.log(
  `  total     ${result.seconds.total.toFixed(2)} s  (check + build + pagefind; target for 1000 reviews: < 60 s)`,
);
console.log(
  `  ${result.pagesPerSecond} pages/s, Pagefind index ${(result.pagefindBytes / 1024 / 1024).toFixed(2)} MiB on disk, site ${(result.siteBytes / 1024 / 1024).toFixed(1)} MiB`,
);
console.log(`  → ${await writeBenchResult(join(PROJECT_ROOT, 'bench-results'), result)}`);
