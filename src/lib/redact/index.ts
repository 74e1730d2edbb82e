/**
 * The one redaction. Everything that leaves the process or lands on disk goes through
 * `redact()`: the model request, `--prompt-out`, offline skeletons, `verify` output, imported
 * reviews, `exec` and the MCP server.
 *
 * Secrets are found by secretlint's maintained rules (`@secretlint/secretlint-rule-preset-recommend`)
 * plus Casebook's own rules for generic shapes (`rules.ts`); personal data (emails, phone
 * numbers, Luhn-checked card numbers) by `pii.ts` when asked for. Overlapping finds are merged,
 * and each merged span becomes one typed placeholder such as `[REDACTED:password]`, so
 * `count` is exactly the number of placeholders added. Placeholders already in the text are
 * left alone: redacting twice changes nothing. Asynchronous, because secretlint is.
 */
import { findSecretSpans, looksGenerated, PLACEHOLDER_PATTERN, type Span } from './rules.ts';
import { findPiiSpans, PII_KINDS, type PiiKind } from './pii.ts';
import { CasebookError } from '../errors.ts';

export { luhn, PII_KINDS } from './pii.ts';
export interface RedactOptions {
  /** Secret rules (secretlint preset + Casebook's own). Default true. */
  secrets?: boolean;
  /** Personal data kinds to redact. Default none; `redactOptionsOf(env, 'api')` turns all on. */
  pii?: readonly PiiKind[];
}

/** One redacted span. Never holds the secret itself, so findings are safe to print. */
interface Finding {
  /** The placeholder kind, e.g. `password`, `github-token`, `email`. */
  kind: string;
  /** The rule that found it: a secretlint rule id or `casebook/<rule>`. */
  rule: string;
  /** 1-based line in the input. */
  line: number;
  /** Offsets in the input text. */
  start: number;
  end: number;
}

export interface Redaction {
  /** The text with every find replaced by `[REDACTED:<kind>]`. */
  text: string;
  /** How many placeholders were added (equals `findings.length`). */
  count: number;
  findings: Finding[];
  /** Placeholders added per kind. */
  counts: Record<string, number>;
}

/** The placeholder that stands in for a find of `kind`. */
const placeholder = (kind: string): string => `[REDACTED:${kind}]`;

type SecretlintModules = [
  typeof import('@secretlint/core'),
  typeof import('@secretlint/secretlint-rule-preset-recommend'),
];
let secretlint: Promise<SecretlintModules> | undefined;

const PII_RULES = new Set(PII_KINDS.map((k) => `casebook/${k}`));

/**
 * True when a secretlint span (which may cover `aws_secret_access_key=…` or a whole DSN) overlaps
 * Casebook's own spans and has nothing secret-looking outside them: the narrower own spans keep
 * names and hosts readable.
 */
function narrowedBy(text: string, wide: Span, own: readonly Span[]): boolean {
  // Overlapping, not only inside: secretlint sometimes reports a range shifted onto the name.
  const inside = own.filter((o) => o.start < wide.end && o.end > wide.start);
  if (!inside.length) return false;
  let rest = '';
  let at = wide.start;
  for (const o of [...inside].sort((a, b) => a.start - b.start)) {
    rest += `${text.slice(at, Math.max(at, o.start))} `;
    at = Math.max(at, o.end);
  }
  rest += text.slice(at, Math.max(at, wide.end));
  return !rest.split(/[^A-Za-z0-9+/=_-]+/).some((token) => looksGenerated(token, 16));
}

/** Spans found by the secretlint preset. */
async function secretlintSpans(text: string): Promise<Span[]> {
  secretlint ??= Promise.all([
    import('@secretlint/core'),
    import('@secretlint/secretlint-rule-preset-recommend'),
  ]);
  const [{ lintSource }, { creator }] = await secretlint;
  const result = await lintSource({
    source: { content: text, filePath: 'notes.txt', contentType: 'text' },
    options: {
      config: { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: creator }] },
      noPhysicFilePath: true,
    },
  });
  return result.messages
    .filter((m) => m.type === 'message')
    .map((m) => ({
      start: m.range[0],
      end: m.range[1],
      kind: kindOfSecretlintRule(m.ruleId),
      rule: m.ruleId,
    }));
}

/** `@secretlint/secretlint-rule-github` → `github`. */
const kindOfSecretlintRule = (ruleId: string): string =>
  ruleId.replace(/^@secretlint\/secretlint-rule-/, '').replace(/[^a-z0-9-]+/g, '-') || 'secret';

