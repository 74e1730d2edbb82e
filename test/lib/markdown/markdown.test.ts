import { describe, expect, it } from 'vitest';
import {
  canonicalSection,
  codeBlocks,
  headings,
  isTodoOnly,
  listItems,
  parseMarkdown,
  proseBlocks,
  splitSections,
  tables,
  TODO_PATTERN,
} from '../../../src/lib/markdown/index.ts';

const lines = (...l: string[]) => l.join('\n');

describe('splitSections', () => {
  it('splits at ATX H2 headings and reports file lines shifted by firstLine', () => {
    const body = lines('Intro', '', '## Summary', '', 'One.', '', '## Detailed mechanism', 'Two.');
    const { preamble, sections } = splitSections(body, 10);
    expect(preamble).toBe('Intro');
    expect(sections.map((s) => [s.heading, s.key, s.line, s.text, s.depth])).toEqual([
      ['Summary', 'summary', 12, 'One.', 2],
      ['Detailed mechanism', 'detailed mechanism', 16, 'Two.', 2],
    ]);
  });

  it('treats a setext heading underlined with dashes as an H2 and leaves the underline out of the text', () => {
    const body = lines(
      'Summary',
      '-------',
      '',
      'What broke.',
      '',
      'Lessons',
      '=======',
      'Keep it.',
    );
    const { sections } = splitSections(body);
    expect(sections).toEqual([
      { heading: 'Summary', key: 'summary', line: 1, text: 'What broke.', depth: 2 },
      { heading: 'Lessons', key: 'lessons', line: 6, text: 'Keep it.', depth: 1 },
    ]);
  });

  it('ends the last H2 at a trailing unrelated # Stats heading instead of swallowing it', () => {
    const body = lines('## Action Items', '', '- fix it', '', '# Stats', '', 'Downtime: 4h');
    const { sections } = splitSections(body);
    expect(sections.map((s) => [s.heading, s.text, s.depth])).toEqual([
      ['Action Items', '- fix it', 2],
      ['Stats', 'Downtime: 4h', 1],
    ]);
  });

  it('keeps H3 and deeper headings inside their section, and splits at H3 with depth 3', () => {
    const body = lines('## Lessons', '### What went well', 'Paging.', '#### Detail', 'x');
    expect(splitSections(body).sections).toHaveLength(1);
    expect(splitSections(body).sections[0]?.text).toBe(
      lines('### What went well', 'Paging.', '#### Detail', 'x'),
    );
    expect(splitSections(body, 1, { depth: 3 }).sections.map((s) => s.heading)).toEqual([
      'Lessons',
      'What went well',
    ]);
  });

  it('ignores headings inside ``` , ```` and ~~~ fences and indented code', () => {
    const body = lines(
      '## Detailed mechanism',
      '````md',
      '## inside four backticks',
      '```',
      '## still inside',
      '````',
      '~~~',
      '## inside tildes',
      '~~~',
      '',
      '    ## indented code',
      '',
      '## Contributing factors',
      'Real.',
    );
    const { sections } = splitSections(body);
    expect(sections.map((s) => [s.heading, s.line])).toEqual([
      ['Detailed mechanism', 1],
      ['Contributing factors', 13],
    ]);
  });

  it('does not read a heading inside an HTML block or a list as a section', () => {
    const body = lines(
      '## Summary',
      '<div>',
      '## html',
      '</div>',
      '',
      '- ## in a list',
      '',
      'End.',
    );
    expect(splitSections(body).sections.map((s) => s.heading)).toEqual(['Summary']);
  });

  it('keeps inline Markdown in the heading as written', () => {
    const body = lines('## The `maxIdleConns` *setting* ##', 'x');
    expect(splitSections(body).sections[0]?.heading).toBe('The `maxIdleConns` *setting*');
  });

  it('reads CRLF line endings with the same lines', () => {
    const { sections } = splitSections('Intro\r\n\r\n## Summary\r\nText\r\n');
    expect(sections).toEqual([
      { heading: 'Summary', key: 'summary', line: 3, text: 'Text', depth: 2 },
    ]);
  });
});

