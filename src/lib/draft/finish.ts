/**
 * Finishing a model's draft before it is written: strip a wrapping code fence or preamble, force
 * `status: draft`, keep only related ids and failure modes that exist, fill fields the model left
 * out from the prefill; and choosing the file name `<date>-<slug>.md`. Pure.
 */
import { isMap, parseDocument } from 'yaml';
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

/** Removes a ```markdown fence or text before the front matter. */
export function unwrapModelOutput(text: string): string {
  let out = text.trim();
  const fenced = /^```[a-z]*\s*\n([\s\S]*?)\n```\s*$/i.exec(out);
  if (fenced) out = (fenced[1] ?? '').trim();
  const start = out.search(/^---\s*$/m);
  if (start > 0) out = out.slice(start);
  return `${out}\n`;
}

/** Applies the draft invariants to a model-written review. */
export function finishModelDraft(text: string, context: FinishContext): string {
  const out = unwrapModelOutput(text);
  const lines = out.split('\n');
  const close = /^---\s*$/.test(lines[0] ?? '')
    ? lines.findIndex((l, i) => i > 0 && /^---\s*$/.test(l))
    : -1;
  if (close < 0) {
    // No front matter: keep the text as the body under the prefilled front matter.
    return `${renderDraftFrontMatter(context.prefill)}\n${out}`;
  }
  const doc = parseDocument(lines.slice(1, close).join('\n'));
  if (doc.errors.length || !isMap(doc.contents))
    return `${renderDraftFrontMatter(context.prefill)}\n${lines.slice(close + 1).join('\n')}`;
  doc.set('status', 'draft');
  const related = (doc.toJS().related as unknown[] | undefined) ?? [];
  doc.set(
    'related',
    related.filter((id): id is string => typeof id === 'string' && context.knownIds.has(id)),
  );
  const modes = ((doc.toJS().failureModes as unknown[] | undefined) ?? []).filter(
    (m): m is string => typeof m === 'string' && context.failureModes.has(m),
  );
  doc.set('failureModes', modes.length ? modes : context.prefill.failureModes);
  const data = doc.toJS() as Record<string, unknown>;
  const { severityFromNotes: _unused, ...defaults } = context.prefill;
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
  return `---\n${doc.toString({ lineWidth: 0 })}---\n${lines.slice(close + 1).join('\n')}`;
}

/** `<date>-<slug>.md`, the slug from the review title unless it is still a TODO, else from the notes. */
export function draftFileName(draft: string, prefill: Prefill, notes: string): string {
  const title = /^title:\s*["']?(.+?)["']?\s*$/m.exec(draft)?.[1] ?? '';
  const source = title && !/TODO/.test(title) ? title : notesTitle(notes);
  return `${prefill.date}-${slugify(source)}.md`;
}
