/** File-system helpers: safe reads (size, binary, UTF-8) and atomic writes. */
import { access, mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
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

/** The encodings text input is decoded from. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/**
 * Windows-1252 bytes 0x80–0x9F (€, curly quotes, dashes, …) as code points; 0 where the byte is
 * unassigned. Node's TextDecoder('windows-1252') decodes these bytes as Latin-1 C1 controls, so
 * they are mapped here; every other byte is its own code point in both encodings.
 */
const CP1252_80_9F = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152,
  0, 0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161,
  0x203a, 0x0153, 0, 0x017e, 0x0178,
];

function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = Array.from(bytes.subarray(i, i + 8192), (b) =>
      b >= 0x80 && b <= 0x9f ? CP1252_80_9F[b - 0x80] || b : b,
    );
    out += String.fromCharCode(...chunk);
  }
  return out;
}

/** Share of characters that are control characters other than tab, newline, carriage return and form feed. */
function controlShare(text: string): number {
  // eslint-disable-next-line no-control-regex -- counting control characters is the point
  const controls = text.match(/[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]/g)?.length ?? 0;
  return text.length ? controls / text.length : 0;
}

/**
 * Decodes bytes as text, or throws a CasebookError naming `label`. A UTF-8 BOM is dropped; a
 * UTF-16 BOM (LE or BE) decodes UTF-16. Bytes that are not UTF-8 fail, or with `fallback` are
 * decoded as Windows-1252 when they still look like text.
 */
function decodeText(
  bytes: Uint8Array,
  label: string,
  fallback?: 'windows-1252',
): { text: string; encoding: TextEncoding } {
  const utf16: TextEncoding | undefined =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? 'utf-16le'
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? 'utf-16be'
        : undefined;
  if (utf16) {
    try {
      const text = new TextDecoder(utf16, { fatal: true }).decode(bytes.subarray(2));
      if (!text.includes('\u0000')) return { text, encoding: utf16 };
    } catch {
      // Falls through to the binary error below.
    }
    throw new CasebookError(
      'FILE_BINARY',
      `${label}: starts with a ${utf16.toUpperCase()} byte-order mark but is not valid ${utf16.toUpperCase()} text. Re-save it as UTF-8.`,
    );
  }
  const problem = textProblem(bytes);
  if (problem === 'binary') {
    throw new CasebookError(
      'FILE_BINARY',
      `${label}: this is a binary file, not text. Pass a Markdown or plain-text file.`,
    );
  }
  if (problem === 'not-utf8') {
    if (fallback === 'windows-1252') {
      const text = decodeWindows1252(bytes);
      if (controlShare(text) < 0.01) return { text, encoding: 'windows-1252' };
      throw new CasebookError(
        'FILE_BINARY',
        `${label}: neither UTF-8 nor Windows-1252 text (it holds control bytes); it looks binary. Pass a Markdown, text, HTML, CSV or JSON file saved as UTF-8.`,
      );
    }
    throw new CasebookError(
      'FILE_NOT_UTF8',
      `${label}: the file is not valid UTF-8. Re-save it as UTF-8 (e.g. \`iconv -f latin1 -t utf-8\`).`,
    );
  }
  return { text: new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, ''), encoding: 'utf-8' };
}

/**
 * Removes control characters that have no place in a review (NUL, the other C0 controls except
 * tab, newline and carriage return, DEL and the C1 controls), and in JSON text also their
 * `\u0000`-style escapes, so they cannot reach a written file. Returns the text and how many
 * were removed.
 */
export function stripControlChars(
  text: string,
  options: { json?: boolean } = {},
): { text: string; removed: number } {
  let removed = 0;
  const drop = () => {
    removed++;
    return '';
  };
  let out = text.replace(CONTROL_CHARS, drop);
  if (options.json) out = out.replace(JSON_CONTROL_ESCAPES, (_m, pairs: string) => pairs + drop());
  return { text: out, removed };
}

const CONTROL_CHARS = new RegExp(
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  '[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f]',
  'g',
);
/** `\u0000`…`\u001f` (but tab, newline, return), `\u007f`…`\u009f` escapes, not themselves escaped. */
const JSON_CONTROL_ESCAPES =
  /(?<!\\)((?:\\\\)*)\\u(?:00(?:0[0-8bcefBCEF]|1[0-9a-fA-F]|7[fF]|8[0-9a-fA-F]|9[0-9a-fA-F]))/g;

