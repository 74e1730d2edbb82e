/** The e2e build helpers (they live in src/lib/site/build-process.ts, shared with the site benchmark). */
export { runAstroBuild, makeBuildDir, PROJECT_ROOT } from '../../src/lib/site/build-process.ts';
