import { mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  assertWritableDir,
  stripControlChars,
  writeFileAtomic,
  writeFileOrRecover,
} from '../../src/lib/files.ts';

const temp = () => mkdtemp(join(tmpdir(), 'casebook-files-'));

describe('assertWritableDir', () => {
  it('creates a missing folder and leaves no probe file behind', async () => {
    const dir = join(await temp(), 'a', 'b');
    await assertWritableDir(dir);
    expect(await readdir(dir)).toEqual([]);
  });

  it('names a folder that is really a file, with the FILE_UNWRITABLE code', async () => {
    const root = await temp();
    await writeFile(join(root, 'reviews'), 'not a folder');
    await expect(assertWritableDir(join(root, 'reviews'))).rejects.toMatchObject({
      code: 'FILE_UNWRITABLE',
      message: `${join(root, 'reviews')}: cannot be written (it is a file, not a folder). Point the output at a folder.`,
    });
    await expect(assertWritableDir(join(root, 'reviews', 'deeper'))).rejects.toMatchObject({
      code: 'FILE_UNWRITABLE',
      message: expect.stringContaining('a parent of it is a file, not a folder'),
    });
  });
});

describe('writeFileAtomic', () => {
  it('turns a file-system failure into a CasebookError naming the path', async () => {
    const root = await temp();
    await writeFile(join(root, 'blocker'), 'x');
    await expect(writeFileAtomic(join(root, 'blocker', 'x.md'), 'text')).rejects.toMatchObject({
      code: 'FILE_UNWRITABLE',
      message: expect.stringContaining(`${join(root, 'blocker', 'x.md')}: cannot be written`),
    });
  });
});

describe('writeFileOrRecover', () => {
  it('saves the content to a recovery file and says where when the write fails', async () => {
    const root = await temp();
    await mkdir(join(root, 'taken.md'));
    const error = await writeFileOrRecover(join(root, 'taken.md'), 'paid-for answer', {
      force: true,
      recoveryDir: join(root, 'recovered'),
    }).catch((e: Error) => e);
    const saved = /saved to (\S+);/.exec((error as Error).message)?.[1] ?? '';
    expect(saved.startsWith(join(root, 'recovered', 'casebook-recovered-'))).toBe(true);
    expect(await readFile(saved, 'utf8')).toBe('paid-for answer');
  });

  it('writes normally when nothing is in the way', async () => {
    const root = await temp();
    await writeFileOrRecover(join(root, 'x.md'), 'text');
    expect(await readFile(join(root, 'x.md'), 'utf8')).toBe('text');
  });
});

describe('stripControlChars', () => {
  it('removes NUL, escape and other controls but keeps tabs and newlines', () => {
    expect(stripControlChars('a\u0000b\tc\r\nd\u001b[31me\u007f\u0085')).toEqual({
      text: 'ab\tc\r\nd[31me',
      removed: 4,
    });
  });

  it('in JSON also removes control escapes, but not an escaped backslash followed by u0000', () => {
    expect(
      stripControlChars('{"t":"a\\u0000b \\\\u0000 \\u000a \\u001F"}', { json: true }),
    ).toEqual({
      text: '{"t":"ab \\\\u0000 \\u000a "}',
      removed: 2,
    });
  });
});
