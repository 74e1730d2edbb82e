import { describe, it, expect } from 'vitest';
import { demoteHeadings } from '../../../src/lib/import/map.ts';

describe('demoteHeadings', () => {
  it('shifts ATX and setext headings below the section level and leaves fenced code alone', () => {
    const text = [
      'Root cause',
      '==========',
      '',
      'The resolver cache expired.',
      '',
      '~~~',
      '# not a heading: a shell comment',
      '~~~',
      '',
      '## Trigger ##',
      '',
      'A config push at 14:02 UTC.',
    ].join('\n');
    expect(demoteHeadings(text, 3)).toBe(
      [
        '### Root cause',
        '',
        'The resolver cache expired.',
        '',
        '~~~',
        '# not a heading: a shell comment',
        '~~~',
        '',
        '#### Trigger',
        '',
        'A config push at 14:02 UTC.',
      ].join('\n'),
    );
  });

  it('returns the text unchanged when every heading is already deep enough', () => {
    const text = '#### Detection\n\nAn alert on queue depth paged on-call.';
    expect(demoteHeadings(text, 3)).toBe(text);
  });
});
