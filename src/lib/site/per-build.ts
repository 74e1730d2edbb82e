/**
 * Build-wide values the pages share: computed once per `astro build`, and again on every request
 * under `astro dev` (content changes between requests). Whether this is a build comes from the
 * Casebook integration (`virtual:casebook/build`), not from `import.meta.env.DEV`: that follows
 * NODE_ENV, and a build run with NODE_ENV=test (as under vitest) would recompute every value on
 * every page (the similar-incidents pass once per review page).
 */
import { building } from 'virtual:casebook/build';

/** `load` once per build (per call under `astro dev`). */
export function perBuild<T>(load: () => Promise<T>): () => Promise<T> {
  let cached: Promise<T> | undefined;
  return () => {
    if (!building) cached = undefined;
    cached ??= load();
    return cached;
  };
}
