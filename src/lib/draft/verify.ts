/**
 * `verify`: checks a draft against its notes so the human who owns the mechanism sees what was
 * lost or invented. Pure: draft text and notes text in, a report out.
 */
import { splitFrontMatter } from '../review/frontmatter.ts';
import { splitSections, sectionText, isOnlyTodo } from '../review/sections.ts';
import {
  checkableSpecifics,
  extractSpecifics,
  hasSpecific,
  normalizeForCompare,
  configParts,
  type Specific,
} from '../facts/index.ts';
import { deadEndLines } from './lines.ts';
import { redactSecrets } from './redact.ts';

/** The report, exactly as `verify --json` prints it. */
export interface VerifyReport {
  missing: string[];
  invented: string[];
  generalizations: { phrase: string; line: number }[];
  deadEndsMissing: boolean;
  singleCause: boolean;
  todos: number;
}

export interface VerifyOptions {
  /** Redact the notes first, as `draft` does (default true), so placeholders match. */
  redact?: boolean;
}

/** Front-matter fields whose text is prose a reader sees (the rest are ids, enums and dates). */
const PROSE_FIELDS = ['title', 'impact', 'execSummary'] as const;

function collectStrings(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => collectStrings(v, out));
  else if (value && typeof value === 'object')
    Object.values(value).forEach((v) => collectStrings(v, out));
}

interface DraftParts {
  /** Every string of the draft: raw text plus decoded front-matter values. */
  all: string;
  /** The prose a reader sees: body, title, impact, timeline events, action item titles. */
  prose: string;
  body: string;
  bodyLine: number;
}

function draftParts(draft: string): DraftParts {
  const fm = splitFrontMatter(draft);
  if (!fm) return { all: draft, prose: draft, body: draft, bodyLine: 1 };
  const strings: string[] = [];
  collectStrings(fm.data, strings);
  const data = (fm.data ?? {}) as Record<string, unknown>;
  const prose: string[] = [];
  for (const key of PROSE_FIELDS)
    if (typeof data[key] === 'string') prose.push(data[key] as string);
  for (const entry of Array.isArray(data.timeline) ? data.timeline : [])
    if (typeof entry?.event === 'string') prose.push(entry.event);
  for (const item of Array.isArray(data.actionItems) ? data.actionItems : [])
    if (typeof item?.title === 'string') prose.push(item.title);
  return {
    all: `${draft}\n${strings.join('\n')}`,
    prose: `${prose.join('\n')}\n${withoutReferenceSections(fm.body)}`,
    body: fm.body,
    bodyLine: fm.bodyLine,
  };
}

/** The body without sections that quote other reviews ("## Related incidents"), which are not this incident's claims. */
function withoutReferenceSections(body: string): string {
  return body.replace(
    /^##\s+(?:related incidents|similar incidents|see also)\s*$[\s\S]*?(?=^##\s|(?![\s\S]))/gim,
    '',
  );
}

/** The normalised text `missing` looks specifics up in (raw draft plus decoded front matter). */
export const draftHaystack = (draft: string): string => normalizeForCompare(draftParts(draft).all);

