/**
 * The offline draft: a structured skeleton built from the notes without a model. Note lines are
 * sorted into the sections by the rules in lines.ts and kept verbatim, so every specific
 * survives; a `TODO:` marks every section left without material. The front matter is prefilled
 * and valid for `status: draft`. Pure.
 */
import { renderFrontMatter } from '../review/file.ts';
import { classifyNotes, type Bucket, type NoteLine } from './lines.ts';
import { extractSpecifics, hasSpecific, normalizeForCompare } from '../facts/index.ts';
import { draftHaystack } from './verify.ts';
import type { Prefill } from './prefill.ts';
import type { RelatedIncident } from './related.ts';

/** Prefilled front matter between `---` lines, with TODO comments on the guesses. */
export function renderDraftFrontMatter(data: Prefill): string {
  const { severityFromNotes, dateTodo, ...fields } = data;
  return renderFrontMatter(fields, {
    ...(dateTodo && /^\d{4}-\d{2}-\d{2}$/.test(fields.date) ? { date: dateTodo } : {}),
    ...(severityFromNotes
      ? {}
      : { severity: 'TODO: confirm the severity (not stated in the notes)' }),
    failureModes: 'TODO: confirm the suggested failure modes',
  });
}

const bullets = (lines: readonly NoteLine[]) => lines.map((l) => `- ${l.text}`).join('\n');

export interface SkeletonInput {
  /** Redacted notes. */
  notes: string;
  prefill: Prefill;
  related: readonly RelatedIncident[];
}

/** Builds the offline skeleton draft (front matter and body). */
export function skeletonDraft(input: SkeletonInput): string {
  const lines = classifyNotes(input.notes);
  const of = (...buckets: Bucket[]) => lines.filter((l) => buckets.includes(l.bucket));
  const section = (heading: string, parts: string[], todo: string) => {
    const material = parts.filter((p) => p.trim());
    return `## ${heading}\n\n${material.length ? material.join('\n\n') : `TODO: ${todo}`}\n`;
  };
  const impact = of('impact');
  const mechanism = of('context', 'mechanism');
  const factors = of('factors');
  const investigation = of('investigation');
  const systemic = of('systemic');

  const body = [
    section(
      'Summary',
      [
        impact.length ? `From the notes:\n\n${bullets(impact)}` : '',
        'TODO: write three to six sentences: what broke, for whom, for how long, and why.',
      ],
      '',
    ),
    section(
      'Detailed mechanism',
      [mechanism.length ? bullets(mechanism) : ''],
      'write the causal chain with the specifics (config keys and values, versions, error strings, metric names).',
    ),
    section(
      'Contributing factors',
      [
        factors.length ? bullets(factors) : '',
        factors.length
          ? 'TODO: explain how these factors combined: which one alone would have been harmless, and what the combination did.'
          : '',
      ],
      'list the contributing factors and how they combined; the notes do not say.',
    ),
    section(
      'Investigation path',
      [investigation.length ? bullets(investigation) : ''],
      'what responders looked at, in order, including dead ends; the notes do not say.',
    ),
    section(
      'Systemic factors',
      [systemic.length ? bullets(systemic) : ''],
      'why review, staging or alerting did not catch it; the notes do not say.',
    ),
  ];

  const related = input.related.length
    ? `## Related incidents\n\n${input.related.map((r) => `- \`${r.id}\` (${r.failureModes.join(', ')}): reference only, compare before linking`).join('\n')}\n`
    : '';

  let draft = `${body.join('\n')}${related ? `\n${related}` : ''}`;
  // Safety net: any specific that the sorted lines and the front matter do not hold yet.
  const frontMatter = renderDraftFrontMatter(input.prefill);
  const haystack = draftHaystack(`${frontMatter}\n${draft}`);
  const missing = extractSpecifics(input.notes).filter((s) => !hasSpecific(haystack, s));
  if (missing.length) {
    const extra = lines.filter((l) =>
      missing.some((s) => hasSpecific(normalizeForCompare(l.text), s)),
    );
    draft += `\n## Supporting information\n\nOther lines from the notes:\n\n${bullets(extra)}\n`;
  }
  return `${frontMatter}\n${draft}`;
}
