/**
 * JSONL → `SourceDocument`s, one per line, each record mapped by its keys (records.ts): the
 * public-postmortems shape (`title`, `url`, `company`, `product`, `date`, `categories`,
 * `keywords`, `start_time`, `end_time`, `summary`, `text`, ...), incident.io incidents or Jira
 * issues. A broken line is reported with its line number and the other records still import. Pure.
 */
import { recordToSource } from './records.ts';
import type { SourceDocument, SourceFailure } from './source.ts';

/** Parses JSONL text; `name` is the file name used in labels (`name:line`). Blank lines are skipped. */
export function parseJsonlSources(
  text: string,
  name: string,
): { documents: SourceDocument[]; failures: SourceFailure[] } {
  const documents: SourceDocument[] = [];
  const failures: SourceFailure[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (!lines.some((l) => l.trim())) {
    failures.push({
      label: name,
      message: `${name}: the file is empty. Nothing to import; remove it from the batch or add one JSON record per line.`,
    });
    return { documents, failures };
  }
  lines.forEach((line, index) => {
    if (!line.trim()) return;
    const label = `${name}:${index + 1}`;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (error) {
      failures.push({
        label,
        message: `${label}: broken JSON on line ${index + 1} (${(error as Error).message}). Fix or remove that line; the other records were still imported.`,
      });
      return;
    }
    // Hashed as canonical JSON: the same record in a JSON export is the same source.
    const result = recordToSource(record, label, JSON.stringify(record));
    if ('hashText' in result) documents.push(result);
    else failures.push(result);
  });
  return { documents, failures };
}
