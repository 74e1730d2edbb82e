/**
 * `verify`: checks a draft against its notes so the human who owns the mechanism sees what was
 * lost or invented. It judges meaning, not spelling: a quantity in another unit, a time in
 * another form or zone (converted right), a duration between two of the notes' times, a sum or
 * difference of the notes' numbers and a count with its noun changed are kept, and the derived
 * ones are listed in `derived` for the human to check. Sections are found through the canonical
 * section table, and only prose is scanned (never code blocks). Pure.
 */
import { splitFrontMatter } from '../review/frontmatter.ts';
import {
  canonicalSection,
  countTodos,
  isTodo,
  isTodoOnly,
  listItems,
  proseBlocks,
  splitSections,
  TODO_PATTERN,
  type Section,
  type SectionSlot,
} from '../markdown/index.ts';
import {
  checkableSpecifics,
  closeTo,
  compoundDurationsIn,
  declaredZone,
  configParts,
  dayOf,
  extractSpecifics,
  hasSpecific,
  minutesBetween,
  normalizeForCompare,
  numbersIn,
  parseQuantity,
  quantitiesIn,
  sameInstant,
  sameNumber,
  sameQuantity,
  timesIn,
  type Quantity,
  type TimeFact,
} from '../facts/index.ts';
import { STOP_WORDS, stem } from '../classify/index.ts';
import { deadEndLines } from './lines.ts';

/** The report, exactly as `verify --json` prints it. */
export interface VerifyReport {
  /** Specifics of the notes the draft lacks in any form. */
  missing: string[];
  /** Values in the draft the notes cannot support. */
  invented: string[];
  /** Values in the draft derived from the notes (durations, sums, a count's noun changed), with how. */
  derived: { value: string; from: string }[];
  generalizations: { phrase: string; line: number }[];
  deadEndsMissing: boolean;
  /** The dead-end lines of the notes the Investigation path does not represent. */
  missingDeadEnds: string[];
  singleCause: boolean;
  todos: number;
  /** Times whose zone was changed without converting them (also counted in `invented`). */
  zoneChanged: { value: string; notes: string }[];
}

/** Front-matter fields whose text is prose a reader sees (the rest are ids, enums and dates). */
const PROSE_FIELDS = ['title', 'impact', 'execSummary'] as const;

function collectStrings(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (value instanceof Date) out.push(value.toISOString());
  else if (Array.isArray(value)) value.forEach((v) => collectStrings(v, out));
  else if (value && typeof value === 'object')
    Object.values(value).forEach((v) => collectStrings(v, out));
}

interface DraftParts {
  /** Every string of the draft: raw text plus decoded front-matter values. */
  all: string;
  /** The prose a reader sees: body prose (no code), title, impact, timeline events, action item titles. */
  prose: string;
  /** Timestamps of the front matter's timeline (`at`), as written. */
  timelineAts: string;
  body: string;
  bodyLine: number;
}

/** Sections that quote other reviews ("## Related incidents"): not this incident's claims. */
const REFERENCE_SECTION = /^(?:related|similar) incidents?$|^see also$/i;

/** The prose of a body: paragraphs, list items, table cells, headings; no code or HTML. */
function bodyProse(body: string, bodyLine: number): string {
  const { preamble, sections } = splitSections(body, bodyLine);
  const kept = [
    preamble,
    ...sections
      .filter((s) => !REFERENCE_SECTION.test(s.heading))
      .map((s) => `## ${s.heading}\n\n${s.text}`),
  ];
  return kept
    .map((text) =>
      proseBlocks(text)
        .map((b) => b.text)
        .join('\n'),
    )
    .join('\n');
}

