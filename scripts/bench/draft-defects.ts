/**
 * Planted defects for `verify`: each takes a faithful draft and returns a damaged copy plus the
 * finding `verify` should report. Used by the draft benchmark and the verify tests.
 */
import { extractSpecifics, type Specific } from '../../src/lib/facts/index.ts';
import { deadEndLines } from '../../src/lib/draft/lines.ts';
import { investigationItems, type VerifyReport } from '../../src/lib/draft/verify.ts';
import { sectionKey, splitSections, stripListMarker } from '../../src/lib/markdown/index.ts';

export type DefectKind =
  | 'drop-specific'
  | 'alter-value'
  | 'generalize'
  | 'remove-dead-ends'
  | 'remove-one-dead-end'
  | 'collapse-factors';

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
const replaceAll = (text: string, find: string, by: string) =>
  text.replace(new RegExp(`(?<![\\w.])${escape(find)}(?![\\w%]|[.,]\\d)`, 'g'), by);

/**
 * The 0-based line range of the section whose heading starts with `heading` (any case): the
 * heading's line and the line where the next section starts, read through the Markdown module.
 */
function sectionRange(
  lines: readonly string[],
  heading: string,
): { start: number; end: number; key: string } | null {
  const { sections } = splitSections(lines.join('\n'));
  const i = sections.findIndex((s) => s.key.startsWith(sectionKey(heading)));
  const found = sections[i];
  if (!found) return null;
  return {
    start: found.line - 1,
    end: (sections[i + 1]?.line ?? lines.length + 1) - 1,
    key: found.key,
  };
}

