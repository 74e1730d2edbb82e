/**
 * Paragraphs of incident prose → the part of a review they belong to, by content, for text whose
 * headings give no answer (heading-less write-ups, unknown headings, a preamble): a narrative of
 * what broke is the mechanism, "we first suspected …" the investigation path, "compounded by …" a
 * contributing factor, "there was no runbook" a systemic factor, "we will …" a follow-up. Cue
 * phrases are matched on the shared stemmer's stems (classify/words.ts), so "suspected",
 * "suspects" and "suspecting" are one cue. Pure.
 */
import { stem } from './words.ts';
import { isRuledOut } from './lines.ts';
import { topBlocks, type SectionSlot } from '../markdown/index.ts';

/** Where a paragraph belongs: the slots of the one heading table that hold prose. */
type ParagraphSlot = Exclude<SectionSlot, 'impact' | 'timeline' | 'supporting'>;

/**
 * Cue phrases per slot with their weight. A phrase matches a run of stems; weight 3 is decisive
 * alone, 2 is strong, 1 needs company. Written as plain words, stemmed when the module loads.
 */
const CUES: Readonly<Record<ParagraphSlot, readonly (readonly [string, number])[]>> = {
  investigation: [
    ['suspected', 3],
    ['we suspect', 3],
    ['we first thought', 3],
    ['initially thought', 3],
    ['we thought', 2],
    ['first thought', 3],
    ['ruled out', 3],
    ['rule out', 3],
    ['turned out', 2],
    ['turned out not to be', 3],
    ['red herring', 3],
    ['dead end', 3],
    ['hypothesis', 3],
    ['investigated', 2],
    ['investigating', 2],
    ['investigation', 2],
    ['began investigating', 3],
    ['started investigating', 3],
    ['troubleshooting', 2],
    ['troubleshoot', 2],
    ['debugging', 2],
    ['diagnosed', 2],
    ['diagnose', 2],
    ['we looked at', 2],
    ['we checked', 2],
    ['we noticed', 2],
    ['we discovered', 2],
    ['we identified', 2],
    ['we found', 1],
    ['was paged', 3],
    ['were paged', 3],
    ['paged', 2],
    ['on call', 2],
    ['was alerted', 3],
    ['were alerted', 3],
    ['alerts fired', 3],
    ['alert fired', 3],
    ['was detected', 2],
    ['we detected', 3],
    ['responders', 2],
    ['escalated', 2],
    ['rolled back', 2],
    ['roll back', 2],
    ['reverted', 2],
    ['mitigated', 2],
    ['mitigate', 2],
    ['mitigation', 2],
    ['workaround', 2],
    ['failed over', 2],
    ['restored', 2],
    ['recovered', 1],
    ['we restarted', 2],
    ['were restarted', 2],
    ['manually', 1],
    ['incident was declared', 3],
    ['declared an incident', 3],
    ['to resolve', 3],
    ['resolved the', 2],
    ['upon discovery', 3],
    ['upon detecting', 3],
    ['after detecting', 3],
    ['after discovering', 3],
    ['began receiving reports', 3],
    ['received reports', 3],
    ['reports of', 1],
    ['fix was implemented', 3],
    ['fix was deployed', 3],
    ['hotfix', 2],
    ['was pulled', 2],
    ['revoked', 2],
    ['rotated', 2],
    ['restarted', 1],
    ['recovery', 2],
    ['in the interim', 1],
    ['temporary', 1],
    ['engineers', 1],
    ['the team', 1],
    ['identified', 1],
  ],
  contributing: [
    ['contributing', 3],
    ['contributed', 3],
    ['contributor', 3],
    ['compounded', 3],
    ['compounding', 3],
    ['combined with', 3],
    ['in combination with', 3],
    ['exacerbated', 3],
    ['aggravated', 3],
    ['amplified', 2],
    ['made worse', 3],
    ['made the problem worse', 3],
    ['worsened', 3],
    ['coincided', 2],
    ['at the same time', 2],
    ['in addition', 2],
    ['additionally', 2],
    ['further', 1],
    ['another factor', 3],
    ['a second factor', 3],
    ['also', 1],
  ],
  systemic: [
    ['no runbook', 3],
    ['runbook', 2],
    ['playbook', 2],
    ['we lacked', 3],
    ['lack of', 2],
    ['lacked', 2],
    ['alerting did not', 3],
    ['monitoring did not', 3],
    ['no alert', 3],
    ['no alerting', 3],
    ['no monitoring', 3],
    ['not monitored', 3],
    ['without monitoring', 3],
    ['missing monitoring', 3],
    ['review process', 3],
    ['code review', 2],
    ['not caught', 3],
    ['was not tested', 3],
    ['were not tested', 3],
    ['not covered by', 2],
    ['test coverage', 2],
    ['staging', 1],
    ['blind spot', 3],
    ['was skipped', 2],
    ['were skipped', 2],
    ['process', 1],
    ['processes', 1],
    ['procedure', 2],
    ['documentation', 1],
    ['undocumented', 2],
    ['ownership', 2],
    ['no owner', 3],
    ['capacity planning', 2],
    ['organizational', 3],
    ['organisational', 3],
    ['culture', 2],
    ['did not have', 2],
    ['no way to', 2],
    ['single point of failure', 2],
    ['tooling', 1],
    ['visibility', 1],
  ],
  actionItems: [
    ['we will', 3],
    ['will be', 1],
    ['we are going to', 3],
    ['we plan to', 3],
    ['we are adding', 3],
    ['we have since', 3],
    ['we are working on', 3],
    ['we are implementing', 3],
    ['action items', 3],
    ['action item', 3],
    ['follow up', 2],
    ['follow ups', 2],
    ['going forward', 3],
    ['in the future', 2],
    ['to prevent this', 2],
    ['to prevent a recurrence', 2],
    ['to prevent similar', 2],
    ['next steps', 3],
    ['we are committed', 2],
    ['we intend to', 3],
    ['plans to', 3],
    ['is working on', 3],
    ['are working on', 3],
    ['actively working', 3],
    ['further actions', 3],
    ['is implementing', 3],
    ['are implementing', 3],
    ['improvements', 2],
    ['remediations', 2],
    ['recommendations', 2],
    ['remediation', 2],
    ['to prevent', 1],
    ['prevent future', 1],
    ['prevent recurrence', 3],
    ['will', 1],
  ],
  lessons: [
    ['we learned', 3],
    ['we learnt', 3],
    ['lesson', 3],
    ['lessons learned', 3],
    ['went well', 3],
    ['got lucky', 3],
    ['takeaway', 3],
  ],
  mechanism: [
    ['caused', 2],
    ['cause', 1],
    ['root cause', 2],
    ['because', 1],
    ['due to', 1],
    ['triggered', 2],
    ['led to', 1],
    ['resulted in', 1],
    ['which meant', 1],
    ['bug', 2],
    ['crashed', 1],
    ['crash', 1],
    ['failed', 1],
    ['failure', 1],
    ['exhausted', 2],
    ['overloaded', 2],
    ['leak', 2],
    ['misconfiguration', 2],
    ['misconfigured', 2],
    ['race condition', 2],
    ['deadlock', 2],
    ['timeout', 1],
    ['error', 1],
    ['errors', 1],
    ['expired', 1],
    ['deployed', 1],
    ['deploy', 1],
    ['change', 1],
    ['configuration', 1],
    ['when the', 1],
  ],
  summary: [
    ['impact', 2],
    ['impacted', 2],
    ['affected', 1],
    ['customers', 1],
    ['users', 1],
    ['outage', 1],
    ['unavailable', 1],
    ['downtime', 2],
    ['degraded', 1],
    ['for approximately', 1],
    ['between', 1],
    ['this document', 2],
    ['this postmortem', 3],
    ['this post mortem', 3],
    ['this incident report', 3],
    ['this report', 2],
    ['summary', 2],
    ['in short', 2],
  ],
};