function draftParts(draft: string): DraftParts {
  const fm = splitFrontMatter(draft);
  if (!fm)
    return { all: draft, prose: bodyProse(draft, 1), timelineAts: '', body: draft, bodyLine: 1 };
  const strings: string[] = [];
  collectStrings(fm.data, strings);
  const data = (fm.data ?? {}) as Record<string, unknown>;
  const prose: string[] = [];
  const ats: string[] = [];
  for (const key of PROSE_FIELDS)
    if (typeof data[key] === 'string') prose.push(data[key] as string);
  for (const entry of Array.isArray(data.timeline) ? data.timeline : []) {
    if (typeof entry?.event === 'string') prose.push(entry.event);
    if (entry?.at instanceof Date) ats.push(entry.at.toISOString().replace('.000Z', 'Z'));
    else if (typeof entry?.at === 'string') ats.push(entry.at);
  }
  for (const item of Array.isArray(data.actionItems) ? data.actionItems : [])
    if (typeof item?.title === 'string') prose.push(item.title);
  return {
    all: `${draft}\n${strings.join('\n')}`,
    prose: `${prose.join('\n')}\n${bodyProse(fm.body, fm.bodyLine)}`,
    timelineAts: ats.join('\n'),
    body: fm.body,
    bodyLine: fm.bodyLine,
  };
}

/** The normalised text `missing` looks specifics up in (raw draft plus decoded front matter). */
export const draftHaystack = (draft: string): string => normalizeForCompare(draftParts(draft).all);

