/**
 * Mapping source metadata keys onto `SourceMeta`: the postmortems.app front-matter keys
 * (`uuid`, `url`, `company`, `product`, `categories`, `keywords`, `start_time`, `end_time`,
 * `title`, `summary`), the public-postmortems JSONL fields, and Casebook's own keys. Pure.
 */
import { emptyMeta, type SourceMeta } from './source.ts';

const text = (value: unknown): string | undefined => {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed ? trimmed : undefined;
};

/** A list from a YAML/JSON list or a comma-separated string. */
export const list = (value: unknown): string[] => {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[,;]/) : [];
  return items.map(text).filter((v): v is string => v !== undefined);
};

/** Reads the known keys of a front-matter object or record into `SourceMeta`. */
export function metaFromRecord(record: Record<string, unknown>): SourceMeta {
  const meta = emptyMeta();
  meta.uuid = text(record.uuid);
  meta.title = text(record.title);
  meta.url = text(record.url);
  meta.company = text(record.company);
  meta.product = text(record.product);
  meta.categories = list(record.categories);
  meta.keywords = [...list(record.keywords), ...list(record.tags)];
  meta.startTime = text(record.start_time);
  meta.endTime = text(record.end_time);
  meta.date = text(record.date);
  meta.dateKind = text(record.date_kind);
  meta.summary = text(record.summary);
  meta.severity = text(record.severity);
  meta.services = list(record.services);
  meta.authors = list(record.authors);
  return meta;
}
