import { elapsedSince, streamProgress } from '../progress.ts';

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

/** Progress of one step on stderr (src/lib/progress.ts), ending with `<label> done in 1.2s: <summary>`. */
export function progress(
  io: Io,
  label: string,
): { tick(done: number, total: number): void; done(summary: string): void } {
  const started = Date.now();
  const lines = streamProgress(io.stderr);
  return {
    tick: (done, total) => lines.progress(done, total, label),
    done: (summary) => lines.info(`${label} done in ${elapsedSince(started)}: ${summary}`),
  };
}