/** Phrases that stand in for specifics. */
const GENERALIZATIONS: RegExp[] = [
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

/** A role standing in for a named component ("an external service", "the database"). */
const ROLE_PHRASES: RegExp[] = [
  /\b(?:an?|the|one|some) (?:external|third[- ]party|upstream|downstream|internal|backend|partner|dependent|remote|legacy) (?:services?|dependenc(?:y|ies)|systems?|providers?|apis?|components?|vendors?)\b/gi,
  /\ba (?:critical |core |shared )?dependency\b/gi,
  /\b(?:the|a) (?:database|db|cache|message broker|load balancer|storage backend)\b(?! (?:team|schema|migration))/gi,
];

/** Named components (services, hosts) of the notes that the draft never names. */
function componentsDropped(notes: string, draft: string): boolean {
  const haystack = normalizeForCompare(draft);
  return extractSpecifics(notes).some(
    (s) => (s.kind === 'service' || s.kind === 'host') && !hasSpecific(haystack, s),
  );
}

/**
 * Phrases in the draft's prose that stand in for specifics, with their 1-based file line: the
 * generalising phrases, and a role ("an external service", "the database") while a component the
 * notes name is missing from the draft (the role took its place). Phrases the notes use
 * themselves are not reported; code blocks are never scanned.
 */
export function findGeneralizations(
  text: string,
  notes: string,
  firstLine = 1,
): VerifyReport['generalizations'] {
  const notesLower = notes.toLowerCase().replace(/\s+/g, ' ');
  const roles = componentsDropped(notes, text);
  const fm = splitFrontMatter(text);
  const blocks: { text: string; line: number }[] = fm
    ? [
        // Front-matter values (title, impact, timeline events) are prose too, one line each.
        ...text
          .split(/\r?\n/)
          .slice(1, fm.bodyLine - 2)
          .map((line, i) => ({ text: line, line: firstLine + 1 + i })),
        ...proseBlocks(fm.body, fm.bodyLine + firstLine - 1),
      ]
    : proseBlocks(text, firstLine);
  const out: (VerifyReport['generalizations'][number] & { column: number })[] = [];
  for (const block of blocks) {
    const lines = block.text.replace(/`[^`]*`/g, (m) => ' '.repeat(m.length)).split('\n');
    lines.forEach((prose, i) => {
      const seen: number[] = [];
      const scan = (patterns: RegExp[], isRole: boolean) => {
        for (const pattern of patterns) {
          pattern.lastIndex = 0;
          for (let m = pattern.exec(prose); m; m = pattern.exec(prose)) {
            const at = m.index;
            if (seen.some((start) => Math.abs(start - at) < 4)) continue;
            if (notesLower.includes(m[0].toLowerCase())) continue;
            if (isRole && !roles) continue;
            seen.push(at);
            out.push({ phrase: m[0], line: block.line + i, column: at });
          }
        }
      };
      scan(GENERALIZATIONS, false);
      scan(ROLE_PHRASES, true);
    });
  }
  return out
    .sort((a, b) => a.line - b.line || a.column - b.column)
    .map(({ phrase, line }) => ({ phrase, line }));
}

/** Words that mark a dead end rather than name what it was about. */
const DEAD_END_WORDS = new Set(
  (
    'suspect suspected suspects thought think ruled rule dead end ends red herring false lead cause ' +
    'checked check looked look looks seemed seems said says first next later too same normal fine ok okay ' +
    'yes nope done probably irrelevant todo confirm utc excluded hypothesis ruling wasn isn doesn didn don ' +
    'went got get gets took take maybe something someone really bit lot still again'
  ).split(' '),
);
const isStopWord = (w: string) => STOP_WORDS.has(w) || DEAD_END_WORDS.has(w);

const WORD = /[A-Za-z0-9][A-Za-z0-9_.-]*[A-Za-z0-9]|[A-Za-z0-9]/g;

/** Drops a leading time and chat nick ("[14:31] <li>") from a note line. */
const withoutTimeAndNick = (text: string) =>
  text.replace(/^\[?\d{1,2}:\d{2}(?::\d{2})?\]?\s*(?:UTC\s*)?/, '').replace(/<[^>]+>/g, ' ');

/**
 * The distinctive words of a dead-end line, lower-cased: content words of three letters or more,
 * acronyms (`LB`, `GC`, `TLS`) and tokens such as `5xx`, without stop words and plain numbers.
 */
function deadEndTerms(text: string): string[] {
  const out: string[] = [];
  for (const raw of withoutTimeAndNick(text).match(WORD) ?? []) {
    const word = raw.replace(/[.]+$/, '');
    const lower = word.toLowerCase();
    if (isStopWord(lower) || /^[\d.,:]+$/.test(word)) continue;
    const acronym = /^[A-Z]{2,}s?$/.test(word) || /^\d+[a-z]+$/i.test(word);
    if (lower.length > 2 || acronym) out.push(lower);
  }
  return [...new Set(out)];
}

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
function termWeights(notes: string): (term: string) => number {
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

/** The items of an Investigation path: top-level list items (with what is nested in them), else prose blocks. */
export function investigationItems(text: string): string[] {
  const lines = text.split(/\r?\n/);
  const items = listItems(text)
    .filter((i) => i.depth === 0)
    .map((i) => lines.slice(i.line - 1, i.endLine).join('\n'));
  const covered = new Set(
    listItems(text).flatMap((i) =>
      Array.from({ length: i.endLine - i.line + 1 }, (_, k) => i.line + k),
    ),
  );
  for (const block of proseBlocks(text))
    if (!covered.has(block.line) && block.kind !== 'heading') items.push(block.text);
  return items.filter((i) => i.trim());
}

/** The share (0..1) of a dead end's weighted terms that occur in `item`. */
function deadEndScore(
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
const DEAD_END_THRESHOLD = 0.4;

/**
 * True when a dead end from the notes is represented in the investigation text: one item of it
 * (a list item or paragraph, not the section as a whole) holds at least DEAD_END_THRESHOLD of the
 * dead end's terms, weighted by `weight`, and at least one of them, or two when it has several.
 */
function deadEndCovered(
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
function missingDeadEnds(notes: string, investigation: string): string[] {
  const weight = termWeights(notes);
  const empty = !investigation.trim() || isTodoOnly(investigation);
  return deadEndLines(notes)
    .filter((d) => empty || !deadEndCovered(deadEndTerms(d.text), investigation, weight))
    .map((d) => d.text);
}

const COMBINED =
  /\bcombin(?:ed|ation|ing|e)\b|\btogether\b|\balone\b|\bon (?:its|their) own\b|\bcompound|\binteract|\bon top of\b|\bcoupled with\b|\bin conjunction\b|\bboth\b|\bneither\b|\beach (?:factor|of them|one)\b|\bharmless\b|\bamplif|\bcombo\b|\bat the same time\b|\bcoincid|\bmet\b|\bwithout (?:the|either|any) (?:other|one)\b/i;

/** Counts the factors a Contributing factors section lists: top-level list items, else prose blocks. */
function factorCount(text: string): number {
  const items = listItems(text).filter((i) => i.depth === 0 && !TODO_PATTERN.test(i.text));
  if (items.length) return items.length;
  return proseBlocks(text).filter((b) => b.kind !== 'heading' && !isTodo(b.text)).length;
}

/** Single cause: the section presents one factor and no account of how factors combined (a TODO there is not a cause). */
export function isSingleCause(factors: string): boolean {
  if (!factors.trim() || isTodoOnly(factors) || TODO_PATTERN.test(factors)) return false;
  return factorCount(factors) <= 1 && !COMBINED.test(factors);
}

/** The text of every section the canonical table files under `slot` ("Investigation path, including dead ends" too). */
function slotText(sections: readonly Section[], slot: SectionSlot): string {
  return sections
    .filter((s) => canonicalSection(s.heading)?.slot === slot)
    .map((s) => s.text)
    .join('\n\n');
}

/** How a draft quantity follows from the notes, or undefined: a duration between two times (or whole days between two dates), a sum or difference, a count's noun changed. */
function derivation(
  q: Quantity,
  notesQuantities: readonly Quantity[],
  notesTimes: readonly TimeFact[],
  notesNumbers: readonly Quantity[] = [],
  notesDays: readonly string[] = [],
): string | undefined {
  const renamed = notesQuantities.find((n) => sameNumber(q, n));
  if (renamed) return renamed.text;
  // A rate whose number the notes give as a count per time ("14,000 handshake failures/min"),
  // and a count "per second" whose number is a rate of the notes ("1,200 requests per second").
  if (q.dimension === 'rate') {
    const count = notesQuantities.find(
      (n) => (n.dimension === 'count' || n.dimension === 'number') && n.base === q.value,
    );
    if (count) return `${count.text} in the notes`;
  }
  if (q.dimension === 'count') {
    const rate = notesQuantities.find((n) => n.dimension === 'rate' && n.value === q.base);
    if (rate) return `${rate.text} in the notes`;
  }
  // A count of a number the notes give elsewhere (a setting's value, "24 pods x 50").
  if (q.dimension === 'count') {
    const bare = notesNumbers.find((n) => n.base === q.base);
    if (bare) return `${bare.text} in the notes`;
  }
  if (q.dimension === 'duration' && q.base >= 86400) {
    // Whole days between two of the notes' dates ("failing since 2025-12-16" on 2026-01-15).
    for (const a of notesDays)
      for (const b of notesDays) {
        const seconds = (Date.parse(b) - Date.parse(a)) / 1000;
        if (seconds > 0 && closeTo(q.base, seconds, Math.max(q.precision, 43200)))
          return `${a} → ${b}`;
      }
  }
  if (q.dimension === 'duration') {
    for (let i = 0; i < notesTimes.length; i++)
      for (let j = 0; j < notesTimes.length; j++) {
        const a = notesTimes[i];
        const b = notesTimes[j];
        if (!a || !b || i === j) continue;
        const seconds = minutesBetween(a, b) * 60;
        if (seconds > 0 && seconds <= 12 * 3600 && closeTo(q.base, seconds, q.precision))
          return `${a.text} → ${b.text}`;
      }
  }
  const pool = notesQuantities.filter(
    (n) =>
      n.dimension === q.dimension ||
      (q.dimension === 'number' && n.dimension === 'count') ||
      (q.dimension === 'count' && n.dimension === 'number'),
  );
  for (let i = 0; i < pool.length; i++)
    for (let j = i + 1; j < pool.length; j++) {
      const a = pool[i];
      const b = pool[j];
      if (!a || !b || a.base === b.base) continue;
      if (q.dimension === 'count' && a.noun && b.noun && a.noun !== b.noun) continue;
      // As precise as the operands: 3.9 TiB + 0.1 TiB is 4 TiB, 2 TiB + 1.9 TiB is not.
      const precision = Math.min(q.precision, Math.max(a.precision, b.precision));
      if (closeTo(q.base, a.base + b.base, precision)) return `${a.text} + ${b.text}`;
      const [hi, lo] = a.base > b.base ? [a, b] : [b, a];
      if (closeTo(q.base, hi.base - lo.base, precision)) return `${hi.text} − ${lo.text}`;
    }
  return undefined;
}

/** True when a notes timestamp appears in the draft: literally, as the same instant, or the same clock time with no zone. */
function timeKept(note: TimeFact | undefined, draftTimes: readonly TimeFact[]): boolean {
  if (!note) return false;
  return draftTimes.some(
    (d) =>
      sameInstant(note, d) ||
      (Math.abs(d.minutes - note.minutes) < 1e-6 &&
        (d.offset === undefined || note.offset === undefined || d.offset === note.offset) &&
        (!d.day || !note.day || d.day === note.day)),
  );
}

/**
 * Verifies `draft` against `notes`. The caller redacts the notes the way the draft's were (see
 * `casebook verify`), so placeholders match.
 */
export function verifyDraft(draft: string, cleanNotes: string): VerifyReport {
  const parts = draftParts(draft);
  const haystack = normalizeForCompare(parts.all);
  const notesNorm = normalizeForCompare(cleanNotes);
  const notesQuantities = quantitiesIn(cleanNotes);
  const notesTimes = timesIn(cleanNotes);
  const notesZone = declaredZone(cleanNotes);
  const notesNumbers = numbersIn(cleanNotes);
  const notesDays = [
    ...new Set(
      extractSpecifics(cleanNotes)
        .filter((s) => s.kind === 'timestamp')
        .map((s) => dayOf(s.text))
        .filter((d): d is string => d !== undefined),
    ),
  ];
  const draftQuantities = quantitiesIn(parts.all);
  const draftTimes = [...timesIn(parts.all), ...timesIn(parts.timelineAts)];

  const missing: string[] = [];
  for (const s of extractSpecifics(cleanNotes)) {
    if (hasSpecific(haystack, s)) continue;
    if (s.kind === 'quantity') {
      const q = parseQuantity(s.text);
      if (q && draftQuantities.some((d) => sameQuantity(q, d) || sameNumber(q, d))) continue;
      // A count per time written as a rate ("14,000 handshake failures/min" → "14k failures/min"),
      // or a rate written as a count per time ("1.2k rps" → "1,200 requests per second").
      const countAndRate = (a: Quantity, b: Quantity) =>
        a.dimension === 'count' && b.dimension === 'rate' && a.base === b.value;
      if (q && draftQuantities.some((d) => countAndRate(q, d) || countAndRate(d, q))) continue;
    }
    if (s.kind === 'timestamp') {
      const note =
        notesTimes.find((t) => t.text === s.text || t.text.startsWith(`${s.text} `)) ??
        timesIn(s.text).map((t) =>
          t.offset === undefined && notesZone !== undefined ? { ...t, offset: notesZone } : t,
        )[0];
      if (timeKept(note, draftTimes)) continue;
    }
    missing.push(s.text);
  }

  const invented: string[] = [];
  const derived: VerifyReport['derived'] = [];
  // A duration in several units ("1 hour and 29 minutes") is one value, judged whole.
  const compounds = compoundDurationsIn(parts.prose);
  const inCompound = new Set(compounds.flatMap((c) => c.parts.map(normalizeForCompare)));
  for (const c of compounds) {
    if (notesQuantities.some((n) => sameQuantity(c, n))) continue;
    const from = derivation(c, notesQuantities, notesTimes, notesNumbers, notesDays);
    if (from) derived.push({ value: c.text, from });
    else invented.push(normalizeForCompare(c.text));
  }
  for (const s of checkableSpecifics(parts.prose)) {
    if (inCompound.has(normalizeForCompare(s.text))) continue;
    if (hasSpecific(notesNorm, s)) continue;
    // A config key that the notes give without this value, or a value the notes never state.
    const config = s.kind === 'config' ? configParts(s.text) : null;
    if (config && /^(?:TODO|\[REDACTED)/.test(config.value)) continue;
    if (TODO_PATTERN.test(s.text) || /\[REDACTED:/.test(s.text)) continue;
    const q = s.kind === 'quantity' ? parseQuantity(s.text) : undefined;
    if (q) {
      if (notesQuantities.some((n) => sameQuantity(q, n))) continue;
      // "the daily 403s": the plural of a status code the notes give, not 403 seconds.
      if (/^[1-5]\d\ds$/.test(s.text) && notesNumbers.some((n) => n.base === q.value)) continue;
      const from = derivation(q, notesQuantities, notesTimes, notesNumbers, notesDays);
      if (from) {
        derived.push({ value: s.text, from });
        continue;
      }
    }
    invented.push(normalizeForCompare(s.text).replace(/^~/, ''));
  }

  const zoneChanged: VerifyReport['zoneChanged'] = [];
  for (const d of [...timesIn(parts.prose), ...timesIn(parts.timelineAts)]) {
    if (d.offset === undefined || !d.zoneWritten) continue;
    if (notesTimes.some((n) => sameInstant(n, d))) continue;
    const shifted = notesTimes.find(
      (n) =>
        n.offset !== undefined &&
        n.offset !== d.offset &&
        Math.abs(n.minutes - d.minutes) < 1e-6 &&
        (!n.day || !d.day || n.day === d.day),
    );
    if (shifted && !zoneChanged.some((z) => z.value === d.text)) {
      zoneChanged.push({ value: d.text, notes: shifted.text });
      invented.push(d.text);
    }
  }

  const { sections } = splitSections(parts.body, parts.bodyLine);
  const investigation = slotText(sections, 'investigation');
  const deadEnds = deadEndLines(cleanNotes);
  const lostDeadEnds = deadEnds.length ? missingDeadEnds(cleanNotes, investigation) : [];

  return {
    missing,
    invented: [...new Set(invented)],
    derived,
    generalizations: findGeneralizations(draft, cleanNotes),
    deadEndsMissing: lostDeadEnds.length > 0,
    missingDeadEnds: lostDeadEnds,
    singleCause: isSingleCause(slotText(sections, 'contributing')),
    todos: countTodos(draft),
    zoneChanged,
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
      ? `invented (${r.invented.length}): values in the draft the notes do not support:\n${r.invented.map((m) => `  - ${m}`).join('\n')}`
      : 'invented: none',
  );
  for (const z of r.zoneChanged)
    out.push(`  zone changed without converting: ${z.value} (the notes say ${z.notes})`);
  if (r.derived.length)
    out.push(
      `derived (${r.derived.length}): values worked out from the notes; check them:\n${r.derived.map((d) => `  - ${d.value} (from ${d.from})`).join('\n')}`,
    );
  out.push(
    r.generalizations.length
      ? `generalizations (${r.generalizations.length}):\n${r.generalizations.map((g) => `  - line ${g.line}: "${g.phrase}"`).join('\n')}`
      : 'generalizations: none',
  );
  out.push(
    r.missingDeadEnds.length
      ? `dead ends missing from Investigation path (${r.missingDeadEnds.length}):\n${r.missingDeadEnds.map((d) => `  - ${d}`).join('\n')}`
      : 'dead ends missing from Investigation path: none',
  );
  out.push(`single cause in Contributing factors: ${r.singleCause ? 'YES' : 'no'}`);
  out.push(`TODO: markers left: ${r.todos}`);
  return out.join('\n');
}
