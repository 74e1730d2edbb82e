/**
 * Running the site build as `npm run build` does, in a child process, into a chosen outDir with
 * isolated caches. Used by the e2e global setup and the site benchmark.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CasebookError } from '../errors.ts';

/** The project root (where astro.config.mjs is). */
export const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * A fresh work folder INSIDE the project (under the gitignored .casebook/tmp/). Astro 5
 * mishandles an outDir outside the project root (it copies its .astro/ files into it and deletes
 * the project's .astro/ folder), so builds never target the OS temp dir.
 */
export async function makeBuildDir(prefix: string, root = PROJECT_ROOT): Promise<string> {
  const base = join(root, '.casebook', 'tmp');
  await mkdir(base, { recursive: true });
  return mkdtemp(join(base, prefix));
}

/** Runs a command in the project root; resolves with its output, rejects with it on a non-zero exit. */
function runInProject(
  cmd: string,
  args: string[],
  env: Record<string, string>,
  root = PROJECT_ROOT,
): Promise<string> {
  return new Promise((ok, fail) => {
    const child = spawn(cmd, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', fail);
    child.on('close', (code) =>
      code === 0
        ? ok(out)
        : fail(
            new CasebookError(
              'BUILD_FAILED',
              `${cmd} ${args.join(' ')} exited with ${code}:\n${out}`,
            ),
          ),
    );
  });
}

/**
 * `astro build --outDir <outDir>`, which is `npm run build`: the Casebook integration checks the
 * content and runs `casebook embed` beside Astro (build-embed.ts).
 * `env` carries CASEBOOK_DB, CASEBOOK_CACHE_DIR and optionally CASEBOOK_CONTENT.
 */
export const runAstroBuild = (outDir: string, env: Record<string, string>): Promise<string> =>
  runInProject(process.execPath, ['node_modules/astro/astro.js', 'build', '--outDir', outDir], env);
