/**
 * Finishing a model's draft before it is written: take the review out of a code fence and the
 * chatter around it, repair front matter that is not valid YAML (or keep the fields that parse),
 * force `status: draft`, keep only related ids and failure modes that exist (the model's
 * `related` is never refilled), fill fields the model left out from the prefill; and choosing
 * the file name `<date>-<slug>.md`. Pure.
 */
import { isMap, parseDocument, type Document } from 'yaml';
import {
  canonicalSection,
  codeBlocks,
  headings,
  isFrontMatterFence,
  parseMarkdown,
} from '../markdown/index.ts';
import type { Prefill } from './prefill.ts';
import { notesTitle, slugify } from './prefill.ts';
import { renderDraftFrontMatter } from './skeleton.ts';

export interface FinishContext {
  prefill: Prefill;
  /** Ids of existing reviews. */
  knownIds: ReadonlySet<string>;
  /** Known failure-mode slugs. */
  failureModes: ReadonlySet<string>;
}

export interface FinishedDraft {
  text: string;
  /** What finishing had to change, for the author ("front matter repaired: …"). */
  notes: string[];
}

/** Lines a model adds after the review ("Let me know if …", "I hope this helps"). */
const CHATTER =
  /^(?:i hope|let me know|feel free|here(?:'s| is) (?:the|your|a)|i(?:'ve| have) (?:drafted|written|kept|left|marked|included)|note:|please (?:review|check|let)|this draft|if you(?:'d| would) like)/i;

/** The review inside the answer: a fenced block holding front matter, else the text from the first `---`. */
function unwrapModelOutput(text: string): string {
  let out = text.trim();
  const fenced = codeBlocks(out).find(
    (b) =>
      b.fenced &&
      b.value.split('\n').some(isFrontMatterFence) &&
      headings(parseMarkdown(b.value), b.value).some((h) => h.depth <= 2),
  );
  if (fenced) out = fenced.value.trim();
  const outLines = out.split('\n');
  const fence = outLines.findIndex(isFrontMatterFence);
  if (fence > 0) out = outLines.slice(fence).join('\n');
  // Chatter after the review: trailing paragraphs addressed to the user.
  const paragraphs = out.split(/\n\s*\n/);
  while (paragraphs.length > 1 && CHATTER.test((paragraphs[paragraphs.length - 1] ?? '').trim()))
    paragraphs.pop();
  if (
    paragraphs.length > 1 &&
    /^(?:-{3,}|\*{3,}|_{3,})$/.test((paragraphs[paragraphs.length - 1] ?? '').trim())
  )
    paragraphs.pop();
  return `${paragraphs.join('\n\n').trim()}\n`;
}

/** Quotes a top-level scalar that YAML cannot read plain ("title: Pool exhaustion: retries"). */
function quoteScalars(yaml: string): string {
  return yaml
    .split('\n')
    .map((line) => {
      const m = /^([A-Za-z][\w-]*):[ \t]+(.+?)\s*$/.exec(line);
      const value = m?.[2] ?? '';
      if (!m || /^["'[{|>&*!#]/.test(value) || !/: |\s#|^[@`%]/.test(value)) return line;
      return `${m[1]}: ${JSON.stringify(value)}`;
    })
    .join('\n');
}

/** The top-level blocks of a YAML mapping (a key line and its indented lines). */
function topLevelBlocks(yaml: string): string[] {
  const blocks: string[] = [];
  for (const line of yaml.split('\n')) {
    if (/^[A-Za-z][\w-]*:/.test(line) || !blocks.length) blocks.push(line);
    else blocks[blocks.length - 1] += `\n${line}`;
  }
  return blocks;
}

/** Parses the model's front matter: as is, repaired, or field by field (keeping what parses). */
function readFrontMatter(yaml: string, notes: string[]): Document | null {
  const direct = parseDocument(yaml);
  if (!direct.errors.length && isMap(direct.contents)) return direct;
  const repaired = parseDocument(quoteScalars(yaml));
  if (!repaired.errors.length && isMap(repaired.contents)) {
    notes.push('the front matter was not valid YAML; repaired it by quoting values that hold ": "');
    return repaired;
  }
  const kept = parseDocument('{}');
  const dropped: string[] = [];
  for (const block of topLevelBlocks(yaml)) {
    const one = parseDocument(quoteScalars(block));
    if (one.errors.length || !isMap(one.contents)) {
      dropped.push(/^([\w-]+):/.exec(block)?.[1] ?? block.slice(0, 20));
      continue;
    }
    for (const [key, value] of Object.entries(one.toJS() as Record<string, unknown>))
      kept.set(key, value);
  }
  if (!isMap(kept.contents) || !kept.contents.items.length) return null;
  notes.push(
    `the front matter was not valid YAML; kept the model's fields that parse${dropped.length ? ` and took ${dropped.join(', ')} from the prefill` : ''}`,
  );
  return kept;
}

/**
 * The body with its H2 headings in Casebook's canonical wording ("Contributing factors and how
 * they combined" → "Contributing factors"), from the one section table. A variant whose canonical
 * heading is already present is left alone.
 */
function canonicalHeadings(body: string, notes: string[] = []): string {
  const lines = body.split('\n');
  const found = headings(parseMarkdown(body), body).filter((h) => h.depth === 2);
  const present = new Set(found.map((h) => h.plain));
  for (const h of [...found].reverse()) {
    const canonical = canonicalSection(h.plain)?.canonical;
    if (!canonical || canonical === h.plain || present.has(canonical)) continue;
    present.add(canonical);
    lines.splice(h.line - 1, h.endLine - h.line + 1, `## ${canonical}`);
    notes.push(`renamed the heading "${h.plain}" to "## ${canonical}"`);
  }
  return lines.join('\n');
}

/** Applies the draft invariants to a model-written review, saying what it changed. */
export function finishModelDraftWithNotes(text: string, context: FinishContext): FinishedDraft {
  const notes: string[] = [];
  const out = unwrapModelOutput(text);
  const lines = out.split('\n');
  const close = isFrontMatterFence(lines[0] ?? '')
    ? lines.findIndex((l, i) => i > 0 && isFrontMatterFence(l))
    : -1;
  if (close < 0) {
    notes.push('the answer had no front matter; used the prefilled front matter');
    return {
      text: `${renderDraftFrontMatter(context.prefill)}\n${canonicalHeadings(out, notes)}`,
      notes,
    };
  }
  const body = canonicalHeadings(lines.slice(close + 1).join('\n'), notes);
  const doc = readFrontMatter(lines.slice(1, close).join('\n'), notes);
  if (!doc) {
    notes.push('the front matter could not be read at all; used the prefilled front matter');
    return { text: `${renderDraftFrontMatter(context.prefill)}\n${body}`, notes };
  }
  doc.set('status', 'draft');
  const related = (doc.toJS().related as unknown[] | undefined) ?? [];
  const relatedKept = related.filter(
    (id): id is string => typeof id === 'string' && context.knownIds.has(id),
  );
  if (relatedKept.length < related.length)
    notes.push(
      `dropped related ids that do not exist: ${related.filter((id) => !relatedKept.includes(id as string)).join(', ')}`,
    );
  doc.set('related', relatedKept);
  const modes = ((doc.toJS().failureModes as unknown[] | undefined) ?? []).filter(
    (m): m is string => typeof m === 'string' && context.failureModes.has(m),
  );
  doc.set('failureModes', modes.length ? modes : context.prefill.failureModes);
  const data = doc.toJS() as Record<string, unknown>;
  const {
    severityFromNotes: _severity,
    dateTodo: _dateTodo,
    related: _related,
    ...defaults
  } = context.prefill;
  for (const [key, value] of Object.entries(defaults)) {
    const current = data[key];
    if (
      current === undefined ||
      current === null ||
      current === '' ||
      (Array.isArray(current) && !current.length && Array.isArray(value) && value.length)
    )
      doc.set(key, value);
  }
  return { text: `---\n${doc.toString({ lineWidth: 0 })}---\n${body}`, notes };
}

/** `<date>-<slug>.md`, the slug from the review title unless it is still a TODO, else from the notes. */
export function draftFileName(draft: string, prefill: Prefill, notes: string): string {
  const title = /^title:\s*["']?(.+?)["']?\s*$/m.exec(draft)?.[1] ?? '';
  const source = title && !/TODO/.test(title) ? title : notesTitle(notes);
  const date = /^date:\s*["']?(\d{4}-\d{2}-\d{2})/m.exec(draft)?.[1] ?? prefill.date;
  return `${/^\d{4}-\d{2}-\d{2}$/.test(date) ? date : 'undated'}-${slugify(source)}.md`;
}