/** Phrases that stand in for specifics. */
export const GENERALIZATIONS: RegExp[] = [
  /\ban? (?:config(?:uration)?|configuration-related|settings?) (?:issue|problem|error|change|mistake)s?\b/gi,
  /\b(?:config(?:uration)?|settings?) (?:issue|problem)s?\b/gi,
  /\bmisconfigur(?:ation|ed)\b/gi,
  /\bthe (?:database|db|cache|cluster|network|service|system|server|api|queue)s? (?:had|was having|experienced|ran into) (?:some |an |a |)(?:issues?|problems?|trouble|difficulties)\b/gi,
  /\b(?:some|several|certain|various|multiple) (?:services|systems|components|hosts|nodes|servers|customers|users|requests)\b/gi,
  /\bnetwork(?:ing)? (?:problems?|issues?|glitch(?:es)?|blips?|hiccups?)\b/gi,
  /\ban? (?:bug|defect|issue|problem) in the (?:code|software|application|service)\b/gi,
  /\ba (?:software )?bug\b(?! (?:in|where|that|which) \S*[`\d])/gi,
  /\b(?:various|some|several|multiple|a number of|a few) (?:errors|issues|problems|failures|exceptions)\b/gi,
  /\b(?:an? )?(?:unexpected|unknown|transient|intermittent) (?:issue|problem|error|behaviou?r)s?\b/gi,
  /\bperformance (?:issues?|problems?|degradation)\b/gi,
  /\b(?:capacity|resource|load|memory|disk|connectivity|latency|database|db|timeout|auth(?:entication)?|dns|certificate) (?:issues?|problems?)\b/gi,
  /\bhuman error\b/gi,
  /\bfor some (?:time|reason)\b/gi,
  /\bsomething went wrong\b/gi,
];

/** Phrases in `text` that stand in for specifics, with their 1-based line (offset by `firstLine`). Phrases the notes use themselves are not reported. */
export function findGeneralizations(
  text: string,
  notes: string,
  firstLine = 1,
): VerifyReport['generalizations'] {
  const notesLower = notes.toLowerCase().replace(/\s+/g, ' ');
  const out: (VerifyReport['generalizations'][number] & { column: number })[] = [];
  let fence = false;
  text.split(/\r?\n/).forEach((line, i) => {
    if (/^\s*(?:```|~~~)/.test(line)) fence = !fence;
    if (fence) return;
    const prose = line.replace(/`[^`]*`/g, ' ');
    const seen = new Set<number>();
    for (const pattern of GENERALIZATIONS) {
      pattern.lastIndex = 0;
      for (let m = pattern.exec(prose); m; m = pattern.exec(prose)) {
        if ([...seen].some((start) => Math.abs(start - m!.index) < 4)) continue;
        seen.add(m.index);
        if (notesLower.includes(m[0].toLowerCase())) continue;
        out.push({ phrase: m[0], line: firstLine + i, column: m.index });
      }
    }
  });
  return out
    .sort((a, b) => a.line - b.line || a.column - b.column)
    .map(({ phrase, line }) => ({ phrase, line }));
}

const STOP = new Set([
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

const WORD = /[A-Za-z0-9][A-Za-z0-9_.-]*[A-Za-z0-9]|[A-Za-z0-9]/g;

/** Drops a leading time and chat nick ("[14:31] <li>") from a note line. */
const withoutTimeAndNick = (text: string) =>
  text.replace(/^\[?\d{1,2}:\d{2}(?::\d{2})?\]?\s*(?:UTC\s*)?/, '').replace(/<[^>]+>/g, ' ');

/**
 * The distinctive words of a dead-end line, lower-cased: content words of three letters or more,
 * acronyms (`LB`, `GC`, `TLS`) and tokens such as `5xx`, without stop words and plain numbers.
 */
export function deadEndTerms(text: string): string[] {
  const out: string[] = [];
  for (const raw of withoutTimeAndNick(text).match(WORD) ?? []) {
    const word = raw.replace(/[.]+$/, '');
    const lower = word.toLowerCase();
    if (STOP.has(lower) || /^[\d.,:]+$/.test(word)) continue;
    const acronym = /^[A-Z]{2,}s?$/.test(word) || /^\d+[a-z]+$/i.test(word);
    if (lower.length > 2 || acronym) out.push(lower);
  }
  return [...new Set(out)];
}

const stem = (w: string) => w.replace(/(?:ing|ed|es|s)$/, '');

/** The words of a text, lower-cased and stemmed, plus the raw lower-cased text for substring hits. */
interface WordBag {
  text: string;
  stems: Set<string>;
}

const bagOf = (text: string): WordBag => {
  const lower = text.toLowerCase();
  return {
    text: lower,
    stems: new Set((lower.match(WORD) ?? []).map((w) => stem(w.replace(/[.]+$/, '')))),
  };
};

/** True when `term` occurs in the bag: as a stemmed word, or (for longer terms) as a substring ("throttling" in "ThrottlingException"). */
const bagHas = (bag: WordBag, term: string) =>
  bag.stems.has(stem(term)) || (term.length > 3 && bag.text.includes(term));

/**
 * How distinctive each word of the notes is: `ln(1 + lines / linesWithWord)`. A word that many
 * note lines share ("inventory", "gateway") is weak evidence that a given dead end was kept.
 */
export function termWeights(notes: string): (term: string) => number {
  const lines = notes
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .map(bagOf);
  const cache = new Map<string, number>();
  return (term) => {
    let w = cache.get(term);
    if (w === undefined) {
      const df = lines.filter((bag) => bagHas(bag, term)).length;
      w = Math.log(1 + lines.length / Math.max(1, df));
      cache.set(term, w);
    }
    return w;
  };
}

/** The items of an Investigation path: list items (with their continuation lines), else paragraphs. */
export function investigationItems(text: string): string[] {
  const items: string[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.join('').trim()) items.push(current.join('\n'));
    current = [];
  };
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) flush();
    else if (/^\s{0,3}(?:[-*+]|\d+[.)])\s+/.test(line)) {
      flush();
      current.push(line);
    } else current.push(line);
  }
  flush();
  return items;
}

/** The share (0..1) of a dead end's weighted terms that occur in `item`. */
export function deadEndScore(
  terms: readonly string[],
  item: string,
  weight: (term: string) => number = () => 1,
): number {
  const bag = bagOf(item);
  let total = 0;
  let hit = 0;
  for (const t of terms) {
    const w = weight(t);
    total += w;
    if (bagHas(bag, t)) hit += w;
  }
  return total ? hit / total : 1;
}

/** The weighted share of its terms a dead end needs in one Investigation path item. */
export const DEAD_END_THRESHOLD = 0.4;

/**
 * True when a dead end from the notes is represented in the investigation text: one item of it
 * (a list item or paragraph, not the section as a whole) holds at least DEAD_END_THRESHOLD of the
 * dead end's terms, weighted by `weight`, and at least one of them, or two when it has several.
 */
export function deadEndCovered(
  terms: readonly string[],
  investigation: string,
  weight: (term: string) => number = () => 1,
): boolean {
  if (!terms.length) return true;
  const needHits = terms.length >= 4 ? 2 : 1;
  return investigationItems(investigation).some((item) => {
    const bag = bagOf(item);
    return (
      terms.filter((t) => bagHas(bag, t)).length >= needHits &&
      deadEndScore(terms, item, weight) >= DEAD_END_THRESHOLD
    );
  });
}

/** The dead-end lines of `notes` that the investigation text does not represent. */
export function missingDeadEnds(notes: string, investigation: string): string[] {
  const weight = termWeights(notes);
  return deadEndLines(notes)
    .filter((d) => !deadEndCovered(deadEndTerms(d.text), investigation, weight))
    .map((d) => d.text);
}

const COMBINED =
  /\bcombin(?:ed|ation|ing|e)\b|\btogether\b|\balone\b|\bon (?:its|their) own\b|\bcompound|\binteract|\bon top of\b|\bcoupled with\b|\bin conjunction\b|\bboth\b|\bneither\b|\beach (?:factor|of them|one)\b|\bharmless\b|\bamplif|\bcombo\b|\bat the same time\b|\bcoincid|\bmet\b|\bwithout (?:the|either|any) (?:other|one)\b/i;

/** Counts the factors a Contributing factors section lists: list items, else paragraphs. */
function factorCount(text: string): number {
  const items = text
    .split('\n')
    .filter((l) => /^\s{0,3}(?:[-*+]|\d+[.)])\s+/.test(l) && !/TODO:/.test(l));
  if (items.length) return items.length;
  return text.split(/\n\s*\n/).filter((p) => p.trim() && !/^\s*TODO:/.test(p)).length;
}

/** Single cause: the section presents one factor and no account of how factors combined (a TODO there is not a cause). */
export function isSingleCause(factors: string): boolean {
  if (!factors.trim() || isOnlyTodo(factors) || /TODO:/.test(factors)) return false;
  return factorCount(factors) <= 1 && !COMBINED.test(factors);
}

const sameNumberForms = (s: Specific) => normalizeForCompare(s.text).replace(/^~/, '');

/** Verifies `draft` against `notes`. */
export function verifyDraft(
  draft: string,
  notes: string,
  options: VerifyOptions = {},
): VerifyReport {
  const cleanNotes = options.redact === false ? notes : redactSecrets(notes).text;
  const parts = draftParts(draft);
  const haystack = normalizeForCompare(parts.all);
  const notesNorm = normalizeForCompare(cleanNotes);

  const missing = extractSpecifics(cleanNotes)
    .filter((s) => !hasSpecific(haystack, s))
    .map((s) => s.text);

  const invented: string[] = [];
  for (const s of checkableSpecifics(parts.prose)) {
    if (hasSpecific(notesNorm, s)) continue;
    // A config key that the notes give without this value, or a value the notes never state.
    const config = s.kind === 'config' ? configParts(s.text) : null;
    if (config && /^(?:TODO|\[REDACTED)/.test(config.value)) continue;
    if (/TODO:|\[REDACTED:/.test(s.text)) continue;
    invented.push(sameNumberForms(s));
  }

  const { sections } = splitSections(parts.body, parts.bodyLine);
  const investigation = sectionText(sections, 'Investigation path');
  const deadEnds = deadEndLines(cleanNotes);
  const deadEndsMissing =
    deadEnds.length > 0 &&
    (isOnlyTodo(investigation) ||
      !investigation.trim() ||
      missingDeadEnds(cleanNotes, investigation).length > 0);

  return {
    missing,
    invented: [...new Set(invented)],
    generalizations: findGeneralizations(draft, cleanNotes),
    deadEndsMissing,
    singleCause: isSingleCause(sectionText(sections, 'Contributing factors')),
    todos: (draft.match(/TODO:/g) ?? []).length,
  };
}

/** Exit status for a report: 1 when anything is missing or invented, or dead ends are missing. */
export const verifyFailed = (r: VerifyReport): boolean =>
  r.missing.length > 0 || r.invented.length > 0 || r.deadEndsMissing;

/** The report as readable lines. */
export function formatReport(r: VerifyReport): string {
  const out: string[] = [];
  out.push(
    r.missing.length
      ? `missing (${r.missing.length}): specifics from the notes the draft lacks:\n${r.missing.map((m) => `  - ${m}`).join('\n')}`
      : 'missing: none',
  );
  out.push(
    r.invented.length
      ? `invented (${r.invented.length}): values in the draft the notes do not state:\n${r.invented.map((m) => `  - ${m}`).join('\n')}`
      : 'invented: none',
  );
  out.push(
    r.generalizations.length
      ? `generalizations (${r.generalizations.length}):\n${r.generalizations.map((g) => `  - line ${g.line}: "${g.phrase}"`).join('\n')}`
      : 'generalizations: none',
  );
  out.push(`dead ends missing from Investigation path: ${r.deadEndsMissing ? 'YES' : 'no'}`);
  out.push(`single cause in Contributing factors: ${r.singleCause ? 'YES' : 'no'}`);
  out.push(`TODO: markers left: ${r.todos}`);
  return out.join('\n');
}
