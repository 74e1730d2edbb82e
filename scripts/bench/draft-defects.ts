/**
 * Planted defects for `verify`: each takes a faithful draft and returns a damaged copy plus the
 * finding `verify` should report. Used by the draft benchmark and the verify tests.
 */
import { extractSpecifics, type Specific } from '../../src/lib/draft/specifics.ts';
import { deadEndLines } from '../../src/lib/draft/lines.ts';
import { deadEndCovered, deadEndTerms, type VerifyReport } from '../../src/lib/draft/verify.ts';

export type DefectKind = 'drop-specific' | 'alter-value' | 'generalize' | 'remove-dead-ends' | 'remove-one-dead-end' | 'collapse-factors';

export interface Defect {
  kind: DefectKind;
  /** What was changed, for reports. */
  label: string;
  draft: string;
  /** True when the report shows the defect. */
  detected(report: VerifyReport): boolean;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Replaces every occurrence not glued to a longer word or number. */
const replaceAll = (text: string, find: string, by: string) => text.replace(new RegExp(`(?<![\\w.])${escape(find)}(?![\\w%]|[.,]\\d)`, 'g'), by);

/** Replaces the text of one H2 section. */
export function replaceSection(draft: string, heading: string, text: string): string {
  const re = new RegExp(`(^##\\s+${escape(heading)}\\s*\\n)([\\s\\S]*?)(?=^##\\s|(?![\\s\\S]))`, 'im');
  return draft.replace(re, (_m, head: string) => `${head}\n${text}\n\n`);
}

/** A specific that can be edited in the raw text safely (no YAML-escaped characters). */
const editable = (s: Specific) => !/["\\]/.test(s.text) && s.text.length >= 3;

/** Changes the last number in a specific: 50 → 100, 95.3% → 190.6%. */
export function alterNumber(text: string): string | null {
  const m = /(\d[\d,]*(?:\.\d+)?)(?!.*\d)/.exec(text);
  if (!m) return null;
  const n = Number((m[1] ?? '').replace(/,/g, ''));
  if (!Number.isFinite(n)) return null;
  const altered = String(n === 0 ? 7 : Math.round(n * 2 * 100) / 100);
  return text.slice(0, m.index) + altered + text.slice(m.index + (m[1] ?? '').length);
}

export const GENERALIZING_PHRASES = ['a configuration issue', 'the database had issues', 'some services', 'network problems', 'a bug in the code', 'various errors'];

/** Up to `perKind` defects of each kind from a faithful draft of `notes` (deterministic). */
export function plantDefects(draft: string, notes: string, perKind = 3): Defect[] {
  const specifics = extractSpecifics(notes).filter(editable);
  const pick = <T,>(items: T[], n: number) => items.length <= n ? items : Array.from({ length: n }, (_, i) => items[Math.floor((i * items.length) / n)] as T);
  const out: Defect[] = [];

  for (const s of pick(specifics.filter((x) => x.kind !== 'timestamp'), perKind)) {
    out.push({ kind: 'drop-specific', label: s.text, draft: replaceAll(draft, s.text, 'it'), detected: (r) => r.missing.includes(s.text) });
  }
  const numeric = specifics.filter((x) => (x.kind === 'config' || x.kind === 'quantity' || x.kind === 'version') && alterNumber(x.text));
  for (const s of pick(numeric, perKind)) {
    const altered = alterNumber(s.text) ?? s.text;
    out.push({ kind: 'alter-value', label: `${s.text} → ${altered}`, draft: replaceAll(draft, s.text, altered), detected: (r) => r.invented.some((x) => x.includes(alterNumber(s.text)?.match(/\d[\d.]*(?!.*\d)/)?.[0] ?? '\u0000')) });
  }
  GENERALIZING_PHRASES.slice(0, perKind * 2).forEach((phrase, i) => {
    const target = specifics.filter((x) => x.kind === 'config' || x.kind === 'error-string')[i];
    const damaged = target
      ? replaceAll(draft.split(`\`${target.text}\``).join(phrase), target.text, phrase)
      : replaceSection(draft, 'Detailed mechanism', `The outage was caused by ${phrase}.`);
    out.push({ kind: 'generalize', label: target ? `${target.text} → "${phrase}"` : `"${phrase}"`, draft: damaged, detected: (r) => r.generalizations.some((g) => g.phrase.toLowerCase() === phrase.toLowerCase()) });
  });
  const deadEnds = deadEndLines(notes);
  if (deadEnds.length) {
    out.push({ kind: 'remove-dead-ends', label: 'Investigation path reduced to the breakthrough', draft: replaceSection(draft, 'Investigation path', 'We looked at the logs and found the cause.'), detected: (r) => r.deadEndsMissing });
    for (const d of pick(deadEnds, perKind)) {
      // Drop the suspect entirely: every Investigation path line that mentions it.
      const terms = deadEndTerms(d.text);
      const lines = draft.split('\n');
      const start = lines.findIndex((l) => /^##\s+Investigation path/i.test(l));
      const end = lines.findIndex((l, i) => i > start && /^##\s/.test(l));
      const kept = lines.filter((l, i) => !(i > start && (end < 0 || i < end) && l.trim().startsWith('-') && deadEndCovered(terms, l)));
      if (kept.length === lines.length) continue;
      out.push({ kind: 'remove-one-dead-end', label: d.text, draft: kept.join('\n').replace(/(^##\s+Investigation path\s*\n)\s*(?=^##\s)/im, '$1\nWe found the cause in the logs.\n\n'), detected: (r) => r.deadEndsMissing });
    }
  }
  const cause = specifics.find((x) => x.kind === 'config') ?? specifics[0];
  out.push({ kind: 'collapse-factors', label: 'one root cause', draft: replaceSection(draft, 'Contributing factors', `The root cause was \`${cause?.text ?? 'the change'}\`.`), detected: (r) => r.singleCause });
  return out;
}
