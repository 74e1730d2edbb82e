/**
 * Headless Chromium for the end-to-end tests, through playwright-core. `findChromium` picks the
 * browser once (in the e2e global setup), in this order: CASEBOOK_CHROMIUM; an installed Debian /
 * Ubuntu `chromium` or Google Chrome; as root with apt-get, Debian's `chromium`, installed on the
 * spot. Otherwise it fails with one line saying what to run.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Executable names looked up on PATH, in order of preference. */
const BROWSER_NAMES = [
  'chromium',
  'chromium-browser',
  'google-chrome',
  'google-chrome-stable',
] as const;

/** Where Debian and Ubuntu packages put them, for a PATH that lacks /usr/bin. */
const BROWSER_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
] as const;

/** What Debian's package installs. */
const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** Everything `findChromium` looks at or does, injectable for tests. */
export interface ChromiumLookup {
  env: Record<string, string | undefined>;
  /** Whether `path` is an executable file. */
  isExecutable(path: string): boolean;
  /** Whether the process runs as root. */
  isRoot: boolean;
  /**
   * Runs a command; resolves to whether it exited 0 (its output is for `log` on failure). It must
   * not block: the global setup runs in vitest's main process, which the unit workers talk to.
   */
  run(
    command: string,
    args: string[],
    env: Record<string, string>,
  ): Promise<{ ok: boolean; output: string }>;
  /** Prints one line for the person running the tests. */
  log(line: string): void;
}

/** The thrown error's message is the one line to show; no stack is needed. */
export class ChromiumMissing extends Error {
  override name = 'ChromiumMissing';
}

/** The first executable with one of `names` on `PATH`. */
function onPath(
  names: readonly string[],
  env: Record<string, string | undefined>,
  isExecutable: (path: string) => boolean,
): string | undefined {
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of names)
    for (const dir of dirs) if (isExecutable(join(dir, name))) return join(dir, name);
  return undefined;
}

/** Finds (or, as root with apt-get, installs) the Chromium the browser tests use. */
export async function findChromium(lookup: ChromiumLookup): Promise<string> {
  const { env, isExecutable } = lookup;
  const chosen = env.CASEBOOK_CHROMIUM;
  if (chosen) {
    if (isExecutable(chosen)) return chosen;
    throw new ChromiumMissing(
      `CASEBOOK_CHROMIUM=${chosen} is not an executable file: point it at a Chromium or Chrome binary, or unset it to use the installed one.`,
    );
  }
  const found =
    onPath(BROWSER_NAMES, env, isExecutable) ?? BROWSER_PATHS.find((p) => isExecutable(p));
  if (found) return found;

  const aptGet = onPath(['apt-get'], env, isExecutable);
  if (aptGet && lookup.isRoot) {
    lookup.log(
      "e2e: no Chromium found; installing Debian's chromium (apt-get update && apt-get install -y chromium)...",
    );
    const aptEnv = { DEBIAN_FRONTEND: 'noninteractive' };
    const update = await lookup.run(aptGet, ['update', '-qq'], aptEnv);
    const install = update.ok
      ? await lookup.run(aptGet, ['install', '-y', '-qq', 'chromium'], aptEnv)
      : update;
    if (install.ok && isExecutable(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
    throw new ChromiumMissing(
      `Installing Chromium with apt-get failed (${lastLine(install.output)}): run \`apt-get update && apt-get install -y chromium\` yourself, or set CASEBOOK_CHROMIUM=/path/to/chromium.`,
    );
  }
  throw new ChromiumMissing(
    aptGet
      ? 'No Chromium for the browser tests: run `sudo apt-get install -y chromium` (or set CASEBOOK_CHROMIUM=/path/to/chromium), then npm test again.'
      : 'No Chromium for the browser tests: install Chromium or Google Chrome and set CASEBOOK_CHROMIUM=/path/to/its/binary, then npm test again.',
  );
}

const lastLine = (output: string): string => output.trim().split('\n').pop()?.trim() || 'no output';

/** The real machine: process.env, the file system, child processes. */
export function systemLookup(log: (line: string) => void): ChromiumLookup {
  return {
    env: process.env,
    isExecutable(path) {
      try {
        accessSync(path, constants.X_OK);
        return true;
      } catch {
        return false;
      }
    },
    isRoot: process.getuid?.() === 0,
    run(command, args, env) {
      return new Promise((resolve) => {
        let output = '';
        const child = spawn(command, args, {
          env: { ...process.env, ...env },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        child.stdout.on('data', (d) => (output += d));
        child.stderr.on('data', (d) => (output += d));
        child.on('error', (error) => resolve({ ok: false, output: output + error.message }));
        child.on('close', (code) => resolve({ ok: code === 0, output }));
      });
    },
    log,
  };
}

/**
 * Launches headless Chromium (the one the global setup found) with the project's flags. Close it
 * in `afterAll`. (vitest is imported here, not at the top: the global setup imports this module
 * outside a test worker.)
 */
export async function launchBrowser(): Promise<Browser> {
  const { inject } = await import('vitest');
  return chromium.launch({ executablePath: inject('chromiumPath'), args: CHROMIUM_ARGS });
}
