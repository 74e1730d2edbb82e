import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { EXIT_CODES, type CasebookErrorCode } from '../../../src/lib/errors.ts';

const README = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

/** The README's exit-code table: exit code → the error codes (or `PREFIX_*` groups) in its row. */
function readmeTable(): Map<number, string[]> {
  const rows = new Map<number, string[]>();
  for (const line of README.split('\n')) {
    const cells = /^\| (\d+) \|.*\|(.*)\|$/.exec(line);
    if (cells)
      rows.set(
        Number(cells[1]),
        [...(cells[2] ?? '').matchAll(/`([A-Z_*]+)`/g)].map((m) => m[1] ?? ''),
      );
  }
  return rows;
}

describe('the exit codes in the README', () => {
  it('list the exit codes 0 to 9 and 70', () => {
    expect([...readmeTable().keys()]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 70]);
  });

  it('put every error code in the row of its exit code, and name no unknown code', () => {
    const codes = Object.keys(EXIT_CODES) as CasebookErrorCode[];
    const listed = new Map<CasebookErrorCode, number>();
    for (const [exit, names] of readmeTable())
      for (const name of names) {
        const matching = name.endsWith('*')
          ? codes.filter((code) => code.startsWith(name.slice(0, -1)))
          : codes.filter((code) => code === name);
        expect(matching, `README names ${name}`).not.toEqual([]);
        for (const code of matching) listed.set(code, exit);
      }
    for (const code of codes) expect([code, listed.get(code)]).toEqual([code, EXIT_CODES[code]]);
  });
});