describe('parseMarkdown and headings', () => {
  it('reads YAML front matter as front matter, not as a setext heading', () => {
    const text = lines('---', 'title: x', '---', '', '# Title', '', 'Body');
    const tree = parseMarkdown(text);
    expect(tree.children[0]?.type).toBe('yaml');
    expect(headings(tree, text)).toEqual([
      { depth: 1, text: 'Title', plain: 'Title', line: 5, endLine: 5, setext: false },
    ]);
  });

  it('reports ATX and setext headings at every level with their lines', () => {
    const text = lines(
      '# One',
      '## Two',
      '### Three',
      '#### Four',
      '##### Five',
      '###### Six',
      'Seven',
      '===',
      '',
      'Eight',
      '---',
    );
    const tree = parseMarkdown(text, { firstLine: 3 });
    expect(headings(tree, text).map((h) => [h.depth, h.text, h.line, h.setext])).toEqual([
      [1, 'One', 3, false],
      [2, 'Two', 4, false],
      [3, 'Three', 5, false],
      [4, 'Four', 6, false],
      [5, 'Five', 7, false],
      [6, 'Six', 8, false],
      [1, 'Seven', 9, true],
      [2, 'Eight', 12, true],
    ]);
  });
});

describe('proseBlocks', () => {
  it('returns paragraphs, headings, list items, table cells and blockquotes with their lines, and no code or HTML', () => {
    const md = lines(
      '# Title',
      '',
      'A paragraph with `code span`.',
      '',
      '```',
      'fenced code',
      '```',
      '',
      '- item one',
      '  - nested item',
      '',
      '> quoted text',
      '',
      '| Time | Event |',
      '| --- | --- |',
      '| 10:00 | paged |',
      '',
      '<p>html block</p>',
      '',
      '    indented code',
    );
    expect(proseBlocks(md, 1).map((b) => [b.kind, b.text, b.line])).toEqual([
      ['heading', 'Title', 1],
      ['paragraph', 'A paragraph with `code span`.', 3],
      ['listItem', 'item one', 9],
      ['listItem', 'nested item', 10],
      ['blockquote', 'quoted text', 12],
      ['tableCell', 'Time', 14],
      ['tableCell', 'Event', 14],
      ['tableCell', '10:00', 16],
      ['tableCell', 'paged', 16],
    ]);
    expect(proseBlocks(md)[1]?.plain).toBe('A paragraph with code span.');
  });
});

describe('listItems', () => {
  it('returns nested items with their depth and task-list state', () => {
    const md = lines('Intro', '', '- [x] done thing', '  - child', '- [ ] open thing', '1. first');
    expect(listItems(md, 20).map((i) => [i.text, i.line, i.depth, i.checked, i.ordered])).toEqual([
      ['done thing', 22, 0, true, false],
      ['child', 23, 1, null, false],
      ['open thing', 24, 0, false, false],
      ['first', 25, 0, null, true],
    ]);
  });

  it('does not mistake setext underlines or code lines for list items', () => {
    const md = lines('Lessons', '-------', '', '```', '- not an item', '```', '', '* real');
    expect(listItems(md).map((i) => i.text)).toEqual(['real']);
  });
});

describe('tables', () => {
  it('returns header and rows as written, with row lines', () => {
    const md = lines(
      'Text',
      '',
      '| Owner | Task |',
      '|:--|--:|',
      '| **Ana** | fix `x` |',
      '| Bo | two |',
    );
    expect(tables(md)).toEqual([
      {
        line: 3,
        endLine: 6,
        header: ['Owner', 'Task'],
        rows: [
          { line: 5, cells: ['**Ana**', 'fix `x`'], plain: ['Ana', 'fix x'] },
          { line: 6, cells: ['Bo', 'two'], plain: ['Bo', 'two'] },
        ],
      },
    ]);
  });
});

