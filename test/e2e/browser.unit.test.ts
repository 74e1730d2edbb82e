/** The Chromium decision logic, with injected lookups and commands (no browser is started). */
import { describe, it, expect } from 'vitest';
import { ChromiumMissing, findChromium, type ChromiumLookup } from './browser.ts';

interface Fake extends ChromiumLookup {
  ran: string[];
  logged: string[];
}

/** A machine where `executables` exist; `installs` says whether apt-get install succeeds. */
function machine(
  executables: string[],
  options: { env?: Record<string, string>; root?: boolean; installs?: boolean } = {},
): Fake {
  const files = new Set(executables);
  const fake: Fake = {
    env: { PATH: '/usr/local/bin:/usr/bin:/bin', ...options.env },
    isExecutable: (path) => files.has(path),
    isRoot: options.root ?? false,
    ran: [],
    logged: [],
    async run(command, args, env) {
      fake.ran.push(`${env.DEBIAN_FRONTEND ?? ''} ${command} ${args.join(' ')}`.trim());
      if (args[0] === 'install' && options.installs) files.add('/usr/bin/chromium');
      return args[0] === 'install' && !options.installs
        ? { ok: false, output: 'Reading package lists...\nE: Unable to locate package chromium\n' }
        : { ok: true, output: '' };
    },
    log: (line) => fake.logged.push(line),
  };
  return fake;
}

async function failure(lookup: ChromiumLookup): Promise<string> {
  try {
    await findChromium(lookup);
  } catch (error) {
    if (error instanceof ChromiumMissing) return error.message;
    throw error;
  }
  throw new Error('expected findChromium to fail');
}

describe('findChromium', () => {
  it('uses CASEBOOK_CHROMIUM first, even when another browser is installed', async () => {
    const lookup = machine(['/opt/chrome-for-testing/chrome', '/usr/bin/chromium'], {
      env: { CASEBOOK_CHROMIUM: '/opt/chrome-for-testing/chrome' },
    });
    expect(await findChromium(lookup)).toBe('/opt/chrome-for-testing/chrome');
  });

  it('refuses a CASEBOOK_CHROMIUM that is not executable instead of silently using another', async () => {
    const lookup = machine(['/usr/bin/chromium'], { env: { CASEBOOK_CHROMIUM: '/nope/chrome' } });
    expect(await failure(lookup)).toBe(
      'CASEBOOK_CHROMIUM=/nope/chrome is not an executable file: point it at a Chromium or Chrome binary, or unset it to use the installed one.',
    );
  });

  it('finds Debian chromium on PATH', async () => {
    expect(await findChromium(machine(['/usr/bin/chromium', '/usr/bin/apt-get']))).toBe(
      '/usr/bin/chromium',
    );
  });

  it('prefers chromium over Google Chrome and searches PATH in order', async () => {
    const lookup = machine(['/usr/local/bin/google-chrome', '/bin/chromium-browser']);
    expect(await findChromium(lookup)).toBe('/bin/chromium-browser');
  });

  it('finds Google Chrome in its usual place when PATH lacks it', async () => {
    const lookup = machine(['/opt/google/chrome/chrome'], { env: { PATH: '/nowhere' } });
    expect(await findChromium(lookup)).toBe('/opt/google/chrome/chrome');
  });

  it('installs Debian chromium as root with apt-get, saying so in one line', async () => {
    const lookup = machine(['/usr/bin/apt-get'], { root: true, installs: true });
    expect(await findChromium(lookup)).toBe('/usr/bin/chromium');
    expect(lookup.ran).toEqual([
      'noninteractive /usr/bin/apt-get update -qq',
      'noninteractive /usr/bin/apt-get install -y -qq chromium',
    ]);
    expect(lookup.logged).toEqual([
      "e2e: no Chromium found; installing Debian's chromium (apt-get update && apt-get install -y chromium)...",
    ]);
  });

  it('reports a failed apt-get install with its last line and what to run', async () => {
    const lookup = machine(['/usr/bin/apt-get'], { root: true, installs: false });
    expect(await failure(lookup)).toBe(
      'Installing Chromium with apt-get failed (E: Unable to locate package chromium): run `apt-get update && apt-get install -y chromium` yourself, or set CASEBOOK_CHROMIUM=/path/to/chromium.',
    );
  });

  it('tells a non-root user with apt-get exactly what to run, installing nothing', async () => {
    const lookup = machine(['/usr/bin/apt-get'], { root: false });
    expect(await failure(lookup)).toBe(
      'No Chromium for the browser tests: run `sudo apt-get install -y chromium` (or set CASEBOOK_CHROMIUM=/path/to/chromium), then npm test again.',
    );
    expect(lookup.ran).toEqual([]);
  });

  it('tells a machine without apt-get to install a browser and set CASEBOOK_CHROMIUM', async () => {
    expect(await failure(machine([], { root: true }))).toBe(
      'No Chromium for the browser tests: install Chromium or Google Chrome and set CASEBOOK_CHROMIUM=/path/to/its/binary, then npm test again.',
    );
  });
});
