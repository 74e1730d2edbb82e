/**
 * The site build's embed: `astro build` runs `casebook embed` itself, in a child process, while
 * Astro syncs the content collection and bundles the pages. Only the pages read the index (the
 * "Similar incidents" section; the find-similar static index is built from the reviews), so they
 * alone wait for it: a
 * Vite plugin holds the end of Astro's bundling until the embed has finished, and an embed that
 * fails stops the build with its own message before any page is rendered.
 *
 * Running it beside Astro rather than before it (`casebook embed && astro build`) takes the
 * embed off the build's critical path: at 1,000 reviews it overlapped Astro's content sync and
 * Vite build almost entirely (`npm run bench:site`). It starts after the build's content check,
 * which has filled the parsed-review cache, so the embed does not parse the reviews again. The
 * same child then computes every page's "Similar incidents" (`--similar-out`), which the pages
 * read from that file (named by the virtual module below) instead of running the pass while they render.
 *
 * CASEBOOK_BUILD_EMBED=0 builds from the index as it is (a reader of an index CI writes, per the
 * "one writer, many readers" rule in the README).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { CasebookError } from '../errors.ts';
import { PROJECT_ROOT } from './build-process.ts';

/** Where the embed's lines go (Astro's integration logger fits). */
interface EmbedLog {
  info(message: string): void;
}

export interface BuildEmbedOptions {
  env: Record<string, string | undefined>;
  /** The folder the build runs in: the embed runs there too, so relative paths agree. */
  cwd: string;
  log: EmbedLog;
  /** Extra `casebook embed` arguments (the build passes `--similar-out <file>`). */
  args?: string[];
  /** The project holding `bin/casebook.mjs` (default: this checkout). */
  root?: string;
}

/** Whether this build embeds (CASEBOOK_BUILD_EMBED=0 turns it off). */
export const buildEmbeds = (env: Record<string, string | undefined>): boolean =>
  env.CASEBOOK_BUILD_EMBED !== '0';

/** The virtual module through which the build tells its pages where the similar-incidents file is. */
export const BUILD_MODULE = 'virtual:casebook/build';

/**
 * The Vite plugin serving BUILD_MODULE: `similarFile`, the path of the embed's similar-incidents
 * file, or null when the pages compute "Similar incidents" themselves (`astro dev`,
 * CASEBOOK_BUILD_EMBED=0); and `building`, whether this is `astro build` (per-build.ts).
 */
export function buildModulePlugin(similarFile: string | null, building = similarFile !== null) {
  const resolved = `\0${BUILD_MODULE}`;
  return {
    name: 'casebook:build-module',
    resolveId: (id: string) => (id === BUILD_MODULE ? resolved : undefined),
    load: (id: string) =>
      id === resolved
        ? `export const similarFile = ${JSON.stringify(similarFile)};\nexport const building = ${building};`
        : undefined,
  };
}

/** How many of the embed's last output lines an error quotes. */
const TAIL_LINES = 20;

/**
 * Starts `casebook embed` in a child process with the build's environment. The promise resolves
 * when it exits 0 and rejects with BUILD_FAILED, quoting the end of its output, otherwise. A
 * rejection nobody awaits yet is not an unhandled one: the build awaits it before rendering.
 */
export function startBuildEmbed(options: BuildEmbedOptions): Promise<void> {
  const bin = join(options.root ?? PROJECT_ROOT, 'bin', 'casebook.mjs');
  const done = new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'embed', ...(options.args ?? [])], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tail: string[] = [];
    const onLines = (stream: NodeJS.ReadableStream) => {
      let rest = '';
      stream.setEncoding('utf8');
      stream.on('data', (data: string) => {
        const lines = (rest + data).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) emit(line);
      });
      stream.on('end', () => rest && emit(rest));
    };
    const emit = (line: string) => {
      if (!line.trim()) return;
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
      options.log.info(line.startsWith('embed') ? line : `embed: ${line}`);
    };
    onLines(child.stdout);
    onLines(child.stderr);
    // A build that stops early (Astro exits on an error) stops its embed; an embed killed at
    // any point leaves the old index or the new one (embed.ts).
    const stop = () => child.kill();
    process.once('exit', stop);
    child.on('close', () => process.off('exit', stop));
    child.on('error', (error) =>
      reject(
        new CasebookError('BUILD_FAILED', `could not start casebook embed: ${error.message}`, {
          cause: error,
        }),
      ),
    );
    child.on('close', (code, signal) => {
      if (code === 0) return resolve();
      reject(
        new CasebookError(
          'BUILD_FAILED',
          `casebook embed ${signal ? `was stopped by ${signal}` : `exited with ${code}`}; the site was not built:\n${tail.join('\n')}\nRun \`npx casebook embed\` to see the whole output, or set CASEBOOK_BUILD_EMBED=0 to build from the index as it is.`,
        ),
      );
    });
  });
  done.catch(() => undefined);
  return done;
}
