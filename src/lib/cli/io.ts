/** The world a command touches, injected so tests can run commands in-process and offline. */
export interface Io {
  stdout: { write(chunk: string): unknown; isTTY?: boolean };
  stderr: { write(chunk: string): unknown; isTTY?: boolean };
  stdin: NodeJS.ReadableStream;
  env: Record<string, string | undefined>;
  cwd: string;
  /** The clock. */
  now: () => Date;
  /** `fetch` for network clients (the Anthropic SDK). */
  fetch?: typeof fetch;
}

export function processIo(): Io {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    now: () => new Date(),
  };
}

/** Progress line writer: rewrites one line on a TTY, prints a line per update otherwise (throttled). */
export function progress(
  io: Io,
  label: string,
): { tick(done: number, total: number): void; done(summary: string): void } {
  const started = Date.now();
  let lastPrint = 0;
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
  return {
    tick(done, total) {
      const now = Date.now();
      if (done !== total && now - lastPrint < (io.stderr.isTTY ? 100 : 2000)) return;
      lastPrint = now;
      const line = `${label} ${done}/${total} (${elapsed()})`;
      io.stderr.write(io.stderr.isTTY ? `\r${line}` : `${line}\n`);
    },
    done(summary) {
      io.stderr.write(`${io.stderr.isTTY ? '\r' : ''}${label} done in ${elapsed()}: ${summary}\n`);
    },
  };
}
