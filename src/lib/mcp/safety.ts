/**
 * What every MCP tool result passes through: the draft redaction (on notes before anything is
 * logged or echoed, and again over every string of the result), the size bound, and the mapping
 * of errors to MCP tool errors with the CLI's messages.
 */
import { isCasebookError } from '../errors.ts';
import { redact, type RedactOptions } from '../redact/index.ts';
import { MAX_RESULT_CHARS } from './limits.ts';

export interface RedactedText {
  text: string;
  /** How many secrets were replaced. */
  count: number;
}

/** The one redaction (src/lib/redact); secrets always, personal data as `options` say. */
export async function redactText(text: string, options?: RedactOptions): Promise<RedactedText> {
  const result = await redact(text, options);
  return { text: result.text, count: result.count };
}

/** Separates the strings of a result while they are redacted together (no rule matches across it). */
const SEPARATOR = '\n\u241e\n';

/**
 * Redacts every string inside a JSON-like value, object keys included (a map such as search's
 * `corrections` is keyed by the caller's words). The strings are redacted in one pass, joined by
 * SEPARATOR; if a find spans two of them, each is redacted alone.
 */
export async function redactDeep<T>(value: T, options?: RedactOptions): Promise<T> {
  const strings: string[] = [];
  const collect = (v: unknown): void => {
    if (typeof v === 'string') strings.push(v);
    else if (Array.isArray(v)) v.forEach(collect);
    else if (v && typeof v === 'object' && !(v instanceof Date))
      for (const [k, x] of Object.entries(v)) {
        strings.push(k);
        collect(x);
      }
  };
  collect(value);
  if (!strings.length) return value;
  let clean = (await redactText(strings.join(SEPARATOR), options)).text.split(SEPARATOR);
  if (clean.length !== strings.length)
    clean = await Promise.all(strings.map(async (s) => (await redactText(s, options)).text));
  let next = 0;
  const rebuild = (v: unknown): unknown => {
    if (typeof v === 'string') return clean[next++] ?? '';
    if (Array.isArray(v)) return v.map(rebuild);
    if (v && typeof v === 'object' && !(v instanceof Date))
      return Object.fromEntries(
        Object.entries(v).map(([, x]) => [clean[next++] ?? '', rebuild(x)] as const),
      );
    return v;
  };
  return rebuild(value) as T;
}

/** Cuts text to `max` characters, saying how much was left out. */
export function bound(text: string, max: number, hint: string): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}\n… [cut: ${text.length - max} more characters. ${hint}]`;
}

/** The text of a tool result: redacted JSON, bounded. */
export async function resultText(value: unknown, options?: RedactOptions): Promise<string> {
  const json = JSON.stringify(await redactDeep(value, options), null, 2);
  return bound(json, MAX_RESULT_CHARS, 'Ask for less (fewer sections, a smaller k or limit).');
}

/** A successful tool result. */
export interface ToolResult {
  [key: string]: unknown;
  content: { type: 'text'; text: string }[];
  isError?: boolean;
}

export async function toolResult(value: unknown, options?: RedactOptions): Promise<ToolResult> {
  return { content: [{ type: 'text', text: await resultText(value, options) }] };
}

/**
 * A tool error: a CasebookError keeps its code and the CLI's message; anything else is an
 * unexpected error (its message only; the stack goes to `log`, stderr). Redacted and bounded.
 */
export async function toolError(
  tool: string,
  error: unknown,
  log: (line: string) => void,
  options?: RedactOptions,
): Promise<ToolResult> {
  let message: string;
  if (isCasebookError(error)) message = `${tool}: error [${error.code}]: ${error.message}`;
  else {
    const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
    log(`${tool}: unexpected error: ${(await redactText(stack, options)).text}`);
    message = `${tool}: unexpected error: ${error instanceof Error ? error.message : String(error)}`;
  }
  const text = bound(
    (await redactText(message, options)).text,
    4_000,
    'The full message is on stderr.',
  );
  return { content: [{ type: 'text', text }], isError: true };
}
