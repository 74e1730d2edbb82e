/**
 * A JSON export → `SourceDocument`s, one per record: an array of records, an object holding
 * one (`{"incidents": [...]}` from incident.io, `{"issues": [...]}` from Jira, `data`, `items`,
 * `records`, `postmortems`, `results`), `{"incident": {...}}`, or a single record. Each record is
 * mapped by its keys (records.ts); a file whose records match no known shape fails with the keys
 * it found and the ones expected. Pure.
 */
import { EXPECTED_RECORDS, recordName, recordShape, recordToSource } from './records.ts';
import type { SourceDocument, SourceFailure } from './source.ts';

const LIST_KEYS = ['incidents', 'issues', 'postmortems', 'records', 'items', 'data', 'results'];
const ONE_KEYS = ['incident', 'issue', 'postmortem'];

const isObject = (v: unknown): v is Record<string, unknown> =>
  Boolean(v) && typeof v === 'object' && !Array.isArray(v);

/** The records a parsed JSON document holds. */
function recordsOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (!isObject(value)) return [value];
  for (const key of LIST_KEYS) if (Array.isArray(value[key])) return value[key];
  for (const key of ONE_KEYS) if (isObject(value[key])) return [value[key]];
  return [value];
}

/** Parses a JSON file's text; `name` labels its records (`name#INC-42`). */
export function parseJsonSources(
  text: string,
  name: string,
): { documents: SourceDocument[]; failures: SourceFailure[] } {
  const documents: SourceDocument[] = [];
  const failures: SourceFailure[] = [];
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    failures.push({
      label: name,
      message: `${name}: not valid JSON (${(error as Error).message}). Fix the file, or save one record per line as JSONL.`,
    });
    return { documents, failures };
  }
  const records = recordsOf(value);
  if (!records.length) {
    failures.push({
      label: name,
      message: `${name}: the JSON holds no records. Nothing to import; remove it from the batch.`,
    });
    return { documents, failures };
  }
  if (!records.some((r) => isObject(r) && recordShape(r))) {
    const keys = [...new Set(records.filter(isObject).flatMap((r) => Object.keys(r)))];
    failures.push({
      label: name,
      message: `${name}: the JSON's ${isObject(value) && records[0] === value ? 'keys' : 'records have keys'} (${keys.slice(0, 12).join(', ') || 'none'}) that match no known export. Expected ${EXPECTED_RECORDS}.`,
    });
    return { documents, failures };
  }
  const seen = new Map<string, number>();
  records.forEach((record, index) => {
    let id = recordName(record, index);
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    if (n > 1) id = `${id}-${n}`;
    const doc = recordToSource(record, `${name}#${id}`, JSON.stringify(record));
    if ('hashText' in doc) documents.push(doc);
    else failures.push(doc);
  });
  return { documents, failures };
}