export interface ReadTextOptions {
  /** Largest accepted size in bytes; larger input throws FILE_TOO_LARGE unless `truncate` is set. */
  maxBytes?: number;
  /** Keep the first `maxBytes` instead of failing. */
  truncate?: boolean;
  /** Decode input that is not UTF-8 (and not binary) as this instead of throwing FILE_NOT_UTF8. */
  fallbackEncoding?: 'windows-1252';
}

export interface TextInput {
  text: string;
  /** True when the input was cut to `maxBytes`. */
  truncated: boolean;
  bytes: number;
  /** What the bytes were decoded from (UTF-16 only with a byte-order mark). */
  encoding: TextEncoding;
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
  return { ...decodeText(bytes, label, options.fallbackEncoding), truncated, bytes: total };
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

/** Why a file cannot be written at `path`, as a CasebookError naming it. */
function writeError(path: string, error: unknown): CasebookError {
  if (error instanceof CasebookError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const why: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'the file system is read-only',
    ENOTDIR: 'a parent of it is a file, not a folder',
    EISDIR: 'it is a folder',
    ENOSPC: 'the disk is full',
    EDQUOT: 'the disk quota is exceeded',
    ENAMETOOLONG: 'the name is too long',
  };
  return new CasebookError(
    'FILE_UNWRITABLE',
    `${path}: cannot be written (${(code && why[code]) ?? code ?? String(error)}). Check the folder exists and is writable, or write elsewhere (--out / --content).`,
    { cause: error },
  );
}

/**
 * Throws FILE_EXISTS when `path` exists, before any slow or paid work that would end by writing
 * it. `fix` says what to do instead (e.g. "Pass --force to overwrite it, or another --out.").
 */
export async function assertAbsent(path: string, fix: string, shown = path): Promise<void> {
  const found = await access(path).then(
    () => true,
    () => false,
  );
  if (found) throw new CasebookError('FILE_EXISTS', `${shown} already exists. ${fix}`);
}

/**
 * Checks that files can be created in `dir` before any paid or slow work: creates the folder if
 * it is missing, then creates and removes a probe file. Throws FILE_UNWRITABLE naming `dir`.
 */
export async function assertWritableDir(dir: string): Promise<void> {
  const probe = join(dir, `.casebook-write-probe-${randomBytes(6).toString('hex')}`);
  try {
    const info = await stat(dir).catch(() => null);
    if (info && !info.isDirectory()) {
      throw new CasebookError(
        'FILE_UNWRITABLE',
        `${dir}: cannot be written (it is a file, not a folder). Point the output at a folder.`,
      );
    }
    await mkdir(dir, { recursive: true });
    await writeFile(probe, '', { flag: 'wx' });
  } catch (error) {
    throw writeError(dir, error);
  } finally {
    await rm(probe, { force: true }).catch(() => {});
  }
}

/**
 * Saves `content` that must not be lost (a model answer already paid for) to a new file in
 * `dir` (default the OS temp folder) and returns its path.
 */
async function saveRecovery(
  content: string,
  name: string,
  dir: string = tmpdir(),
): Promise<string> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const path = join(
    dir,
    `casebook-recovered-${stamp}-${randomBytes(3).toString('hex')}-${basename(name)}`,
  );
  await mkdir(dir, { recursive: true });
  await writeFile(path, content, { flag: 'wx', mode: 0o600 });
  return path;
}

/**
 * `writeFileAtomic`, for content that cost a model call: when writing fails for any reason, the
 * content is saved with `saveRecovery` and the error says where it is.
 */
export async function writeFileOrRecover(
  path: string,
  content: string,
  options: WriteOptions & { recoveryDir?: string } = {},
): Promise<void> {
  try {
    await writeFileAtomic(path, content, options);
  } catch (error) {
    const failure = writeError(path, error);
    let saved: string;
    try {
      saved = await saveRecovery(content, basename(path), options.recoveryDir);
    } catch {
      try {
        saved = await saveRecovery(content, basename(path));
      } catch {
        throw failure;
      }
    }
    throw new CasebookError(
      failure.code,
      `${failure.message}\nThe model output was saved to ${saved}; copy it into place once the problem is fixed.`,
      { cause: error },
    );
  }
}

/**
 * Writes `content` to `path` atomically: a temp file in the same folder, fsync, then rename.
 * Never replaces an existing file unless `force` is set. Failures are CasebookErrors naming `path`.
 */
export async function writeFileAtomic(
  path: string,
  content: string | Uint8Array,
  options: WriteOptions = {},
): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
  } catch (error) {
    throw writeError(path, error);
  }
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
  } catch (error) {
    throw writeError(path, error);
  } finally {
    await rm(temp, { force: true }).catch(() => {});
  }
}
