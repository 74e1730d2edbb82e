/**
 * Confluence / Jira wiki markup → Markdown, so a `.txt` export or a Jira description imports
 * like any Markdown postmortem: `h1.`–`h6.` headings, `*bold*`, `_italic_`, `{{mono}}`,
 * `-strike-`, `[text|url]` links, `!image.png!` images, `*`/`#`/`-` lists (nested), `||head||`
 * and `|cell|` tables, `{code}`/`{noformat}` blocks, `{quote}` and `bq.` quotes, `----` rules.
 * Other macros (`{color}`, `{panel}`, `{info}` …) keep their text. Pure.
 */

const HEADING = /^\s*h([1-6])\.\s+(.*)$/;
const TABLE_ROW = /^\s*\|/;
const LIST = /^\s*([*#-]+)\s+(.*)$/;
const BLOCK = /^\s*\{(code|noformat)(?::[^}]*)?\}(.*)$/;

/** True when the text reads as wiki markup: `h2.` headings, `||head||` rows or `{code}` blocks. */
export function looksLikeWikiMarkup(text: string): boolean {
  const lines = text.split(/\r?\n/);
  return lines.some(
    (l) => HEADING.test(l) || /^\s*\|\|.*\|\|\s*$/.test(l) || /^\s*\{(code|noformat)[:}]/.test(l),
  );
}

/** Inline wiki markup → Markdown. */
function inline(text: string): string {
  return (
    text
      // Links and images first, so the `|` inside them is not read as a table cell.
      .replace(/!([^\s!|][^!|]*?)(?:\|[^!]*)?!/g, (_m, src: string) => `![](${src.trim()})`)
      .replace(
        /\[([^\]|]+)\|([^\]|]+)(?:\|[^\]]*)?\]/g,
        (_m, label: string, href: string) => `[${label.trim()}](${href.trim()})`,
      )
      .replace(/\[~([^\]]+)\]/g, '@$1')
      .replace(/\[((?:https?|mailto):[^\]\s]+)\]/g, '<$1>')
      .replace(/\{\{(.+?)\}\}/g, (_m, code: string) => `\`${code}\``)
      .replace(/\{color(?::[^}]*)?\}/g, '')
      .replace(/(^|[\s(])\*(\S(?:[^*]*?\S)?)\*(?=$|[\s.,;:!?)])/g, '$1**$2**')
      .replace(/(^|[\s(])_(\S(?:[^_]*?\S)?)_(?=$|[\s.,;:!?)])/g, '$1*$2*')
      .replace(/(^|[\s(])-(\S(?:[^-]*?\S)?)-(?=$|[\s.,;:!?)])/g, '$1~~$2~~')
      .replace(/(^|[\s(])\+(\S(?:[^+]*?\S)?)\+(?=$|[\s.,;:!?)])/g, '$1$2')
      .replace(/\\\\\s*/g, '  \n')
  );
}

/** Splits a wiki table row into its cells (`||` header cells or `|` cells). */
function cells(line: string): { header: boolean; cells: string[] } {
  const row = inline(line.trim());
  const header = row.startsWith('||');
  const parts = row
    .replace(/^\|\|?/, '')
    .replace(/\|\|?\s*$/, '')
    .split(/\|\|?/);
  return { header, cells: parts.map((c) => c.trim()) };
}

/** Converts wiki markup to Markdown, block by block, with a blank line between blocks. */
export function wikiToMarkdown(text: string): string {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const out: string[] = [];
  const block = (...b: string[]) => {
    if (out.length && out[out.length - 1] !== '') out.push('');
    out.push(...b, '');
  };
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    const code = BLOCK.exec(line);
    if (code) {
      const kind = code[1] ?? 'code';
      const language =
        kind === 'code'
          ? (/^\s*\{code:(?:[^}]*\blanguage=(\w+)|(\w+)(?=[}|]))/
              .exec(line)
              ?.slice(1)
              .find(Boolean) ?? '')
          : '';
      const body: string[] = [];
      let rest = code[2] ?? '';
      const close = `{${kind}}`;
      for (;;) {
        const end = rest.indexOf(close);
        if (end >= 0) {
          if (rest.slice(0, end).trim()) body.push(rest.slice(0, end));
          break;
        }
        if (rest.trim() || body.length) body.push(rest);
        i++;
        if (i >= lines.length) break;
        rest = lines[i] ?? '';
      }
      const fence = body.some((b) => b.includes('```')) ? '~~~~' : '```';
      block(`${fence}${language}`, ...body, fence);
      i++;
      continue;
    }
    if (/^\s*\{quote\}/.test(line)) {
      const body: string[] = [];
      let rest = line.replace(/^\s*\{quote\}/, '');
      for (;;) {
        const end = rest.indexOf('{quote}');
        body.push(end >= 0 ? rest.slice(0, end) : rest);
        if (end >= 0) break;
        i++;
        if (i >= lines.length) break;
        rest = lines[i] ?? '';
      }
      while (body.length && !body[body.length - 1]?.trim()) body.pop();
      while (body.length && !body[0]?.trim()) body.shift();
      block(...body.map((b) => `> ${inline(b)}`.trimEnd()));
      i++;
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      block(`${'#'.repeat(Number(heading[1]))} ${inline(heading[2] ?? '').trim()}`);
      i++;
      continue;
    }
    if (/^\s*bq\.\s/.test(line)) {
      block(`> ${inline(line.replace(/^\s*bq\.\s+/, ''))}`);
      i++;
      continue;
    }
    if (/^\s*-{4,}\s*$/.test(line)) {
      block('---');
      i++;
      continue;
    }
    if (TABLE_ROW.test(line)) {
      const rows: { header: boolean; cells: string[] }[] = [];
      while (i < lines.length && TABLE_ROW.test(lines[i] ?? '')) rows.push(cells(lines[i++] ?? ''));
      const columns = Math.max(...rows.map((r) => r.cells.length));
      const row = (c: string[]) =>
        `| ${[...c, ...Array<string>(columns - c.length).fill('')].map((x) => x.replace(/\|/g, '\\|')).join(' | ')} |`;
      const [first, ...rest] = rows;
      block(
        row(first?.cells ?? []),
        `|${' --- |'.repeat(columns)}`,
        ...rest.map((r) => row(r.cells)),
      );
      continue;
    }
    if (LIST.test(line) && !/^\s*-{2,}\s/.test(line)) {
      const items: string[] = [];
      while (i < lines.length && LIST.test(lines[i] ?? '')) {
        const [, markers = '*', body = ''] = LIST.exec(lines[i] ?? '') ?? [];
        let indent = '';
        for (const m of markers.slice(0, -1)) indent += m === '#' ? '   ' : '  ';
        items.push(`${indent}${markers.endsWith('#') ? '1.' : '-'} ${inline(body)}`);
        i++;
      }
      block(...items);
      continue;
    }
    if (!line.trim()) {
      if (out.length && out[out.length - 1] !== '') out.push('');
      i++;
      continue;
    }
    // A paragraph: wiki markup breaks lines where the source does.
    const para: string[] = [];
    while (i < lines.length) {
      const l = lines[i] ?? '';
      if (!l.trim() || HEADING.test(l) || TABLE_ROW.test(l) || BLOCK.test(l) || LIST.test(l)) break;
      if (/^\s*(\{quote\}|bq\.\s|-{4,}\s*$)/.test(l)) break;
      para.push(inline(l.trim()));
      i++;
    }
    block(para.join('  \n'));
  }
  return (
    out
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim() + '\n'
  );
}
