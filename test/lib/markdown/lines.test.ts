import { describe, expect, it } from 'vitest';
import {
  isFenceLine,
  isFrontMatterFence,
  startsListOrQuote,
  startsWithFrontMatter,
  stripListMarker,
} from '../../../src/lib/markdown/index.ts';

describe('Markdown line forms', () => {
  it('recognises list items with every marker and blockquotes, but not a hyphenated word or a time', () => {
    expect(['- a', '* a', '+ a', '7. a', '12) a', '> quoted'].map(startsListOrQuote)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['-a', 'well-known', '14:02 deploy', '2026 was calm'].map(startsListOrQuote)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('strips a list marker and keeps the item text as written', () => {
    expect(stripListMarker('  3) 14:02 deploy - rollback')).toBe('14:02 deploy - rollback');
    expect(stripListMarker('no marker - here')).toBe('no marker - here');
  });

  it('recognises code fences of backticks and tildes of any length, not two backticks', () => {
    expect(['```', '````md', '~~~', '   ~~~~ sh', '``', '    ```'].map(isFenceLine)).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it('recognises a front-matter fence only on a line of its own', () => {
    expect(isFrontMatterFence('---')).toBe(true);
    expect(isFrontMatterFence('--- ')).toBe(true);
    expect(isFrontMatterFence('----')).toBe(false);
    expect(startsWithFrontMatter('---\ntitle: x\n---\n')).toBe(true);
    expect(startsWithFrontMatter('# Title\n---\n')).toBe(false);
    expect(startsWithFrontMatter('---')).toBe(true);
  });
});
