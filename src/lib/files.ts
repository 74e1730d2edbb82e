/** File-system helpers: safe reads (size, binary, UTF-8) and atomic writes. */
import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { randomBytes } from 'node:crypto';
import { CasebookError } from './errors.ts';

/** Why some bytes are not usable text, or null when they are. */
export function textProblem(bytes: Uint8Array): 'binary' | 'not-utf8' | null {
  const probe = bytes.subarray(0, Math.min(bytes.length, 8192));
  if (probe.includes(0)) return 'binary';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return 'not-utf8';
  }
  return null;
}

/** Decodes bytes as UTF-8 text, or throws a CasebookError naming `label`. */
export function decodeText(bytes: Uint8Array, label: string): string {
  const problem = textProblem(bytes);
  if (problem === 'binary') {
    throw new CasebookError(
      'FILE_BINARY',
      `${label}: this is a binary file, not text. Pass a Markdown or plain-text file.`,
    );
  }
  if (problem === 'not-utf8') {
    throw new CasebookError(
      'FILE_NOT_UTF8',
      `${label}: the file is not valid UTF-8. Re-save it as UTF-8 (e.g. \`iconv -f latin1 -t utf-8\`).`,
    );
  }
  return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
}

export interface ReadTextOptions {
  /** Largest accepted size in bytes; larger input throws FILE_TOO_LARGE unless `truncate` is set. */
  maxBytes?: number;
  /** Keep the first `maxBytes` instead of failing. */
  truncate?: boolean;
}

export interface TextInput {
  text: string;
  /** True when the input was cut to `maxBytes`. */
  truncated: boolean;
  bytes: number;
}

/** Reads a text file (or `-` for stdin) with the checks every command needs. */
export async function readTextInput(
  path: string,
  options: ReadTextOptions = {},
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<TextInput> {
  const label = path === '-' ? 'stdin' : path;
  let bytes: Uint8Array;
  try {
    bytes = path === '-' ? await readStream(stdin) : await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new CasebookError('FILE_NOT_FOUND', `${label}: no such file. Check the path.`, {
        cause: error,
      });
    if (code === 'EISDIR')
      throw new CasebookError('FILE_UNREADABLE', `${label}: is a directory; pass a file.`, {
        cause: error,
      });
    throw new CasebookError(
      'FILE_UNREADABLE',
      `${label}: cannot be read (${code ?? String(error)}). Check its permissions.`,
      { cause: error },
    );
  }
  let truncated = false;
  const total = bytes.length;
  if (options.maxBytes !== undefined && bytes.length > options.maxBytes) {
    if (!options.truncate) {
      throw new CasebookError(
        'FILE_TOO_LARGE',
        `${label}: ${total} bytes is over the limit of ${options.maxBytes} bytes. Trim it to the relevant part.`,
      );
    }
    let cut = options.maxBytes;
    // Do not cut inside a UTF-8 sequence.
    while (cut > 0 && ((bytes[cut] ?? 0) & 0xc0) === 0x80) cut--;
    bytes = bytes.subarray(0, cut);
    truncated = true;
  }
  return { text: decodeText(bytes, label), truncated, bytes: total };
}

async function readStream(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

export interface WriteOptions {
  /** Replace an existing file. Without it an existing file throws FILE_EXISTS. */
  force?: boolean;
}

/**
 * Writes `content` to `path` atomically: a temp file in the same folder, fsync, then rename.
 * Never replaces an existing file unless `force` is set.
 */
export async function writeFileAtomic(
  path: string,
  content: string | Uint8Array,
  options: WriteOptions = {},
): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, content, { flag: 'wx' });
    const handle = await open(temp, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (!options.force) {
      // Create the destination exclusively so a concurrent writer or an existing file is never clobbered.
      try {
        const dest = await open(path, 'wx');
        await dest.close();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
          throw new CasebookError(
            'FILE_EXISTS',
            `${path} already exists. Pass --force to overwrite it, or --out to write elsewhere.`,
          );
        }
        throw error;
      }
    }
    await rename(temp, path);
  } finally {
    await rm(temp, { force: true });
  }
}