/** Drops spans inside existing placeholders, narrows whole-DSN finds, and merges overlaps. */
function mergeSpans(text: string, spans: readonly Span[]): Span[] {
  const taken = [...text.matchAll(PLACEHOLDER_PATTERN)].map((m) => [
    m.index ?? 0,
    (m.index ?? 0) + m[0].length,
  ]);
  const secrets = spans.filter((s) => !PII_RULES.has(s.rule));
  const own = secrets.filter((s) => s.rule.startsWith('casebook/'));
  const overlaps = (a: Span, b: Span) => a.start < b.end && a.end > b.start;
  const usable = spans.filter(
    (s) =>
      s.end > s.start &&
      !taken.some(([a, b]) => s.start < (b ?? 0) && s.end > (a ?? 0)) &&
      !(!s.rule.startsWith('casebook/') && narrowedBy(text, s, own)) &&
      // Personal data that is part of a secret (`https://ghp_…@github.com`) is the secret.
      !(PII_RULES.has(s.rule) && secrets.some((x) => overlaps(x, s))),
  );
  usable.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const span of usable) {
    const last = merged[merged.length - 1];
    if (last && span.start < last.end) {
      if (span.end > last.end) last.end = span.end;
      continue;
    }
    merged.push({ ...span });
  }
  return merged;
}

/** Redacts secrets (and, when asked, personal data) from `text`. */
export async function redact(text: string, options: RedactOptions = {}): Promise<Redaction> {
  const spans: Span[] = [];
  if (options.secrets !== false) {
    spans.push(...findSecretSpans(text));
    spans.push(...(await secretlintSpans(text)));
  }
  if (options.pii?.length) spans.push(...findPiiSpans(text, options.pii));
  const merged = mergeSpans(text, spans);
  let out = '';
  let at = 0;
  const findings: Finding[] = [];
  const counts: Record<string, number> = {};
  let line = 1;
  let lineScan = 0;
  for (const span of merged) {
    for (; lineScan < span.start; lineScan++) if (text.charCodeAt(lineScan) === 10) line++;
    out += text.slice(at, span.start) + placeholder(span.kind);
    at = span.end;
    findings.push({ kind: span.kind, rule: span.rule, line, start: span.start, end: span.end });
    counts[span.kind] = (counts[span.kind] ?? 0) + 1;
  }
  out += text.slice(at);
  return { text: out, count: findings.length, findings, counts };
}

/** "2 password, 1 github-token" or "nothing found". */
export function describeRedaction(counts: Redaction['counts']): string {
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([kind, n]) => `${n} ${kind}`);
  return parts.length ? parts.join(', ') : 'nothing found';
}

/** "Redacted 3 items (2 password, 1 email)." — the line the commands print. */
export function redactionSummary(result: Pick<Redaction, 'count' | 'counts'>): string {
  if (!result.count) return 'Redacted 0 items: no secrets or personal data found.';
  return `Redacted ${result.count} item${result.count === 1 ? '' : 's'}: ${describeRedaction(result.counts)}.`;
}

/**
 * Redaction settings from the environment. Secrets are always redacted (commands that allow it
 * take `--no-redact`). Personal data: `CASEBOOK_REDACT_PII` = `on` (all kinds), `off`, or a
 * comma list of `email`, `phone`, `card`. Unset, it is on for what goes to the model API
 * (`purpose: 'api'`) and off for local output.
 */
export function redactOptionsOf(
  env: Record<string, string | undefined>,
  purpose: 'api' | 'local',
): RedactOptions {
  const raw = env.CASEBOOK_REDACT_PII?.trim().toLowerCase();
  if (!raw) return { secrets: true, pii: purpose === 'api' ? [...PII_KINDS] : [] };
  if (['on', '1', 'true', 'yes', 'all'].includes(raw))
    return { secrets: true, pii: [...PII_KINDS] };
  if (['off', '0', 'false', 'no', 'none'].includes(raw)) return { secrets: true, pii: [] };
  const kinds = raw.split(/[\s,]+/).filter(Boolean);
  const unknown = kinds.filter(
    (k) => !(PII_KINDS as readonly string[]).includes(k.replace(/s$/, '')),
  );
  if (unknown.length)
    throw new CasebookError(
      'USAGE',
      `CASEBOOK_REDACT_PII: unknown kind ${unknown.map((k) => `"${k}"`).join(', ')}. Use on, off, or a comma list of ${PII_KINDS.join(', ')}.`,
    );
  return { secrets: true, pii: kinds.map((k) => k.replace(/s$/, '') as PiiKind) };
}
