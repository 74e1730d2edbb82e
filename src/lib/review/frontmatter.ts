/** Splitting a Markdown file into YAML front matter and body, with positions for error messages. */
import {
  LineCounter,
  parseDocument,
  isMap,
  isSeq,
  type Document,
  type Node as YamlNode,
} from 'yaml';
import { isFrontMatterFence } from '../markdown/lines.ts';

export interface FrontMatter {
  /** The parsed YAML value (undefined when it failed to parse). */
  data: unknown;
  /** YAML syntax errors, each with a 1-based file line. */
  errors: { line: number; message: string }[];
  /** File line of a key path (e.g. ['timeline', 2, 'at']), falling back to the nearest parent. */
  lineOf(path: readonly (string | number)[]): number;
  /** The body after the closing `---`. */
  body: string;
  /** 1-based file line where the body starts. */
  bodyLine: number;
}

/**
 * Most YAML aliases (`*name`) one front matter may expand. A review needs none; the limit stops
 * an alias bomb (nested aliases that expand to billions of nodes) with a clear error.
 */
const MAX_YAML_ALIASES = 100;

/**
 * The first line of a YAML error, in words a reader can act on: the parser's own stack overflow on
 * deeply nested input (`[[[[…`) says that the YAML is nested too deeply.
 */
export function yamlErrorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof RangeError || /call stack/i.test(message))
    return 'the YAML is nested too deeply (thousands of levels of [ ], { } or indentation)';
  return message.split('\n')[0] ?? message;
}

/** Returns null when the file has no front matter block. */
export function splitFrontMatter(text: string): FrontMatter | null {
  const lines = text.split(/\r?\n/);
  if (!isFrontMatterFence(lines[0] ?? '')) return null;
  const close = lines.findIndex((line, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(line));
  if (close < 0) return null;
  const yamlText = lines.slice(1, close).join('\n');
  const counter = new LineCounter();
  const doc = parseDocument(yamlText, {
    lineCounter: counter,
    prettyErrors: false,
    uniqueKeys: true,
  });
  const lineAt = (offset: number) => counter.linePos(offset).line + 1; // +1 for the opening ---
  const errors = doc.errors.map((e) => ({
    line: lineAt(e.pos[0]),
    message: yamlErrorText(e),
  }));
  let data: unknown;
  if (!errors.length) {
    try {
      data = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    } catch (error) {
      const alias = /(?:^|[\s,[{:-])\*[\w-]/m.exec(yamlText);
      errors.push({
        line: alias ? lineAt(alias.index + alias[0].indexOf('*')) : 2,
        message: /alias/i.test((error as Error).message)
          ? `the YAML uses too many aliases (*name), over ${MAX_YAML_ALIASES} expansions: an alias bomb or a broken file. Write the values out instead of using anchors and aliases.`
          : `the YAML cannot be read (${yamlErrorText(error)}).`,
      });
    }
  }
  return {
    data,
    errors,
    lineOf: (path) => lineAt(offsetOf(doc, path)),
    body: lines.slice(close + 1).join('\n'),
    bodyLine: close + 2,
  };
}

function offsetOf(doc: Document, path: readonly (string | number)[]): number {
  let node: unknown = doc.contents;
  let offset = (doc.contents as YamlNode | null)?.range?.[0] ?? 0;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
      if (!pair) break;
      offset = (pair.key as YamlNode).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key] as YamlNode | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else break;
  }
  return offset;
}
