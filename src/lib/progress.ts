/**
 * How core code reports what it is doing, without knowing about the CLI: a one-line message
 * (`info`) and progress through a known amount of work (`progress`). The CLI passes one that
 * writes to stderr (`streamProgress`); tests and benchmarks pass their own.
 */

/** Where core code reports to. */
export interface Progress {
  /** One line of news ("re-embedding all 40 reviews: ..."). */
  info(message: string): void;
  /** `done` of `total` items of the step `label` are finished. */
  progress(done: number, total: number, label: string): void;
}

/** A text stream (process.stderr, or a test's capture). */
export interface TextStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

/**
 * Progress written to a stream: on a TTY one line rewritten in place (at most every 100 ms),
 * otherwise a line per update at most every 2 s, and always the last one. Each line says how
 * long the step has run: `embed 40/400 (1.2s)`.
 */
export function streamProgress(stream: TextStream, now: () => number = Date.now): Progress {
  const started = new Map<string, number>();
  let lastPrint = -Infinity;
  let partialLine = false;
  const endLine = () => {
    if (partialLine) stream.write('\n');
    partialLine = false;
  };
  return {
    info(message) {
      endLine();
      stream.write(`${message}\n`);
    },
    progress(done, total, label) {
      const time = now();
      if (!started.has(label)) started.set(label, time);
      if (done !== total && time - lastPrint < (stream.isTTY ? 100 : 2000)) return;
      lastPrint = time;
      const line = `${label} ${done}/${total} (${elapsedSince(started.get(label) ?? time, time)})`;
      if (stream.isTTY) {
        stream.write(`\r${line}`);
        partialLine = done !== total;
        if (!partialLine) stream.write('\n');
      } else stream.write(`${line}\n`);
    },
  };
}

/** "1.2s": seconds since `start`, one decimal. */
export const elapsedSince = (start: number, now: number = Date.now()): string =>
  `${((now - start) / 1000).toFixed(1)}s`;