describe('codeBlocks', () => {
  it('finds fenced blocks of every marker and indented blocks', () => {
    const md = lines(
      '```sh',
      'a',
      '```',
      '',
      '~~~',
      'b',
      '~~~',
      '',
      '````',
      'c',
      '````',
      '',
      '    d',
    );
    expect(codeBlocks(md).map((c) => [c.lang, c.value, c.line, c.fenced])).toEqual([
      ['sh', 'a', 1, true],
      [null, 'b', 5, true],
      [null, 'c', 9, true],
      [null, 'd', 13, false],
    ]);
  });
});

describe('canonicalSection', () => {
  it('maps known variant wordings to the five required sections', () => {
    const cases: [string, string][] = [
      ['Contributing factors and how they combined', 'Contributing factors'],
      ['Investigation path, including dead ends', 'Investigation path'],
      ['Root cause(s)', 'Detailed mechanism'],
      ['Issue Summary', 'Summary'],
      ['What happened', 'Detailed mechanism'],
      ['How did it happen?', 'Detailed mechanism'],
      ['Why did it happen?', 'Contributing factors'],
      ['How Did We Diagnose It?', 'Investigation path'],
      ['Detection', 'Investigation path'],
      ['Resolution and recovery', 'Investigation path'],
      ['Root Cause Analysis', 'Detailed mechanism'],
      ['2. Root Causes:', 'Detailed mechanism'],
    ];
    for (const [heading, canonical] of cases) {
      expect({ heading, found: canonicalSection(heading) }).toMatchObject({
        heading,
        found: { canonical, required: true },
      });
    }
  });

  it('maps optional and metadata headings, and returns null for an unknown one', () => {
    expect(canonicalSection('Timeline (all times PST) – approximate')).toMatchObject({
      canonical: 'Timeline',
      required: false,
    });
    expect(canonicalSection('Corrective and Preventative Measures')?.canonical).toBe(
      'Action items',
    );
    expect(canonicalSection('Stats')).toMatchObject({
      canonical: 'Supporting information',
      metadata: true,
    });
    expect(canonicalSection('Lessons Learned')?.key).toBe('lessons');
    expect(canonicalSection('Kafka partitions')).toBeNull();
  });
});

describe('the TODO rule', () => {
  it('recognises placeholder-only text in every written form', () => {
    expect(isTodoOnly('TODO: write it')).toBe(true);
    expect(isTodoOnly('- TODO: one\n\n_TODO: two_\n**TODO:** three')).toBe(true);
    expect(isTodoOnly('TODO: one\nreal text')).toBe(false);
    expect(isTodoOnly('   ')).toBe(false);
    expect(TODO_PATTERN.test('see TODO: zone')).toBe(true);
    expect(TODO_PATTERN.test('todo list')).toBe(false);
  });
});

describe('splitSections on hostile layouts', () => {
  it('reads a setext heading written over two lines as one heading at its first line', () => {
    const body = lines('Root', 'cause', '-----', 'text', '', '## Next', 'x');
    expect(splitSections(body).sections.map((s) => [s.heading, s.line, s.text])).toEqual([
      ['Root cause', 1, 'text'],
      ['Next', 6, 'x'],
    ]);
  });

  it('treats everything after an unclosed fence as code, and a thematic break as no heading', () => {
    expect(splitSections(lines('## A', '```', '## never closed')).sections).toHaveLength(1);
    expect(
      splitSections(lines('## A', '', 'text', '', '---', '', '## B')).sections.map((s) => s.line),
    ).toEqual([1, 7]);
  });

  it('ignores a heading in a fenced block inside a list item and in a five-backtick fence', () => {
    const body = lines(
      '## A',
      '- item',
      '  ```',
      '  ## in list code',
      '  ```',
      '`````',
      '```',
      '## in five',
      '`````',
      '## B',
    );
    expect(splitSections(body).sections.map((s) => [s.heading, s.line])).toEqual([
      ['A', 1],
      ['B', 10],
    ]);
  });
});