/** Replaces the text of one H2 section. */
export function replaceSection(draft: string, heading: string, text: string): string {
  const lines = draft.split('\n');
  const range = sectionRange(lines, heading);
  if (!range || range.key !== sectionKey(heading)) return draft;
  return [...lines.slice(0, range.start + 1), '', text, '', ...lines.slice(range.end)].join('\n');
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

export const GENERALIZING_PHRASES = [
  'a configuration issue',
  'the database had issues',
  'some services',
  'network problems',
  'a bug in the code',
  'various errors',
];

/**
 * The removal rule for `remove-one-dead-end` on drafts that copy note lines (skeletons): a bullet
 * goes when it holds at least half (one to three) of the dead-end line's content words. Frozen
 * here, independent of `verify`'s own matching, so that changing `verify` cannot move the defect.
 */
const REMOVAL_STOP = new Set([
  'the',
  'and',
  'for',
  'with',
  'from',
  'that',
  'this',
  'into',
  'are',
  'not',
  'its',
  'but',
  'was',
  'were',
  'has',
  'have',
  'had',
  'been',
  'being',
  'then',
  'than',
  'there',
  'their',
  'they',
  'what',
  'when',
  'which',
  'while',
  'also',
  'just',
  'maybe',
  'some',
  'something',
  'someone',
  'because',
  'about',
  'after',
  'before',
  'again',
  'still',
  'only',
  'very',
  'really',
  'bit',
  'lot',
  'suspect',
  'suspected',
  'suspects',
  'thought',
  'think',
  'ruled',
  'rule',
  'out',
  'dead',
  'end',
  'ends',
  'red',
  'herring',
  'false',
  'lead',
  'not',
  'it',
  'was',
  'the',
  'cause',
  'checked',
  'check',
  'looked',
  'look',
  'looks',
  'seemed',
  'seems',
  'said',
  'says',
  'first',
  'next',
  'later',
  'too',
  'same',
  'normal',
  'fine',
  'ok',
  'okay',
  'yes',
  'no',
  'nope',
  'did',
  'does',
  'doing',
  'done',
  'be',
  'on',
  'in',
  'at',
  'to',
  'of',
  'by',
  'as',
  'is',
  'we',
  'i',
  'a',
  'an',
  'or',
  'so',
  'if',
  'it',
  'our',
  'us',
  'he',
  'she',
  'you',
  'probably',
  'irrelevant',
  'todo',
  'confirm',
  'utc',
  'excluded',
  'hypothesis',
  'ruling',
  'wasn',
  'isn',
  'doesn',
  'didn',
  'don',
  'can',
  'could',
  'would',
  'should',
  'might',
  'will',
  'went',
  'got',
  'get',
  'gets',
  'took',
  'take',
  'now',
  'one',
  'two',
  'all',
]);
function removalWords(text: string): string[] {
  const cleaned = text
    .replace(/^\[?\d{1,2}:\d{2}(?::\d{2})?\]?\s*(?:UTC\s*)?/, '')
    .replace(/<[^>]+>/g, ' ');
  const words = cleaned.toLowerCase().match(/[a-z][a-z0-9_.-]*[a-z0-9]|[a-z]/g) ?? [];
  return [...new Set(words.filter((w) => w.length > 2 && !REMOVAL_STOP.has(w) && !/^\d/.test(w)))];
}
const removalStem = (w: string) => w.replace(/(?:ing|ed|es|s)$/, '');
function bulletMentions(words: string[], bullet: string): boolean {
  if (!words.length) return true;
  const text = bullet.toLowerCase();
  const have = new Set((text.match(/[a-z][a-z0-9_.-]*[a-z0-9]|[a-z]/g) ?? []).map(removalStem));
  const hits = words.filter((t) => text.includes(t) || have.has(removalStem(t))).length;
  return hits >= Math.min(3, Math.max(1, Math.ceil(words.length / 2)));
}

/** Options for `plantDefects`. */
export interface PlantOptions {
  /**
   * For hand-written drafts: the opening text of each Investigation path item that reports a dead
   * end (hand-labelled). `remove-one-dead-end` then removes each such item in turn.
   */
  deadEndItems?: string[];
}

/** Removes the Investigation path item that starts with `opening` (after its list marker). */
export function removeInvestigationItem(draft: string, opening: string): string | null {
  const lines = draft.split('\n');
  const range = sectionRange(lines, 'Investigation path');
  if (!range) return null;
  const { start, end } = range;
  const section = lines.slice(start + 1, end).join('\n');
  const item = investigationItems(section).find((it) => stripListMarker(it).startsWith(opening));
  if (!item) return null;
  const rest = section.replace(item, '').replace(/\n{3,}/g, '\n\n');
  return [...lines.slice(0, start + 1), rest, ...lines.slice(end)].join('\n');
}

/** Up to `perKind` defects of each kind from a faithful draft of `notes` (deterministic). */
export function plantDefects(
  draft: string,
  notes: string,
  perKind = 3,
  options: PlantOptions = {},
): Defect[] {
  const specifics = extractSpecifics(notes).filter(editable);
  const pick = <T>(items: T[], n: number) =>
    items.length <= n
      ? items
      : Array.from({ length: n }, (_, i) => items[Math.floor((i * items.length) / n)] as T);
  const out: Defect[] = [];

  for (const s of pick(
    specifics.filter((x) => x.kind !== 'timestamp'),
    perKind,
  )) {
    out.push({
      kind: 'drop-specific',
      label: s.text,
      draft: replaceAll(draft, s.text, 'it'),
      detected: (r) => r.missing.includes(s.text),
    });
  }
  const numeric = specifics.filter(
    (x) =>
      (x.kind === 'config' || x.kind === 'quantity' || x.kind === 'version') && alterNumber(x.text),
  );
  for (const s of pick(numeric, perKind)) {
    const altered = alterNumber(s.text) ?? s.text;
    out.push({
      kind: 'alter-value',
      label: `${s.text} → ${altered}`,
      draft: replaceAll(draft, s.text, altered),
      // Reported when the new value is flagged as invented, or the notes' value as missing (an
      // altered value can coincide with one derivable from the notes, e.g. a difference of two).
      detected: (r) =>
        r.missing.includes(s.text) ||
        r.invented.some((x) =>
          x.includes(alterNumber(s.text)?.match(/\d[\d.]*(?!.*\d)/)?.[0] ?? '\u0000'),
        ),
    });
  }
  GENERALIZING_PHRASES.slice(0, perKind * 2).forEach((phrase, i) => {
    const target = specifics.filter((x) => x.kind === 'config' || x.kind === 'error-string')[i];
    const damaged = target
      ? replaceAll(draft.split(`\`${target.text}\``).join(phrase), target.text, phrase)
      : replaceSection(draft, 'Detailed mechanism', `The outage was caused by ${phrase}.`);
    out.push({
      kind: 'generalize',
      label: target ? `${target.text} → "${phrase}"` : `"${phrase}"`,
      draft: damaged,
      detected: (r) =>
        r.generalizations.some((g) => g.phrase.toLowerCase() === phrase.toLowerCase()),
    });
  });
  const deadEnds = deadEndLines(notes);
  if (deadEnds.length) {
    out.push({
      kind: 'remove-dead-ends',
      label: 'Investigation path reduced to the breakthrough',
      draft: replaceSection(
        draft,
        'Investigation path',
        'We looked at the logs and found the cause.',
      ),
      detected: (r) => r.deadEndsMissing,
    });
    if (options.deadEndItems) {
      for (const opening of options.deadEndItems) {
        const damaged = removeInvestigationItem(draft, opening);
        if (!damaged) throw new Error(`no Investigation path item starts with "${opening}"`);
        out.push({
          kind: 'remove-one-dead-end',
          label: opening,
          draft: damaged,
          detected: (r) => r.deadEndsMissing,
        });
      }
    } else {
      for (const d of pick(deadEnds, perKind)) {
        // Drop the suspect: every Investigation path bullet that mentions it.
        const words = removalWords(d.text);
        const lines = draft.split('\n');
        const { start, end } = sectionRange(lines, 'Investigation path') ?? { start: -1, end: -1 };
        const kept = lines.filter(
          (l, i) =>
            !(
              start >= 0 &&
              i > start &&
              i < end &&
              l.trim().startsWith('-') &&
              bulletMentions(words, l)
            ),
        );
        if (kept.length === lines.length) continue;
        // A section left empty gets one sentence, so the draft still has the section.
        const left = sectionRange(kept, 'Investigation path');
        const emptied = left && kept.slice(left.start + 1, left.end).every((l) => !l.trim());
        out.push({
          kind: 'remove-one-dead-end',
          label: d.text,
          draft: (left && emptied
            ? [
                ...kept.slice(0, left.start + 1),
                '',
                'We found the cause in the logs.',
                '',
                ...kept.slice(left.end),
              ]
            : kept
          ).join('\n'),
          detected: (r) => r.deadEndsMissing,
        });
      }
    }
  }
  const cause = specifics.find((x) => x.kind === 'config') ?? specifics[0];
  out.push({
    kind: 'collapse-factors',
    label: 'one root cause',
    draft: replaceSection(
      draft,
      'Contributing factors',
      `The root cause was \`${cause?.text ?? 'the change'}\`.`,
    ),
    detected: (r) => r.singleCause,
  });
  return out;
}