/** Order that breaks ties: the more specific reading first. */
const PRIORITY: readonly ParagraphSlot[] = [
  'investigation',
  'systemic',
  'contributing',
  'actionItems',
  'lessons',
  'mechanism',
  'summary',
];

/** Score a paragraph needs before it is placed by content. */
const MIN_SCORE = 2;
/** Paragraphs this short or shorter with impact cues read as an overview (Summary). */
const SHORT_OVERVIEW_WORDS = 60;

/** Lower-case word stems, with contractions opened ("didn't" → "did not", "we'll" → "we will"). */
function stems(text: string): string[] {
  const opened = text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/\bwon't\b/g, 'will not')
    .replace(/\bcan't\b/g, 'can not')
    .replace(/n't\b/g, ' not')
    .replace(/'ll\b/g, ' will')
    .replace(/'re\b/g, ' are')
    .replace(/'ve\b/g, ' have');
  return (opened.match(/[a-z0-9]+/g) ?? []).map(stem);
}

const CUE_STEMS = Object.fromEntries(
  Object.entries(CUES).map(([slot, cues]) => [
    slot,
    cues.map(([phrase, weight]) => ({ phrase, words: stems(phrase), weight })),
  ]),
) as Record<ParagraphSlot, { phrase: string; words: string[]; weight: number }[]>;

/**
 * The cues of one slot found in `seq`, longest first; a cue inside a longer one already found
 * ("to prevent" inside "to prevent similar") does not count again.
 */
function cuesFound(
  seq: readonly string[],
  cues: readonly { phrase: string; words: string[]; weight: number }[],
): { phrase: string; weight: number }[] {
  const covered = new Set<number>();
  const found: { phrase: string; weight: number }[] = [];
  for (const cue of [...cues].sort((a, b) => b.words.length - a.words.length)) {
    for (let i = 0; i + cue.words.length <= seq.length; i++) {
      if (!cue.words.every((w, j) => seq[i + j] === w)) continue;
      const span = cue.words.map((_, j) => i + j);
      if (span.every((k) => covered.has(k))) continue;
      span.forEach((k) => covered.add(k));
      found.push(cue);
      break;
    }
  }
  return found;
}

/** A paragraph's reading: the slot, its score and the cues that decided it. */
export interface ParagraphClass {
  slot: ParagraphSlot;
  score: number;
  cues: string[];
}

/**
 * Where a paragraph belongs by content, or undefined when it carries too little signal (the
 * caller decides: a neighbour's slot, or its heading's). A cue counts once per paragraph; a
 * longer cue that contains a shorter one ("ruled out" / "out") does not double count, because
 * cues are whole phrases. Short paragraphs about impact read as the Summary.
 */
export function classifyParagraph(text: string): ParagraphClass | undefined {
  const seq = stems(text);
  if (!seq.length) return undefined;
  const scored = PRIORITY.map((slot) => {
    const cues = cuesFound(seq, CUE_STEMS[slot]);
    let score = cues.reduce((n, c) => n + c.weight, 0);
    // The shared dead-end rule (a suspect or a ruled-out path) is investigation evidence.
    if (slot === 'investigation' && text.split('\n').some((l) => isRuledOut(l))) score += 1;
    // An overview: short, about impact. Longer impact prose is narrative, not a summary.
    if (slot === 'summary' && seq.length > SHORT_OVERVIEW_WORDS) score = Math.min(score, 1);
    return { slot, score, cues: cues.map((c) => c.phrase) };
  });
  const best = scored.reduce((a, b) => (b.score > a.score ? b : a));
  return best.score >= MIN_SCORE ? best : undefined;
}

/** A run of consecutive blocks placed together. */
export interface ClassifiedPart {
  /** Undefined when no block of the text carried a signal (the caller keeps its own destination). */
  slot: ParagraphSlot | undefined;
  text: string;
}

export interface ClassifyBlocksOptions {
  /** Slot of the first prose block regardless of content (e.g. `summary` for a write-up's lead). */
  first?: ParagraphSlot;
  /** Slot of prose blocks with no signal (default: the previous block's slot). */
  fallback?: ParagraphSlot;
}

/**
 * Splits Markdown into its top-level blocks (through the Markdown module: a list, table or code
 * block stays whole) and places each by content. Blocks with no signal (code, tables, short
 * lines, prose without cues) follow `fallback`, else the previous placed block, else the next.
 * Adjacent blocks with the same slot are joined. When no block has a signal and there is neither
 * `first` nor `fallback`, the one part has `slot: undefined`.
 */
export function classifyBlocks(
  markdown: string,
  options: ClassifyBlocksOptions = {},
): ClassifiedPart[] {
  const blocks = topBlocks(markdown).filter((b) => b.text.trim());
  if (!blocks.length) return [];
  let firstProse = blocks.findIndex((b) => b.type === 'paragraph' || b.type === 'list');
  if (firstProse < 0) firstProse = 0;
  const slots: (ParagraphSlot | undefined)[] = blocks.map((b, i) => {
    if (options.first && i === firstProse) return options.first;
    const prose = b.type === 'paragraph' || b.type === 'list' || b.type === 'blockquote';
    return prose ? classifyParagraph(b.plain)?.slot : undefined;
  });
  if (slots.every((s) => s === undefined) && !options.fallback)
    return [{ slot: undefined, text: blocks.map((b) => b.text).join('\n\n') }];
  // Blocks with no signal: prose follows the fallback; anything else stays with its neighbours.
  blocks.forEach((b, i) => {
    if (slots[i] !== undefined) return;
    const prose = b.type === 'paragraph' || b.type === 'list' || b.type === 'blockquote';
    if (prose && options.fallback) slots[i] = options.fallback;
  });
  for (let i = 0; i < slots.length; i++) slots[i] ??= slots[i - 1];
  for (let i = slots.length - 1; i >= 0; i--) slots[i] ??= slots[i + 1] ?? options.fallback;
  const parts: ClassifiedPart[] = [];
  blocks.forEach((b, i) => {
    const last = parts[parts.length - 1];
    if (last && last.slot === slots[i]) last.text += `\n\n${b.text}`;
    else parts.push({ slot: slots[i], text: b.text });
  });
  return parts;
}
