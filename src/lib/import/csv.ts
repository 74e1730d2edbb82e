/**
 * A CSV export → `SourceDocument`s, one per row, through csv-parse (quoted fields may hold
 * commas and newlines). The first row names the columns; a column repeated (Jira's "Labels,
 * Labels") gives a list. The delimiter (`,`, `;`, tab) is read from the header. Each row is
 * mapped by its columns (records.ts: Jira, incident.io or postmortem records); a file whose
 * columns match no known export fails with the columns it found and the ones expected. Pure.
 */
import { parse } from 'csv-parse/sync';
import { EXPECTED_RECORDS, recordName, recordShape, recordToSource } from './records.ts';
import type { SourceDocument, SourceFailure } from './source.ts';

/** The delimiter of the header line: the most frequent of `,`, `;` and tab outside quotes. */
function delimiterOf(text: string): string {
  const header = (text.split(/\r?\n/, 1)[0] ?? '').replace(/"[^"]*"/g, '');
  const best = [',', ';', '\t']
    .map((d) => ({ d, n: header.split(d).length - 1 }))
    .sort((a, b) => b.n - a.n)[0];
  return best?.n ? best.d : ',';
}

/** Parses CSV text; `name` labels its rows (`name#OPS-101`, or the row number). */
export function parseCsvSources(
  text: string,
  name: string,
): { documents: SourceDocument[]; failures: SourceFailure[] } {
  const documents: SourceDocument[] = [];
  const failures: SourceFailure[] = [];
  let rows: string[][];
  try {
    rows = parse(text, {
      bom: true,
      delimiter: delimiterOf(text),
      relax_column_count: true,
      skip_empty_lines: true,
    }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    failures.push({
      label: name,
      message: `${name}: broken CSV${line ? ` near line ${line}` : ''} (${(error as Error).message}). Check the quoting: a field with commas, quotes or line breaks must be in double quotes, with quotes inside doubled ("").`,
    });
    return { documents, failures };
  }
  const [header = [], ...body] = rows;
  const columns = header.map((c) => c.trim());
  const records = body
    .filter((row) => row.some((cell) => cell.trim()))
    .map((row) => {
      const record: Record<string, string | string[]> = {};
      columns.forEach((column, i) => {
        if (!column) return;
        const cell = (row[i] ?? '').trim();
        const before = record[column];
        if (before === undefined) record[column] = cell;
        else if (cell)
          record[column] = [...(Array.isArray(before) ? before : [before]), cell].filter(Boolean);
      });
      return record;
    });
  if (!records.length) {
    failures.push({
      label: name,
      message: `${name}: the CSV has ${columns.length ? 'a header but no rows' : 'no rows'}. Nothing to import; remove it from the batch.`,
    });
    return { documents, failures };
  }
  if (!records.some((r) => recordShape(r))) {
    failures.push({
      label: name,
      message: `${name}: the CSV columns (${columns.slice(0, 12).join(', ')}) match no known export. Expected ${EXPECTED_RECORDS}.`,
    });
    return { documents, failures };
  }
  records.forEach((record, index) => {
    const doc = recordToSource(
      record,
      `${name}#${recordName(record, index)}`,
      JSON.stringify(record),
    );
    if ('hashText' in doc) documents.push(doc);
    else failures.push(doc);
  });
  return { documents, failures };
}
