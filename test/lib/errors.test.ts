import { describe, expect, it } from 'vitest';
import { CasebookError, fromSystemError } from '../../src/lib/errors.ts';
import { runCli } from '../../src/lib/cli/main.ts';
import type { Registry } from '../../src/lib/cli/commands.ts';
import { captureIo } from '../helpers/io.ts';

/** A Node fs error as `fs/promises` throws it. */
function systemError(code: string, syscall: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${syscall} '${path}'`), { code, syscall, path });
}

describe('fromSystemError', () => {
  const cases: { error: Error; message: string }[] = [
    {
      error: systemError('EROFS', 'mkdir', '/mnt/ro/.casebook/lancedb'),
      message:
        '/mnt/ro/.casebook/lancedb: the file system is read-only. Point the option at a writable folder.',
    },
    {
      error: systemError('EACCES', 'open', '/srv/content/reviews/a.md'),
      message:
        '/srv/content/reviews/a.md: permission denied. Check its permissions, or point the option at a writable folder.',
    },
    {
      error: systemError('ENOSPC', 'write', '/var/tmp/x.lance'),
      message: '/var/tmp/x.lance: the disk is full. Free some space and try again.',
    },
    {
      error: systemError('ENOTDIR', 'mkdir', '/tmp/db-file/lancedb'),
      message: '/tmp/db-file/lancedb: part of the path is a file, not a folder. Fix the path.',
    },
    {
      error: new Error(
        'Unable to created lance dataset at /mnt/ro/db: Read-only file system (os error 30)',
      ),
      message:
        "/mnt/ro/db: read-only file system. Check the folder's permissions and free space, or point the option at a writable folder.",
    },
  ];
  for (const c of cases) {
    it(`turns "${c.error.message.slice(0, 40)}…" into a one-line FILE_UNWRITABLE naming the path`, () => {
      const mapped = fromSystemError(c.error);
      expect(mapped).toBeInstanceOf(CasebookError);
      expect(mapped?.code).toBe('FILE_UNWRITABLE');
      expect(mapped?.exitCode).toBe(1);
      expect(mapped?.message).toBe(c.message);
    });
  }

  it('leaves programming errors and errors without a path alone', () => {
    expect(fromSystemError(new TypeError('x is not a function'))).toBeNull();
    expect(fromSystemError(Object.assign(new Error('EACCES'), { code: 'EACCES' }))).toBeNull();
    expect(fromSystemError('EROFS')).toBeNull();
  });
});

describe('runCli on a fault of the environment', () => {
  it('prints one line and exits 1, not 70, when a command meets a read-only file system', async () => {
    const registry: Registry = {
      embed: {
        load: async () => ({
          command: {
            name: 'embed',
            summary: '',
            help: '',
            options: {},
            run: () => Promise.reject(systemError('EROFS', 'mkdir', '/mnt/ro/lancedb')),
          },
        }),
      },
    };
    const io = captureIo();
    expect(await runCli(['embed'], io, registry)).toBe(1);
    expect(io.err()).toBe(
      'casebook embed: error [FILE_UNWRITABLE]: /mnt/ro/lancedb: the file system is read-only. Point the option at a writable folder.\n',
    );
  });
});
