/** An in-memory `Io` for running commands in-process. */
import { Readable } from 'node:stream';
import type { Io } from '../../src/lib/cli/io.ts';

export interface CapturedIo extends Io {
  out: () => string;
  err: () => string;
}

export function captureIo(
  options: {
    cwd?: string;
    env?: Record<string, string | undefined>;
    stdin?: string | undefined;
    now?: Date | undefined;
  } = {},
): CapturedIo {
  let out = '';
  let err = '';
  return {
    stdout: { write: (chunk: string) => (out += chunk) },
    stderr: { write: (chunk: string) => (err += chunk) },
    stdin: Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]),
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    now: () => options.now ?? new Date('2026-11-28T12:00:00Z'),
    out: () => out,
    err: () => err,
  };
}
